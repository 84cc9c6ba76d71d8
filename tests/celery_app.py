"""A Celery app for tests that need a REAL worker (the devsite has none: the LMS brings its own Celery app).

Run as ``celery -A tests.celery_app worker``. Environment:

    WISE_REDIS_URL          broker (scripts/run-tests.sh exports it; default redis://127.0.0.1:6379/15)
    DJANGO_SETTINGS_MODULE  devsite.settings_test, with WISE_TEST_DB as for the test run
    WISE_WORKER_DB_NAME     the test database the worker must use (the test run's, not the devsite's)
    WISE_WORKER_MEDIA_ROOT  where default_storage writes, shared with the test

Importing it does not make it the default app of the importing process, so other tests keep their own setup.
"""

import os

import django
from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "devsite.settings_test")
django.setup()

from django.conf import settings  # noqa: E402

if os.environ.get("WISE_WORKER_DB_NAME"):
    # Mutated in place before any connection opens, so the worker connects to the test run's database.
    settings.DATABASES["default"]["NAME"] = os.environ["WISE_WORKER_DB_NAME"]
if os.environ.get("WISE_WORKER_MEDIA_ROOT"):
    settings.MEDIA_ROOT = os.environ["WISE_WORKER_MEDIA_ROOT"]

app = Celery("wise_tests", broker=os.environ.get("WISE_REDIS_URL", "redis://127.0.0.1:6379/15"), set_as_current=False)
app.conf.update(
    task_always_eager=False,
    task_default_queue=os.environ.get("WISE_WORKER_QUEUE", "wise-tests"),
    broker_connection_retry_on_startup=True,
    worker_hijack_root_logger=False,
    task_acks_late=False,
)

import wise_skills.export_tasks  # noqa: E402,F401  (registers the shared task on this app)
