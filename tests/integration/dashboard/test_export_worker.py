"""An export produced by a REAL Celery worker (subprocess) through a Redis broker, seen by the page.

The worker and the test must share one database, so this needs a database server: it runs in the MariaDB pass of
`make test` (scripts/run-tests.sh runs the database-facing tests again with WISE_TEST_DB=mariadb and exports
WISE_REDIS_URL). On sqlite the test database lives in the test process's memory, which no other process can open,
so there it is skipped with that reason.
"""

import csv
import io
import os
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
from django.db import connection
from wise_skills.models import ExportJob

from tests.integration.dashboard.conftest import client_for

REPO = Path(__file__).resolve().parents[3]
pytestmark = [pytest.mark.services]


@pytest.fixture
def worker(transactional_db, settings, media_root):
    if connection.vendor == "sqlite":
        pytest.skip(
            "the sqlite test database is in memory and cannot be shared with a worker process; "
            "this test runs in the MariaDB pass of `make test` (WISE_TEST_DB=mariadb)"
        )
    queue = f"wise-test-exports-{uuid.uuid4().hex[:8]}"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "devsite.settings_test",
        "PYTHONPATH": os.pathsep.join([str(REPO / "devsite"), str(REPO)]),
        "WISE_WORKER_DB_NAME": connection.settings_dict["NAME"],
        "WISE_WORKER_MEDIA_ROOT": media_root,
        "WISE_WORKER_QUEUE": queue,
    }
    env.setdefault("WISE_REDIS_URL", "redis://127.0.0.1:6379/15")
    log = open(Path(media_root).parent / "worker.log", "w+")
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "tests.celery_app",
            "worker",
            "--pool=solo",
            "--concurrency=1",
            "-Q",
            queue,
            "-n",
            f"{queue}@%h",
            "--without-gossip",
            "--without-mingle",
            "--without-heartbeat",
            "--loglevel=INFO",
        ],
        cwd=REPO,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    settings.CELERY_TASK_ALWAYS_EAGER = False
    settings.WISE_SKILLS_EXPORT_QUEUE = queue
    from celery import _state

    from tests.celery_app import app

    previous = _state.get_current_app()
    app.set_current()  # so the shared task sends through the Redis broker
    try:
        yield proc, log
    finally:
        previous.set_current()
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
        log.close()


def worker_output(log):
    log.flush()
    log.seek(0)
    return log.read()[-4000:]


def test_a_real_worker_writes_the_export_and_the_requester_downloads_it(worker, populated, client):
    proc, log = worker
    client_for(client, populated["users"]["manager_a"])
    response = client.post("/wise-skills/exports/", {"kind": "learners", "format": "csv", "wise": "wise-a"})
    assert response.status_code == 302
    job = ExportJob.objects.get(user_id=populated["users"]["manager_a"].id, kind="learners")
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        job.refresh_from_db()
        if job.status in ("done", "failed") or proc.poll() is not None:
            break
        time.sleep(0.5)
    assert job.status == "done", f"job {job.status} {job.error!r}; worker said:\n{worker_output(log)}"
    status = client.get(f"/wise-skills/exports/{job.id}/status/").json()
    assert status["rows_done"] == status["rows_total"] == job.rows_total > 0
    body = b"".join(client.get(status["download_url"]).streaming_content).decode()
    rows = list(csv.DictReader(io.StringIO(body)))
    assert len(rows) == job.rows_total and {r["wise"] for r in rows} == {"wise-a"}
    assert "wise_skills.export" in worker_output(log)
