"""Celery tasks. They receive ids and keys (never model instances) and re-read the database, so a task queued on
transaction commit sees committed data and can be retried safely (every operation is idempotent)."""

import logging

from celery import shared_task

from .conf import enabled

log = logging.getLogger(__name__)


@shared_task(name="wise_skills.record_course_result", bind=True, max_retries=3, default_retry_delay=30, acks_late=True)
def record_course_result_task(self, user_id, source_key, passed, when_iso=None):
    """Turn a course/block result into evidence through the public API (idempotent)."""
    if not enabled():
        return None
    from datetime import datetime

    from .public_api import record_course_result

    when = datetime.fromisoformat(when_iso) if when_iso else None
    try:
        return record_course_result(user_id, source_key, passed, when)
    except Exception as exc:  # database hiccup: retry; bad input would fail the same way, so log and stop
        from .public_api import InvalidInput

        if isinstance(exc, InvalidInput):
            log.warning("wise_skills: ignored course result for user %s, %s: %s", user_id, source_key, exc)
            return None
        raise self.retry(exc=exc)


@shared_task(name="wise_skills.recompute_levels", acks_late=True)
def recompute_levels_task(user_ids):
    if not enabled():
        return 0
    from .levels import recompute_levels

    return recompute_levels(user_ids)


@shared_task(name="wise_skills.retire_user", acks_late=True)
def retire_user_task(user_id):
    from .retirement import retire_user

    return retire_user(user_id)


@shared_task(name="wise_skills.refresh_report_summary", acks_late=True)
def refresh_report_summary_task():
    """Rebuild the stored summary of today's gap reports (wise_skills.models_summary); idempotent."""
    if not enabled():
        return None
    from .report_summary import rebuild_summary

    return rebuild_summary()
