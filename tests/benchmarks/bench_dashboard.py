"""Benchmark of the skills-gap dashboard: page server time and query count on the large data set, live and with
the stored report summary side by side, and an export of about 100 000 rows with its peak memory (streamed: the
target is under 200 MB).

Data: the skills-report benchmark's data set (tests/benchmarks/bench_skills_reports.py: WISE_BENCH_LEARNERS
learners, default 100 000, in 500 WISEs, 5 countries, 25 networks, 40 competences), seeded the same way into a
throwaway database. The export takes as many WISEs (200 learners x 40 competences each at the default size) as
give about WISE_BENCH_EXPORT_ROWS rows (default 100 000).

Run: `make bench`, or `WISE_BENCH_LEARNERS=5000 DJANGO_SETTINGS_MODULE=devsite.settings_test PYTHONPATH=devsite:.
.venv/bin/python tests/benchmarks/bench_dashboard.py`. Prints figures only; nothing is asserted about time.
"""

import os
import resource
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path[:0] = [str(ROOT / "devsite"), str(ROOT)]
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "devsite.settings_test")

from tests.benchmarks.bench_skills_reports import LEARNERS, seed, setup_database, teardown_database  # noqa: E402

EXPORT_ROWS = int(os.environ.get("WISE_BENCH_EXPORT_ROWS", "100000"))
REPEAT = 3


def rss_mb():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kB on Linux


def page_figures(client, url):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    best, queries, size = None, 0, 0
    for _ in range(REPEAT):
        with CaptureQueriesContext(connection) as ctx:
            t0 = time.perf_counter()
            response = client.get(url)
            elapsed = time.perf_counter() - t0
        assert response.status_code == 200, (url, response.status_code)
        best = elapsed if best is None else min(best, elapsed)
        queries, size = len(ctx.captured_queries), len(response.content)
    return best, queries, size


def export_wises(rows_wanted):
    """The first WISEs (by key) whose learner x competence pairs add up to about ``rows_wanted``."""
    from django.db.models import Count
    from wise_skills.models import Membership

    keys, total = [], 0
    per_wise = Membership.objects.values("wise__key").annotate(n=Count("role__requirements")).order_by("wise__key")
    for row in per_wise:
        if total >= rows_wanted:
            break
        keys.append(row["wise__key"])
        total += row["n"]
    return keys, total


def measure(label, fn, trace=True):
    """Time and memory of one export. tracemalloc (peak of Python allocations) slows allocation-heavy code such
    as openpyxl several times, so XLSX is measured by the process's peak RSS only (which includes the seeding)."""
    before = rss_mb()
    if trace:
        tracemalloc.start()
    t0 = time.perf_counter()
    result = fn()
    elapsed = time.perf_counter() - t0
    peak = f"{tracemalloc.get_traced_memory()[1] / 2**20:>7.1f} MB" if trace else "    n/a   "
    if trace:
        tracemalloc.stop()
    print(
        f"  {label:<38}{elapsed:>8.2f} s   peak Python memory {peak}   process max RSS {rss_mb():>7.1f} MB "
        f"(+{rss_mb() - before:.1f})   {result}"
    )


def main():
    tmp = setup_database()
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test import Client
    from wise_skills import exports
    from wise_skills.dashboard.data import View
    from wise_skills.models import ExportJob

    media = tempfile.mkdtemp(prefix="wise-bench-media-")
    from django.conf import settings

    settings.MEDIA_ROOT = media
    settings.CELERY_TASK_ALWAYS_EAGER = True
    try:
        print(f"wise_skills dashboard: {LEARNERS} learners, database {connection.vendor}")
        seed()
        staff = get_user_model().objects.create_user("bench-dash-staff", is_staff=True)
        client = Client()
        client.force_login(staff)
        pages = (
            ("all networks (25 columns x 40 competences)", "/wise-skills/dashboard/"),
            ("one network (its WISEs as columns)", "/wise-skills/dashboard/?network=net-IT-0"),
            ("one country, rows = areas", "/wise-skills/dashboard/?country=SI&rows=area"),
            ("one WISE: profile, learners, heatmap by role", "/wise-skills/dashboard/?wise=wise-0000"),
            ("one WISE with a trend since 2026-01-01", "/wise-skills/dashboard/?wise=wise-0000&date_from=2026-01-01"),
        )
        # Baseline side by side: each page before the report summary exists (the live pair query, as on a site
        # that never ran recompute_wise_skills), then with it (what Tutor's init job builds).
        live = {url: page_figures(client, url) for _, url in pages}
        from wise_skills.report_summary import rebuild_summary

        t0 = time.perf_counter()
        built = rebuild_summary()
        print(f"report summary built in {time.perf_counter() - t0:.1f} s ({built['rows']} rows)")
        print(f"{'page':<52}{'live s':>8}{'summary s':>10}{'ratio':>8}{'queries':>9}{'KB':>7}")
        for label, url in pages:
            best, queries, size = page_figures(client, url)
            ratio = best / live[url][0] if live[url][0] else float("nan")
            print(f"{label:<52}{live[url][0]:>8.3f}{best:>10.3f}{ratio:>7.2f}x{queries:>9}{size / 1024:>7.0f}")

        keys, expected = export_wises(EXPORT_ROWS)
        view = View(filters={"wise": keys})
        print(f"export of learner rows: {len(keys)} WISEs, {expected} rows expected")

        def task_csv():
            job, _ = exports.request_export(staff.id, "learners", "csv", view)
            exports.produce(job.id)  # the Celery task's body, in this process so its memory can be measured
            job = ExportJob.objects.get(id=job.id)
            size = os.path.getsize(os.path.join(media, job.file_name)) / 2**20
            return f"{job.status}, {job.rows_done} rows, {size:.1f} MB file"

        def task_xlsx():
            job, _ = exports.request_export(staff.id, "learners", "xlsx", view)
            exports.produce(job.id)
            job = ExportJob.objects.get(id=job.id)
            return f"{job.status}, {job.rows_done} rows"

        def direct_csv():
            # The page's filter form takes one WISE per filter, so the same rows (a list of WISEs) are streamed by
            # the function the view returns, consumed the way the WSGI server consumes it.
            from wise_skills.permissions import Scope

            kind = exports.kind_of("learners")
            response = exports.stream_csv(kind, Scope(user_id=staff.id, is_staff=True), view, "bench.csv")
            count = sum(chunk.count(b"\n") for chunk in response.streaming_content) - 1
            return f"{count} rows streamed"

        measure("Celery task body, CSV", task_csv)
        measure("Celery task body, XLSX (write-only)", task_xlsx, trace=False)
        measure("streamed CSV (StreamingHttpResponse)", direct_csv)
    finally:
        import shutil

        shutil.rmtree(media, ignore_errors=True)
        teardown_database(tmp)


if __name__ == "__main__":
    main()
