"""Benchmark of the skills-gap reports: the WISE, network and country reports through the REST API next to a
hand-written raw SQL aggregate of the same numbers, run in the same process, with the query count of each.

Data: WISE_BENCH_LEARNERS learners (default 100 000), each in one of 500 WISEs in 5 countries (25 networks) with
a role requiring 40 competences, and a current level for most (learner, competence) pairs: 4 million pairs at the
default size. Seeded with bulk_create in batches into a throwaway database (a temporary sqlite file, or the
MariaDB test database with WISE_TEST_DB=mariadb; set WISE_MARIADB_TEST_NAME to a database of your own when
others may run MariaDB tests at the same time), removed afterwards.

Run: `make bench`, or `WISE_BENCH_LEARNERS=5000 DJANGO_SETTINGS_MODULE=devsite.settings_test PYTHONPATH=devsite:.
.venv/bin/python tests/benchmarks/bench_skills_reports.py`. Target: API time at most 2x the raw SQL, constant
query count. Prints figures only: timings are never asserted.
"""

import os
import random
import sys
import tempfile
import time
from datetime import UTC, date, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path[:0] = [str(ROOT / "devsite"), str(ROOT)]
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "devsite.settings_test")

LEARNERS = int(os.environ.get("WISE_BENCH_LEARNERS", "100000"))
WISES, COUNTRIES, NETWORKS_PER_COUNTRY, COMPETENCES = 500, ["IT", "SI", "HR", "PL", "BE"], 5, 40
BATCH = 5000
REPEAT = 3

RAW = {
    "wise": ("w.key", ""),
    "network": ("n.key", "JOIN wise_skills_network n ON n.id = w.network_id"),
    "country": ("w.country", ""),
}


def raw_sql(dimension):
    key, join = RAW[dimension]
    return f"""
        SELECT {key} AS k,
               COUNT(DISTINCT m.user_id),
               COUNT(*),
               SUM(CASE WHEN r.level > COALESCE(l.level, 0) THEN r.level - COALESCE(l.level, 0) ELSE 0 END),
               SUM(CASE WHEN r.level > COALESCE(l.level, 0) THEN 1 ELSE 0 END),
               COUNT(DISTINCT CASE WHEN r.level > COALESCE(l.level, 0) THEN m.user_id END)
        FROM wise_skills_membership m
        JOIN wise_skills_wise w ON w.id = m.wise_id
        {join}
        JOIN wise_skills_rolerequirement r ON r.role_id = m.role_id
        LEFT JOIN wise_skills_learnerlevel l ON l.user_id = m.user_id AND l.competence_id = r.competence_id
        WHERE m.confirmed = %s AND m.start <= %s AND (m."end" IS NULL OR m."end" >= %s)
        GROUP BY {key}
        ORDER BY {key}
    """


def setup_database():
    tmp = None
    if os.environ.get("WISE_TEST_DB", "sqlite") != "mariadb":
        tmp = tempfile.mkdtemp(prefix="wise-bench-")
        os.environ["WISE_DEVSITE_VAR"] = tmp  # settings_test puts its sqlite file there
    import django

    django.setup()
    from django.db import connection

    if tmp is None:
        connection.creation.create_test_db(verbosity=0, autoclobber=True, keepdb=False)
    else:
        from django.core.management import call_command

        call_command("migrate", verbosity=0)
        with connection.cursor() as cursor:  # a benchmark database needs no crash safety
            cursor.execute("PRAGMA journal_mode=OFF")
            cursor.execute("PRAGMA synchronous=OFF")
    return tmp


def teardown_database(tmp):
    """Undo setup_database: drop the throwaway MariaDB test database, or remove the sqlite folder."""
    from django.db import connection

    if tmp is None:
        connection.creation.destroy_test_db(connection.settings_dict["NAME"], verbosity=0)
    else:
        import shutil

        connection.close()
        shutil.rmtree(tmp, ignore_errors=True)


