"""Signal receivers, connected by edx-django-utils from plugin_app["signals_config"] (see apps.py).

openedx-events (importable without edx-platform):
    COURSE_PASSING_STATUS_UPDATED     passing / no longer passing a course -> course-result evidence
    PERSISTENT_GRADE_SUMMARY_CHANGED  the persisted course grade changed   -> the same, from passed_timestamp
    COURSE_ENROLLMENT_CREATED         where an EnrollmentHint is configured -> an unconfirmed membership
    EXTERNAL_GRADER_SCORE_SUBMITTED   one graded block's score -> its CompetenceMappings (block evidence)
edx-platform (connected by string path, only where the platform is installed):
    PROBLEM_WEIGHTED_SCORE_CHANGED  one persisted block score -> the same block evidence (passing = at least
                                    WISE_SKILLS_BLOCK_PASSING_SCORE of the maximum)
    USER_RETIRE_LMS_CRITICAL / USER_RETIRE_LMS_MISC -> retire_user(user.id)

Evidence work is queued as a Celery task only once the sender's transaction commits (transaction.on_commit),
passing ids and keys, never objects: the grade row is committed when the worker reads, and a rolled-back
grade change produces nothing. openedx-events sends robustly (a receiver's error is logged, not raised), so
these receivers must not be the only record: the events are replayable and every operation is idempotent.
"""

import logging
from functools import partial

from django.db import transaction

from .conf import enabled, setting

log = logging.getLogger(__name__)


def _run_inline() -> bool:
    """Run the task in-process (still after commit) when the host asked for it or runs Celery eagerly anyway
    (devstack's CELERY_ALWAYS_EAGER, the devsite without a broker); otherwise queue it for a worker."""
    from django.conf import settings

    return bool(
        setting("WISE_SKILLS_TASKS_SYNC")
        or getattr(settings, "CELERY_TASK_ALWAYS_EAGER", False)
        or getattr(settings, "CELERY_ALWAYS_EAGER", False)
    )


def _enqueue_course_result(user_id, course_key, passed, when=None):
    from .tasks import record_course_result_task

    args = (int(user_id), str(course_key), bool(passed), when.isoformat() if when else None)
    if _run_inline():
        transaction.on_commit(partial(record_course_result_task.apply, args=args))
    else:
        transaction.on_commit(partial(record_course_result_task.delay, *args))


def on_course_passing_status_updated(sender=None, course_passing_status=None, **kwargs):
    if not enabled() or course_passing_status is None:
        return
    data = course_passing_status
    _enqueue_course_result(data.user.id, data.course.course_key, data.is_passing)


def on_persistent_grade_summary_changed(sender=None, grade=None, **kwargs):
    if not enabled() or grade is None:
        return
    passed = grade.passed_timestamp is not None
    _enqueue_course_result(grade.user_id, grade.course.course_key, passed, grade.passed_timestamp)


def _passes(earned, possible) -> bool:
    try:
        earned, possible = float(earned), float(possible)
    except (TypeError, ValueError):
        return False
    return possible > 0 and earned / possible >= float(setting("WISE_SKILLS_BLOCK_PASSING_SCORE"))


def _enqueue_block_result(user_id, usage_key, earned, possible, deleted=False):
    """A single graded block's score -> evidence from the block's CompetenceMappings (source_key = usage key).

    A pass records it; a score below the pass mark records nothing (graded blocks keep the best score, so a weaker
    retry must not take evidence away); only a deleted score (staff reset) withdraws what the block gave."""
    if user_id is None or not usage_key:
        return
    if deleted:
        _enqueue_course_result(user_id, usage_key, False)
    elif _passes(earned, possible):
        _enqueue_course_result(user_id, usage_key, True)


def on_external_grader_score_submitted(sender=None, score=None, **kwargs):
    """openedx-events' per-block score event (ExternalGraderScoreData: module_id is the usage key)."""
    if not enabled() or score is None:
        return
    _enqueue_block_result(score.user_id, str(score.module_id), score.points_earned, score.points_possible)


def on_problem_weighted_score_changed(sender=None, user_id=None, usage_id=None, **kwargs):
    """edx-platform's grades signal for every persisted block score (connected only where the platform is)."""
    if not enabled():
        return
    _enqueue_block_result(
        user_id,
        str(usage_id) if usage_id else "",
        kwargs.get("weighted_earned"),
        kwargs.get("weighted_possible"),
        deleted=bool(kwargs.get("score_deleted")),
    )


def on_course_enrollment_created(sender=None, enrollment=None, **kwargs):
    """Suggest a membership (confirmed=False) where a course is configured to hint at a WISE and role."""
    if not enabled() or enrollment is None or not setting("WISE_SKILLS_ENROLLMENT_HINTS"):
        return
    from .models import EnrollmentHint, Membership

    hint = EnrollmentHint.objects.filter(course_key=str(enrollment.course.course_key)).first()
    if hint is None:
        return
    start = enrollment.creation_date.date() if enrollment.creation_date else None
    from django.utils import timezone

    Membership.objects.get_or_create(
        user_id=enrollment.user.id,
        wise=hint.wise,
        role=hint.role,
        start=start or timezone.localdate(),
        defaults={"confirmed": False, "source": "enrollment"},
    )


def on_user_retired(sender=None, user=None, **kwargs):
    """edx-platform retirement: delete every wise_skills row about the user (runs even when switched off)."""
    if user is None:
        return
    from .retirement import retire_user

    counts = retire_user(user.id)
    log.info("wise_skills: retired user %s: %s", user.id, counts)
