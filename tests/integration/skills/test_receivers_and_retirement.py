"""openedx-events receivers (connected by the real plugin loader), Celery on commit, enrollment hints, retirement."""

from datetime import UTC, date, datetime

import pytest
from celery import current_app
from opaque_keys.edx.keys import CourseKey
from openedx_events.learning.data import (
    CourseData,
    CourseEnrollmentData,
    CoursePassingStatusData,
    PersistentCourseGradeData,
    UserData,
    UserPersonalData,
)
from openedx_events.learning.signals import (
    COURSE_ENROLLMENT_CREATED,
    COURSE_PASSING_STATUS_UPDATED,
    PERSISTENT_GRADE_SUMMARY_CHANGED,
)
from wise_skills import public_api
from wise_skills.apps import RETIREMENT_SIGNALS, signal_receivers
from wise_skills.models import (
    Competence,
    CompetenceMapping,
    CoordinatorAssignment,
    EnrollmentHint,
    Evidence,
    LearnerLevel,
    ManagerAssignment,
    Membership,
    Role,
)
from wise_skills.receivers import on_user_retired
from wise_skills.retirement import retire_user

COURSE = "course-v1:WISE+SORT+2026"


def user_data(user_id):
    return UserData(id=user_id, is_active=True, pii=UserPersonalData(username="u", email="u@example.com", name=""))


def passing(user_id, is_passing):
    return CoursePassingStatusData(
        is_passing=is_passing, user=user_data(user_id), course=CourseData(course_key=CourseKey.from_string(COURSE))
    )


@pytest.fixture
def mapped(catalogue):
    CompetenceMapping.objects.create(
        source_key=COURSE, competence=Competence.objects.get(key="sector:waste.sorting"), level=3
    )


def test_passing_status_event_becomes_evidence_after_commit(mapped, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        COURSE_PASSING_STATUS_UPDATED.send_event(course_passing_status=passing(42, True))
        assert not Evidence.objects.exists()  # nothing before the sender's transaction commits
    assert len(callbacks) == 1
    callbacks[0]()
    ev = Evidence.objects.get(user_id=42)
    assert (ev.provenance, ev.source_key, ev.level, ev.verified) == ("course_result", COURSE, 3, True)
    with django_capture_on_commit_callbacks(execute=True):
        COURSE_PASSING_STATUS_UPDATED.send_event(course_passing_status=passing(42, False))
    assert not Evidence.objects.filter(user_id=42).exists()


def test_grade_summary_event_goes_through_celery_delay(mapped, settings, django_capture_on_commit_callbacks):
    settings.CELERY_TASK_ALWAYS_EAGER = False  # take the .delay() path, with Celery itself running eagerly
    previous = current_app.conf.task_always_eager
    current_app.conf.task_always_eager = True
    try:
        grade = PersistentCourseGradeData(
            user_id=43,
            course=CourseData(course_key=CourseKey.from_string(COURSE)),
            course_edited_timestamp=datetime(2026, 3, 1, tzinfo=UTC),
            course_version="v1",
            grading_policy_hash="h",
            percent_grade=0.8,
            letter_grade="Pass",
            passed_timestamp=datetime(2026, 3, 2, tzinfo=UTC),
        )
        with django_capture_on_commit_callbacks(execute=True):
            PERSISTENT_GRADE_SUMMARY_CHANGED.send_event(grade=grade)
    finally:
        current_app.conf.task_always_eager = previous
    ev = Evidence.objects.get(user_id=43)
    assert ev.observed_at == datetime(2026, 3, 2, tzinfo=UTC)
    assert LearnerLevel.objects.get(user_id=43).level == 3


def test_events_are_ignored_when_switched_off(mapped, settings, django_capture_on_commit_callbacks):
    settings.WISE_SKILLS_ENABLED = False
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        COURSE_PASSING_STATUS_UPDATED.send_event(course_passing_status=passing(44, True))
    assert callbacks == [] and not Evidence.objects.exists()


def test_enrollment_hint_suggests_an_unconfirmed_membership(world):
    EnrollmentHint.objects.create(course_key=COURSE, wise=world["wises"]["b"], role=Role.objects.get(key="farm-worker"))
    enrollment = CourseEnrollmentData(
        user=user_data(77),
        course=CourseData(course_key=CourseKey.from_string(COURSE)),
        mode="audit",
        is_active=True,
        creation_date=datetime(2026, 4, 1, tzinfo=UTC),
    )
    COURSE_ENROLLMENT_CREATED.send_event(enrollment=enrollment)
    COURSE_ENROLLMENT_CREATED.send_event(enrollment=enrollment)  # idempotent
    membership = Membership.objects.get(user_id=77)
    assert (membership.confirmed, membership.source, membership.start) == (False, "enrollment", date(2026, 4, 1))
    assert Membership.objects.active_on(date(2026, 5, 1)).filter(user_id=77).count() == 0  # not counted until confirmed


def test_retirement_removes_every_row_about_the_user_and_is_idempotent(world):
    learner, manager = world["users"]["learner"], world["users"]["manager_a"]
    public_api.record_self_assessment(learner.id, "course-v1:W+S+1", {"digcomp:1.1": 2})
    public_api.record_manager_rating(manager.id, learner.id, "digcomp:1.1", 3)
    public_api.record_manager_rating(manager.id, 555, "digcomp:1.2", 2)  # the manager's rating of someone else
    on_user_retired(user=learner)
    for model in (Evidence, LearnerLevel, Membership):
        assert not model.objects.filter(user_id=learner.id).exists()
    retire_user(manager.id)
    assert not ManagerAssignment.objects.filter(user_id=manager.id).exists()
    kept = Evidence.objects.get(user_id=555)  # the other learner keeps their evidence, unlinked from the rater
    assert kept.recorded_by_id is None and kept.source_key == f"manager:retired-{kept.id}"
    assert retire_user(manager.id)["evidence"] == 0  # idempotent
    retire_user(world["users"]["coordinator"].id)
    assert not CoordinatorAssignment.objects.exists()


def test_retirement_signals_are_connected_by_string_path_only_where_the_platform_exists():
    assert [r["signal_path"] for r in signal_receivers(platform_present=False)] == [
        "openedx_events.learning.signals.COURSE_PASSING_STATUS_UPDATED",
        "openedx_events.learning.signals.PERSISTENT_GRADE_SUMMARY_CHANGED",
        "openedx_events.learning.signals.COURSE_ENROLLMENT_CREATED",
        "openedx_events.learning.signals.EXTERNAL_GRADER_SCORE_SUBMITTED",
    ]
    with_platform = signal_receivers(platform_present=True)
    assert [r["signal_path"] for r in with_platform[4:6]] == RETIREMENT_SIGNALS
    assert all(r["receiver_func_name"] == "on_user_retired" for r in with_platform[4:6])
    assert RETIREMENT_SIGNALS == [
        "openedx.core.djangoapps.user_api.accounts.signals.USER_RETIRE_LMS_CRITICAL",
        "openedx.core.djangoapps.user_api.accounts.signals.USER_RETIRE_LMS_MISC",
    ]
