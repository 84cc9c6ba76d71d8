"""The shared scoring/attempts/show-answer and client-event plumbing, through a real XBlock runtime.

A small block defined here uses the mixins the way every WISE block does; its submit handler
grades a single answer so the tests can drive attempts and grades precisely.
"""

import pytest
from wise_xblocks.common import showanswer
from wise_xblocks.common.events import ClientEventsMixin
from wise_xblocks.common.handlers import bad_request
from wise_xblocks.common.scoring import ScoringMixin
from xblock.core import XBlock
from xblock.fields import Scope, String

from tests.xblock_runtime import RecordingRuntime


@XBlock.wants("user")
class QuizBlock(ScoringMixin, ClientEventsMixin, XBlock):
    answer = String(default="glass", scope=Scope.content)
    client_event_types = frozenset({"wise.test.loaded"})

    @XBlock.json_handler
    def submit(self, data, suffix=""):
        if not isinstance(data, dict) or not isinstance(data.get("answer"), str):
            raise bad_request("answer must be a string")
        self.ensure_can_submit()
        self.record_attempt(1.0 if data["answer"] == self.answer else 0.0)
        return self.scoring_state()


@pytest.fixture
def quiz():
    runtime = RecordingRuntime(block_classes={"wise_test_quiz": QuizBlock})
    return runtime, runtime.load('<wise_test_quiz max_attempts="2" showanswer="finished"/>')


def test_wrong_then_right_keeps_best_score_and_publishes_each_grade(quiz):
    runtime, block = quiz
    assert runtime.call(block, "submit", {"answer": "paper"})[0] == 200
    status, state = runtime.call(block, "submit", {"answer": "glass"})
    assert status == 200
    assert state["score"] == 1.0 and state["attempts_left"] == 0
    assert runtime.events("grade") == [
        {"value": 0.0, "max_value": 1.0, "only_if_higher": True},
        {"value": 1.0, "max_value": 1.0, "only_if_higher": True},
    ]
    assert runtime.events("completion") == [{"completion": 1.0}]


def test_used_up_attempts_answer_409_and_change_nothing(quiz):
    runtime, block = quiz
    runtime.call(block, "submit", {"answer": "paper"})
    runtime.call(block, "submit", {"answer": "paper"})
    status, _ = runtime.call(block, "submit", {"answer": "glass"})
    assert status == 409
    assert block.attempts == 2 and block.raw_earned == 0.0
    assert len(runtime.events("grade")) == 2


def test_malformed_payload_is_400_and_no_attempt_is_counted(quiz):
    runtime, block = quiz
    status, body = runtime.call(block, "submit", "{not json", raw=True)
    assert status == 400
    status, body = runtime.call(block, "submit", {"answer": 7})
    assert status == 400 and "answer" in body["error"]
    assert block.attempts == 0 and runtime.events("grade") == []


@pytest.mark.parametrize("event_type", ["grade", "completion", "wise.test.other", None, 5])
def test_browser_cannot_publish_grades_or_unlisted_events(quiz, event_type):
    runtime, block = quiz
    status, _ = runtime.call(block, "publish_event", {"event_type": event_type, "value": 1})
    assert status == 400
    assert runtime.published == []


def test_allow_listed_event_is_published_with_its_fields(quiz):
    runtime, block = quiz
    status, _ = runtime.call(block, "publish_event", {"event_type": "wise.test.loaded", "items": 3})
    assert status == 200
    assert runtime.published == [("wise.test.loaded", {"items": 3})]


def test_learners_have_separate_state(quiz):
    runtime, block = quiz
    runtime.call(block, "submit", {"answer": "glass"})
    other = runtime.learner("learner-2")
    other_block = other.get_block(block.scope_ids.usage_id)
    assert other_block.attempts == 0 and block.attempts == 1


@pytest.mark.parametrize(
    "policy,attempts,correct,past_due,expected",
    [
        (showanswer.NEVER, 3, True, True, False),
        (showanswer.ALWAYS, 0, False, False, True),
        (showanswer.ATTEMPTED, 0, False, False, False),
        (showanswer.ATTEMPTED, 1, False, False, True),
        (showanswer.FINISHED, 1, False, False, False),
        (showanswer.FINISHED, 1, True, False, True),
        (showanswer.FINISHED, 2, False, False, True),  # max 2: all attempts used
        (showanswer.PAST_DUE, 1, True, False, False),
        (showanswer.PAST_DUE, 0, False, True, True),
        (showanswer.AFTER_ALL_ATTEMPTS, 1, True, False, False),
        (showanswer.ANSWERED, 1, True, False, True),
    ],
)
def test_show_answer_policy_matches_the_built_in_problem(policy, attempts, correct, past_due, expected):
    situation = showanswer.LearnerSituation(attempts=attempts, max_attempts=2, is_correct=correct, past_due=past_due)
    assert showanswer.answer_available(policy, situation) is expected


def test_staff_see_answers_unless_never():
    staff = showanswer.LearnerSituation(attempts=0, max_attempts=None, is_correct=False, past_due=False, is_staff=True)
    assert showanswer.answer_available(showanswer.PAST_DUE, staff)
    assert not showanswer.answer_available(showanswer.NEVER, staff)


def test_deadline_from_the_lms_closes_submissions_but_the_workbench_stamp_does_not(quiz):
    import datetime

    runtime, block = quiz
    block.due = datetime.datetime.utcnow() - datetime.timedelta(days=1)  # naive: the workbench's stamp
    assert runtime.call(block, "submit", {"answer": "glass"})[0] == 200
    block.due = datetime.datetime.now(datetime.UTC) - datetime.timedelta(days=1)  # the LMS's
    status, _ = runtime.call(block, "submit", {"answer": "glass"})
    assert status == 403
    assert block.attempts == 1


def test_lms_staff_flag_from_the_user_service_shows_answers():
    from xblock.reference.user_service import UserService, XBlockUser

    class StaffUserService(UserService):
        def get_current_user(self):
            user = XBlockUser(is_current_user=True)
            user.opt_attrs["edx-platform.user_is_staff"] = True  # what the LMS's user service sets
            return user

    runtime = RecordingRuntime(block_classes={"wise_test_quiz": QuizBlock}, services={"user": StaffUserService()})
    block = runtime.load('<wise_test_quiz showanswer="past_due"/>')
    assert block.answer_available()
    learner = RecordingRuntime(block_classes={"wise_test_quiz": QuizBlock})
    assert not learner.load('<wise_test_quiz showanswer="past_due"/>').answer_available()
