"""Load (or upgrade) the competence frameworks and role profiles shipped with wise_skills into the database.

Idempotent and upgrade-safe: rows are matched by key and updated in place; competences dropped from a newer
file are deactivated, never deleted, so evidence is kept. One transaction: an invalid file changes nothing.
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from wise_skills.frameworks.catalogue import CatalogueError, load_catalogue
from wise_skills.loading import load_frameworks


class Command(BaseCommand):
    help = "Load or upgrade the competence frameworks and role profiles (idempotent, never deletes evidence)."

    def add_arguments(self, parser):
        parser.add_argument("--data-dir", help="Folder of framework JSON files (default: the shipped ones).")
        parser.add_argument("--roles-dir", help="Folder of role profile JSON files (default: the shipped ones).")
        parser.add_argument("--no-roles", action="store_true", help="Load the frameworks only.")

    def handle(self, *args, **options):
        try:
            catalogue = load_catalogue(
                Path(options["data_dir"]) if options["data_dir"] else None,
                Path(options["roles_dir"]) if options["roles_dir"] else None,
            )
            counts = load_frameworks(
                catalogue, roles=not options["no_roles"], progress=lambda msg: self.stdout.write(f"  {msg}")
            )
        except (CatalogueError, ValueError) as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(
            self.style.SUCCESS(
                f"{counts['frameworks']} frameworks, {counts['competences']} competences, {counts['roles']} roles "
                f"({counts['changed']} rows created or changed, {counts['deactivated']} competences deactivated)."
            )
        )
