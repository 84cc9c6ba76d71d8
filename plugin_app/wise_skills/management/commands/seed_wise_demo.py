"""Seed the realistic demo data `make demo` shows (idempotent; see wise_skills/demo.py for what it creates)."""

from django.core.management.base import BaseCommand

from wise_skills.demo import LEARNERS, DemoSeeder
from wise_skills.report_summary import rebuild_summary


class Command(BaseCommand):
    help = "Create the demo networks, WISEs, accounts (password 'demo'), memberships and evidence. Idempotent."

    def add_arguments(self, parser):
        parser.add_argument("--learners", type=int, default=LEARNERS, help=f"How many learners (default {LEARNERS}).")

    def handle(self, *args, **options):
        counts = DemoSeeder(options["learners"], progress=lambda msg: self.stdout.write(f"  {msg}")).run()
        # As an operator does after installing (Tutor's init job): the dashboard then reads the stored summary.
        summary = rebuild_summary()
        self.stdout.write(f"  report summary: {summary['rows']} rows")
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo ready: {counts['wises']} WISEs, {counts['learners']} learners, {counts['mappings']} mappings. "
                "Accounts: staff, coordinator, manager-it, manager-si, learner1..; password: demo"
            )
        )
