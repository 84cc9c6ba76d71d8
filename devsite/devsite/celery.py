"""The devsite's Celery app, configured like the LMS's: from Django settings with the CELERY_ prefix.

Without WISE_CELERY_BROKER_URL tasks run inline (CELERY_TASK_ALWAYS_EAGER); with it, run a
worker beside the devsite: `celery -A devsite worker` from the devsite folder.
"""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "devsite.settings")

app = Celery("devsite")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
