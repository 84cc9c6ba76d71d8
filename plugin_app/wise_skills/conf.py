"""One accessor for the app's settings, read at call time so Tutor patches and overrides apply.

Defaults live in settings/common.py (plugin_settings); DEFAULTS here only covers a host that did not run the
plugin settings (e.g. a bare test project).
"""

from django.conf import settings

DEFAULTS = {
    # Feature toggle: False switches the app off (API answers 404, receivers ignore events, tasks do nothing).
    "WISE_SKILLS_ENABLED": True,
    # Aggregates over fewer learners than this are withheld (GDPR: no re-identification).
    "WISE_SKILLS_MIN_GROUP_SIZE": 5,
    "WISE_SKILLS_API_MAX_PAGE_SIZE": 500,
    "WISE_SKILLS_API_PAGE_SIZE": 50,
    # Per-user rate limit of the REST API (DRF throttle syntax).
    "WISE_SKILLS_API_THROTTLE_RATE": "600/min",
    # Create unconfirmed memberships from course enrollments where an EnrollmentHint is configured.
    "WISE_SKILLS_ENROLLMENT_HINTS": True,
    # Run evidence tasks in the request instead of Celery (only for hosts without a worker).
    "WISE_SKILLS_TASKS_SYNC": False,
    # A mapped graded block counts as passed at this fraction of its maximum score (competences.yaml passing_score).
    "WISE_SKILLS_BLOCK_PASSING_SCORE": 0.6,
}


def setting(name):
    return getattr(settings, name, DEFAULTS[name])


def enabled():
    return bool(setting("WISE_SKILLS_ENABLED"))
