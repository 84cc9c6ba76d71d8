"""Import WISEs, roles, memberships, competence mappings, managers or coordinators from a CSV file.

All or nothing: errors are listed with their row numbers and nothing is written; otherwise one transaction.
See wise_skills/csv_import.py for the columns of each kind.
"""

from django.core.management.base import BaseCommand, CommandError

from wise_skills.csv_import import COLUMNS, ImportFailed, import_csv


class Command(BaseCommand):
    help = "Import WISEs/roles/memberships/mappings/managers/coordinators from CSV (all rows or none)."

    def add_arguments(self, parser):
        parser.add_argument("kind", choices=sorted(COLUMNS))
        parser.add_argument("path", help="CSV file (UTF-8, header row).")
        parser.add_argument("--dry-run", action="store_true", help="Validate only; write nothing.")

    def handle(self, *args, **options):
        try:
            with open(options["path"], encoding="utf-8-sig", newline="") as handle:
                text = handle.read()
        except OSError as exc:
            raise CommandError(f"cannot read {options['path']}: {exc}") from exc
        try:
            result = import_csv(text, options["kind"], dry_run=options["dry_run"])
        except ImportFailed as exc:
            raise CommandError(str(exc)) from exc
        verb = "Validated" if options["dry_run"] else "Imported"
        self.stdout.write(
            self.style.SUCCESS(
                f"{verb} {result.rows} {result.kind} rows ({result.created} created, {result.updated} updated)."
            )
        )
