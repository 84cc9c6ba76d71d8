"""Load a course's competence mapping file (competences.yaml) into CompetenceMapping rows for one course run.

Idempotent: re-running the same file changes nothing. Rows of the run that the file no longer lists are reported,
and deleted only with --prune. One transaction: a file with any error (named by entry number and field) changes
nothing. Format: the header of course_content/wise-innovation/competences.yaml; docs/course_teams/course.md.
"""

from django.core.management.base import BaseCommand, CommandError

from wise_skills.course_mapping import MappingFileError, apply_mapping, parse_mapping_file


class Command(BaseCommand):
    help = "Create/update the competence mappings of a course run from its competences.yaml (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument(
            "path", help="The course's mapping file, e.g. course_content/wise-innovation/competences.yaml"
        )
        parser.add_argument(
            "--course-key",
            required=True,
            help="The course run the usage keys are built for, e.g. course-v1:InnoWISEs+WISE101+2026_en",
        )
        parser.add_argument("--dry-run", action="store_true", help="Validate and report; change nothing.")
        parser.add_argument("--prune", action="store_true", help="Delete this run's mappings the file no longer lists.")

    def handle(self, *args, **options):
        try:
            entries = parse_mapping_file(options["path"])
            plan = apply_mapping(entries, options["course_key"], prune=options["prune"], dry_run=options["dry_run"])
        except MappingFileError as exc:
            raise CommandError("invalid mapping file, nothing changed:\n  " + "\n  ".join(exc.errors)) from exc
        prefix = "[dry run] would have " if options["dry_run"] else ""
        for source_key, key in plan.created:
            self.stdout.write(f"  {prefix}created {source_key} -> {key}")
        for source_key, key in plan.updated:
            self.stdout.write(f"  {prefix}updated {source_key} -> {key}")
        for source_key, key in plan.removed:
            verb = f"{prefix}deleted" if options["prune"] else "not in the file (kept; --prune deletes it)"
            self.stdout.write(f"  {verb} {source_key} -> {key}")
        removed = len(plan.removed)
        self.stdout.write(
            self.style.SUCCESS(
                f"{prefix}{plan.course_key}: {len(plan.created)} created, {len(plan.updated)} updated, "
                f"{len(plan.unchanged)} unchanged, {removed} {'pruned' if options['prune'] else 'not in the file'}."
            )
        )