def seed():
    from django.db import transaction
    from wise_skills.loading import load_frameworks
    from wise_skills.models import (
        Competence,
        LearnerLevel,
        Membership,
        Network,
        Role,
        RoleRequirement,
        Sector,
        Wise,
    )

    load_frameworks()
    rng = random.Random(7)
    comps = list(Competence.objects.order_by("framework__order", "order").values_list("id", flat=True))[:COMPETENCES]
    sectors = list(Sector.objects.all())
    with transaction.atomic():
        networks = Network.objects.bulk_create(
            [
                Network(key=f"net-{c}-{i}", name=f"Network {c} {i}", country=c)
                for c in COUNTRIES
                for i in range(NETWORKS_PER_COUNTRY)
            ]
        )
        networks = list(Network.objects.order_by("id"))
        Wise.objects.bulk_create(
            [
                Wise(
                    key=f"wise-{i:04d}",
                    name=f"WISE {i}",
                    country=COUNTRIES[i % 5],
                    network=networks[(i % 5) * NETWORKS_PER_COUNTRY + (i // 5) % NETWORKS_PER_COUNTRY],
                )
                for i in range(WISES)
            ]
        )
        wises = list(Wise.objects.order_by("id"))
        Wise.sectors.through.objects.bulk_create(
            [Wise.sectors.through(wise_id=w.id, sector_id=sectors[i % 4].id) for i, w in enumerate(wises)]
        )
        roles = Role.objects.bulk_create([Role(key=f"bench-role-{i}", name=f"Bench role {i}") for i in range(4)])
        roles = list(Role.objects.filter(key__startswith="bench-role-").order_by("id"))
        RoleRequirement.objects.bulk_create(
            [RoleRequirement(role=r, competence_id=c, level=rng.randint(1, 4)) for r in roles for c in comps]
        )
    start = date(2025, 1, 1)
    t0 = time.perf_counter()
    for first in range(1, LEARNERS + 1, BATCH):
        ids = range(first, min(first + BATCH, LEARNERS + 1))
        with transaction.atomic():
            Membership.objects.bulk_create(
                [
                    Membership(user_id=u, wise=wises[u % WISES], role=roles[u % 4], start=start, source="demo")
                    for u in ids
                ],
                batch_size=BATCH,
            )
            when = datetime(2026, 3, 1, tzinfo=UTC)
            LearnerLevel.objects.bulk_create(
                [
                    LearnerLevel(
                        user_id=u,
                        competence_id=c,
                        level=rng.randint(0, 4),
                        provenance="self_assessment",
                        verified=False,
                        observed_at=when,
                    )
                    for u in ids
                    for c in comps
                    if rng.random() < 0.85
                ],
                batch_size=BATCH,
            )
        done = min(first + BATCH - 1, LEARNERS)
        print(f"\r  seeding {done}/{LEARNERS} learners ({time.perf_counter() - t0:.0f} s)", end="", flush=True)
    print()


def timed_pair(first, second):
    """Best of REPEAT runs of each, alternating the two so that a change in machine load hits both alike."""
    best = [None, None]
    results = [None, None]
    for _ in range(REPEAT):
        for i, fn in enumerate((first, second)):
            t0 = time.perf_counter()
            results[i] = fn()
            elapsed = time.perf_counter() - t0
            best[i] = elapsed if best[i] is None else min(best[i], elapsed)
    return best, results


def main():
    tmp = setup_database()
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from django.utils import timezone as dj_tz
    from rest_framework.test import APIClient

    try:
        print(
            f"wise_skills reports: {LEARNERS} learners x {COMPETENCES} competences, {WISES} WISEs, "
            f"{len(COUNTRIES)} countries, database {connection.vendor}"
        )
        seed()
        # Fresh statistics, as a production database keeps them (sqlite has none until ANALYZE runs).
        with connection.cursor() as cursor:
            if connection.vendor == "sqlite":
                cursor.execute("ANALYZE")
            elif connection.vendor == "mysql":
                cursor.execute(
                    "ANALYZE TABLE wise_skills_membership, wise_skills_learnerlevel, "
                    "wise_skills_rolerequirement, wise_skills_wise"
                )
                cursor.fetchall()
        staff = get_user_model().objects.create_user("bench-staff", is_staff=True)
        client = APIClient()
        client.force_authenticate(staff)
        today = dj_tz.localdate()
        print(f"{'report':<10}{'API s':>10}{'raw SQL s':>12}{'ratio':>8}{'API queries':>13}{'raw queries':>13}  cells")
        for dimension in ("wise", "network", "country"):
            url = f"/wise-skills/api/v1/reports/gaps/?group_by={dimension}&page_size=500"

            def api_call():
                with CaptureQueriesContext(connection) as ctx:
                    response = client.get(url)
                assert response.status_code == 200, response.content[:300]
                return response.json(), len(ctx.captured_queries)

            def raw_call():
                with CaptureQueriesContext(connection) as ctx:
                    with connection.cursor() as cursor:
                        sql = raw_sql(dimension)
                        if connection.vendor == "mysql":
                            sql = sql.replace('m."end"', "m.`end`")
                        cursor.execute(sql, [True, today, today])
                        rows = cursor.fetchall()
                return rows, len(ctx.captured_queries)

            (api_time, raw_time), ((body, api_queries), (rows, raw_queries)) = timed_pair(api_call, raw_call)
            # The same numbers: compare the mean gap of every shown cell with the raw aggregate.
            raw_means = {str(r[0]): float(r[3]) / r[2] for r in rows}
            for cell in body["results"]:
                if not cell["withheld"]:
                    assert abs(cell["mean_gap"] - raw_means[str(cell[dimension])]) < 1e-9, (dimension, cell)
            print(
                f"{dimension:<10}{api_time:>10.3f}{raw_time:>12.3f}{api_time / raw_time:>8.2f}"
                f"{api_queries:>13}{raw_queries:>13}  {len(body['results'])}"
            )
    finally:
        teardown_database(tmp)


if __name__ == "__main__":
    main()
