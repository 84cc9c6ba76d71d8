"""Export the frameworks and role profiles as they are in the database: JSON (re-loadable) or CSV (one row per
competence, with licence and attribution on every row)."""

from django.core.management.base import BaseCommand

from wise_skills.loading import dumps, export_csv, export_json


class Command(BaseCommand):
    help = "Export the competence frameworks (and roles) as JSON or CSV."

    def add_arguments(self, parser):
        parser.add_argument("--format", choices=["json", "csv"], default="json")
        parser.add_argument("--output", "-o", help="File to write (default: standard output).")

    def handle(self, *args, **options):
        text = dumps(export_json()) if options["format"] == "json" else export_csv()
        if options["output"]:
            with open(options["output"], "w", encoding="utf-8", newline="") as handle:
                handle.write(text)
            self.stderr.write(f"Wrote {options['output']}")
        else:
            self.stdout.write(text, ending="")
