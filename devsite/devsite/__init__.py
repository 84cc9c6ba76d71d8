"""The devsite project; its Celery app is loaded with it, as the LMS loads its own."""

from .celery import app as celery_app

__all__ = ["celery_app"]
