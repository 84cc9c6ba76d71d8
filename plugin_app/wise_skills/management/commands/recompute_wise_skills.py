"""Rebuild every learner's current level (LearnerLevel) from the evidence, by the documented rule.

Needed after a bulk import of evidence or a change of the rule; safe to run at any time (batches of learners,
each batch in its own transaction, progress shown). With --async the work is queued as Celery tasks instead.

Then (or alone, with --summary-only) it rebuilds the stored summary of today's gap reports
(wise_skills.models_summary): the dashboard reads it from then on, and keeps it up to date by itself.
"""

from django.core.management.base import BaseCommand

from wise_skills.levels import recompute_levels
from wise_skills.models import Evidence


class Command(BaseCommand):
    help = "Recompute the current level of every learner from their evidence."

    def add_arguments(self, parser):
        parser.add_argument("--batch-size", type=int, default=500, help="Learners per transaction.")
        parser.add_argument("--user-id", type=int, action="append", help="Only these learners (repeatable).")
        parser.add_argument("--async", dest="use_celery", action="store_true", help="Queue Celery tasks instead.")
        parser.add_argument(
            "--summary-only", action="store_true", help="Only rebuild the stored summary of today's gap reports."
        )

    def handle(self, *args, **options):
        if options["summary_only"]:
            self._summary(options)
            return
        user_ids = options["user_id"] or list(
            Evidence.objects.values_list("user_id", flat=True).distinct().order_by("user_id")
        )
        if options["use_celery"]:
            from wise_skills.tasks import recompute_levels_task

            size = options["batch_size"]
            for i in range(0, len(user_ids), size):
                recompute_levels_task.delay(user_ids[i : i + size])
            self.stdout.write(f"Queued {len(user_ids)} learners in batches of {size}.")
            self._summary(options)
            return

        def progress(done, total):
            self.stdout.write(f"  {done}/{total} learners", ending="\r" if done < total else "\n")
            self.stdout.flush()

        done = recompute_levels(user_ids, batch_size=options["batch_size"], progress=progress)
        self.stdout.write(self.style.SUCCESS(f"Recomputed the current levels of {done} learners."))
        if not options["user_id"]:  # a few learners' new levels marked their own cells: no rebuild needed
            self._summary(options)

    def _summary(self, options):
        """The report summary, after the levels (a level written meanwhile marks its cell: nothing is lost)."""
        if options["use_celery"]:
            from wise_skills.tasks import refresh_report_summary_task

            refresh_report_summary_task.delay()
            self.stdout.write("Queued the rebuild of the report summary.")
            return
        from wise_skills.report_summary import rebuild_summary

        built = rebuild_summary()
        self.stdout.write(self.style.SUCCESS(f"Rebuilt the report summary of {built['day']}: {built['rows']} rows."))
