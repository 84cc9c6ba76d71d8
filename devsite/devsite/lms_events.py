"""Devsite only: stand in for the LMS grades app between a block's "grade" publish and openedx-events.

In the LMS, runtime.publish(block, "grade", {...}) is persisted by the grades app, which then sends signals the
wise_skills plugin listens to. The xblock-sdk workbench only logs the publish, so course-to-evidence could not be
tried here. ``install()`` wraps WorkbenchRuntime.publish: when a WISE block publishes a passing grade, it sends
openedx-events' per-block score event, EXTERNAL_GRADER_SCORE_SUBMITTED (ExternalGraderScoreData: module_id is the
usage key; the only openedx-event carrying one block's score), which the plugin's receiver maps through
CompetenceMapping. The real data class and signal are used, so the receiver runs exactly as it would for an event.

The workbench learner is ``?student=<id>``; it becomes the Django user with that username (e.g. the demo's
learner1). A student id with no such user (the workbench's default "student_1") sends nothing.
"""

import logging

log = logging.getLogger(__name__)

# The workbench has no course and its usage ids ("<scenario>.wise_waste_sorting.d0.u0") are no opaque keys, which
# CompetenceMapping requires. Each block gets a real usage key in this stand-in course run instead (override with
# the WISE_DEVSITE_COURSE_KEY setting); map that key to a competence (admin, or load_wise_course_mapping).
DEFAULT_COURSE_KEY = "course-v1:WISE+Workbench+devsite"

_INSTALLED_FLAG = "_wise_lms_events"


def passing_fraction() -> float:
    """The plugin's pass mark for a graded block, when the plugin is installed; else a full score."""
    try:
        from wise_skills.conf import setting
    except ImportError:
        return 1.0
    return float(setting("WISE_SKILLS_BLOCK_PASSING_SCORE"))


def course_key():
    from django.conf import settings
    from opaque_keys.edx.keys import CourseKey

    return CourseKey.from_string(getattr(settings, "WISE_DEVSITE_COURSE_KEY", DEFAULT_COURSE_KEY))


def usage_key_for(block_type, workbench_usage_id) -> str:
    """The opaque usage key the devsite reports for a workbench block (stable: the workbench ids are)."""
    return str(course_key().make_usage_key(block_type, str(workbench_usage_id)))


def platform_user(student_id):
    from django.contrib.auth import get_user_model

    if not student_id:
        return None
    return get_user_model().objects.filter(username=str(student_id)).first()


def score_event_for(block, event_data):
    """The ExternalGraderScoreData to send for a WISE block's grade publish, or None (not WISE, not passing,
    no platform user)."""
    block_type = block.scope_ids.block_type
    if not block_type.startswith("wise_") or not isinstance(event_data, dict):
        return None
    try:
        value, max_value = float(event_data["value"]), float(event_data["max_value"])
    except (KeyError, TypeError, ValueError):
        return None
    if max_value <= 0 or value < max_value * passing_fraction():
        return None
    user = platform_user(block.scope_ids.user_id)
    if user is None:
        log.debug("lms_events: no Django user %r; grade of %s not sent", block.scope_ids.user_id, block_type)
        return None
    from openedx_events.learning.data import ExternalGraderScoreData

    try:
        usage_key = usage_key_for(block_type, block.scope_ids.usage_id)
    except Exception:  # a workbench id with characters opaque-keys refuses: nothing to map it to
        log.warning("lms_events: no usage key for workbench block %r", block.scope_ids.usage_id)
        return None
    return ExternalGraderScoreData(
        points_possible=max_value,
        points_earned=value,
        course_id=str(course_key()),
        score_msg="",
        submission_id=0,
        user_id=str(user.pk),
        module_id=usage_key,
        queue_key="",
        queue_name="devsite-workbench",
    )


def install():
    """Wrap WorkbenchRuntime.publish once (idempotent: ready() may run more than once in tests)."""
    from workbench.runtime import WorkbenchRuntime

    original = WorkbenchRuntime.publish
    if getattr(original, _INSTALLED_FLAG, False):
        return

    def publish(self, block, event_type, event_data):
        original(self, block, event_type, event_data)
        if event_type != "grade":
            return
        score = score_event_for(block, event_data)
        if score is not None:
            from openedx_events.learning.signals import EXTERNAL_GRADER_SCORE_SUBMITTED

            EXTERNAL_GRADER_SCORE_SUBMITTED.send_event(score=score)

    setattr(publish, _INSTALLED_FLAG, True)
    WorkbenchRuntime.publish = publish
