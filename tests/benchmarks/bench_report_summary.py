"""Benchmark of today's gap reports read from the stored summary (wise_skills.models_summary) next to the live
pair query they replace (the baseline), for the dashboard's heatmaps; and what keeping the summary costs.

Data: the skills-report benchmark's data set (tests/benchmarks/bench_skills_reports.py: WISE_BENCH_LEARNERS
learners, default 100 000, 500 WISEs, 25 networks, 40 competences), seeded into a throwaway database.

Printed, per heatmap (staff user; the report the page asks for, best of 3, alternating both paths): the live query's
seconds, the summary's seconds, their ratio, the query counts, and whether both gave the same report (every cell,
withheld ones included). Then: the full rebuild (`recompute_wise_skills`), and the report right after one learner's
new self-assessment (it recomputes that learner's cell first).

Run: `make bench`, or `WISE_BENCH_LEARNERS=20000 DJANGO_SETTINGS_MODULE=devsite.settings_test PYTHONPATH=devsite:.
.venv/bin/python tests/benchmarks/bench_report_summary.py`. Prints figures only; nothing is asserted about time.
"""

import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path[:0] = [str(ROOT / "devsite"), str(ROOT)]
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "devsite.settings_test")

from tests.benchmarks.bench_skills_reports import (  # noqa: E402
    LEARNERS,
    seed,
    setup_database,
    teardown_database,
    timed_pair,
)

VIEWS = (
    ("all networks (no filter)", {}, "competence"),
    ("all networks, rows = areas", {}, "area"),
    ("one network (its WISEs as columns)", {"network": ["net-IT-0"]}, "competence"),
    ("one country, rows = areas", {"country": ["SI"]}, "area"),
    ("one sector", {"sector": ["waste"]}, "competence"),
    ("one WISE (its roles as columns)", {"wise": ["wise-0000"]}, "competence"),
)


def main():
    tmp = setup_database()
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from wise_skills import public_api, report_summary, reports
    from wise_skills.dashboard import data
    from wise_skills.models import Competence, GapSummary
    from wise_skills.permissions import Scope

    try:
        print(f"wise_skills report summary: {LEARNERS} learners, database {connection.vendor}")
        seed()
        with connection.cursor() as cursor:  # fresh statistics, as a production database keeps them
            if connection.vendor == "sqlite":
                cursor.execute("ANALYZE")
        t0 = time.perf_counter()
        built = report_summary.rebuild_summary()
        print(f"full rebuild (recompute_wise_skills): {time.perf_counter() - t0:.2f} s, {built['rows']} rows")
        print(f"  ({GapSummary.objects.filter(grain='competence').count()} (WISE, role, competence) rows)")

        scope = Scope(user_id=None, is_staff=True)
        print(f"{'heatmap':<40}{'live s':>9}{'summary s':>11}{'ratio':>8}{'queries':>10}  same report")
        for label, filters, rows in VIEWS:
            view = data.View(filters=filters, rows=rows)
            params = reports.ReportParams(group_by=(rows, data.columns_for(scope, view)), filters=filters)

            def run(use_summary, params=params):
                with CaptureQueriesContext(connection) as ctx:
                    report = reports.gap_report(scope, params, use_summary=use_summary)
                return report, len(ctx.captured_queries)

            (live_s, fast_s), ((live, live_q), (fast, fast_q)) = timed_pair(lambda: run(False), lambda: run(True))
            print(
                f"{label:<40}{live_s:>9.3f}{fast_s:>11.3f}{live_s / fast_s:>8.1f}x{live_q:>5} /{fast_q:>3}  "
                f"{'yes' if live == fast else 'NO'}"
            )

        comp = Competence.objects.get(id=GapSummary.objects.filter(grain="competence").values("competence")[:1])
        public_api.record_self_assessment(7, "block-v1:Bench+C+R+type@wise_skills_check+block@b", {comp.key: 3})
        params = reports.ReportParams(group_by=("competence", "network"))
        t0 = time.perf_counter()
        reports.gap_report(scope, params)
        after_write = time.perf_counter() - t0
        t0 = time.perf_counter()
        reports.gap_report(scope, params)
        print(
            f"unfiltered report after one new self-assessment: {after_write:.3f} s "
            f"(recomputes that learner's cell), then {time.perf_counter() - t0:.3f} s"
        )
    finally:
        teardown_database(tmp)


if __name__ == "__main__":
    main()
