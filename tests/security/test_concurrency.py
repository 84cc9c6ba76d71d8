"""Concurrency on a real MariaDB (the MariaDB pass of `make test`; skipped on sqlite, which serialises writers).

* 50 parallel submissions of ONE learner to ONE block, through the real workbench (the devsite's Django
  handler, one database connection per thread): every attempt is counted exactly once, and a block with
  max_attempts never accepts more than that many.
* 20 parallel imports of the same framework files (wise_skills.loading.load_frameworks, what the
  load_wise_frameworks command runs): no thread fails and no row is duplicated.
"""

import json
import os
import re
import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection
from django.test import Client

pytestmark = pytest.mark.skipif(
    os.environ.get("WISE_TEST_DB", "sqlite") != "mariadb",
    reason="needs MariaDB: runs in the MariaDB pass of make test",
)

STUDENT = "race-learner"
USAGE = re.compile(r"""data-usage=["']([^"']+)["'] data-block-type=["']wise_costing["']""")


def costing_usage(client, scenario_id):
    html = client.get(f"/workbench/scenario/{scenario_id}/?student={STUDENT}").content.decode()
    found = USAGE.findall(html)
    assert found, f"no wise_costing block on {scenario_id}"
    return found[0]


def step_names():
    from wise_xblocks.costing import CostingXBlock

    from .blocks import load_block

    _runtime, block = load_block("wise_costing", CostingXBlock)
    return [step["name"] for step in block.student_view_data()["steps"]]


def race(usage_id, n=50):
    """n threads, released together, each POSTing one submission; returns their status codes."""
    body = json.dumps({"answers": dict.fromkeys(step_names(), "1")})
    barrier = threading.Barrier(n)

    def submit(_):
        client = Client()
        try:
            barrier.wait(timeout=60)
            response = client.post(
                f"/workbench/handler/{usage_id}/submit/?student={STUDENT}", data=body, content_type="application/json"
            )
            return response.status_code
        finally:
            connection.close()  # each thread's own connection

    with ThreadPoolExecutor(max_workers=n) as pool:
        return list(pool.map(submit, range(n)))


def attempts_now(client, usage_id):
    response = client.post(
        f"/workbench/handler/{usage_id}/learner_state/?student={STUDENT}", data="{}", content_type="application/json"
    )
    assert response.status_code == 200
    return response.json()["scoring"]["attempts"]


def test_50_parallel_submissions_are_counted_exactly(transactional_db, workbench):
    client = Client()
    # wise_costing.1: no attempt limit, so every one of the 50 must count.
    usage_id = costing_usage(client, "wise_costing.1")
    statuses = race(usage_id)
    assert statuses.count(200) == 50, f"statuses: { {s: statuses.count(s) for s in set(statuses)} }"
    got = attempts_now(client, usage_id)
    assert got == 50, f"50 accepted submissions, but the block counted {got} attempts (lost updates)"


def test_parallel_submissions_never_exceed_max_attempts(transactional_db, workbench):
    client = Client()
    usage_id = costing_usage(client, "wise_costing.0")  # max_attempts="3"
    statuses = race(usage_id)
    accepted, refused = statuses.count(200), statuses.count(409)
    assert accepted + refused == 50, f"unexpected statuses: { {s: statuses.count(s) for s in set(statuses)} }"
    got = attempts_now(client, usage_id)
    assert accepted <= 3 and got <= 3, f"max_attempts=3, but {accepted} submissions were accepted; attempts={got}"
    assert accepted == got, f"{accepted} accepted submissions, {got} attempts counted"


def test_20_parallel_framework_imports_leave_no_duplicates(transactional_db):
    from django.apps import apps
    from wise_skills.loading import load_frameworks

    load_frameworks()
    models = list(apps.get_app_config("wise_skills").get_models())
    single = {m._meta.label: m.objects.count() for m in models}
    assert single["wise_skills.Competence"] > 0
    barrier = threading.Barrier(20)
    errors = []

    def load(_):
        try:
            barrier.wait(timeout=60)
            load_frameworks()
        except Exception as error:  # noqa: BLE001  (recorded and judged below)
            errors.append(repr(error))
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=20) as pool:
        list(pool.map(load, range(20)))
    after = {m._meta.label: m.objects.count() for m in models}
    assert after == single, f"rows after 20 parallel imports differ from one import: {after} vs {single}"
    assert not errors, f"{len(errors)} of 20 parallel imports failed: {errors[:3]}"
