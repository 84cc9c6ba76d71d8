"""When may a learner see the answers? The same policy values as the built-in Open edX problem.

Pure: the caller passes the learner's situation; nothing here reads a runtime.
"""

from dataclasses import dataclass

ALWAYS = "always"
ANSWERED = "answered"
ATTEMPTED = "attempted"
ATTEMPTED_NO_PAST_DUE = "attempted_no_past_due"
CLOSED = "closed"
FINISHED = "finished"
CORRECT_OR_PAST_DUE = "correct_or_past_due"
PAST_DUE = "past_due"
NEVER = "never"
AFTER_ALL_ATTEMPTS = "after_all_attempts"
AFTER_ALL_ATTEMPTS_OR_CORRECT = "after_all_attempts_or_correct"

POLICIES = (
    FINISHED,
    ALWAYS,
    ANSWERED,
    ATTEMPTED,
    ATTEMPTED_NO_PAST_DUE,
    CLOSED,
    CORRECT_OR_PAST_DUE,
    PAST_DUE,
    NEVER,
    AFTER_ALL_ATTEMPTS,
    AFTER_ALL_ATTEMPTS_OR_CORRECT,
)
DEFAULT_POLICY = FINISHED


@dataclass(frozen=True)
class LearnerSituation:
    attempts: int
    max_attempts: int | None  # None or 0: unlimited
    is_correct: bool
    past_due: bool
    is_staff: bool = False

    @property
    def used_all_attempts(self):
        return bool(self.max_attempts) and self.attempts >= self.max_attempts

    @property
    def closed(self):
        return self.used_all_attempts or self.past_due


def answer_available(policy, situation):
    """True when `policy` lets this learner see the correct answers now."""
    if policy == NEVER:
        return False
    if situation.is_staff or policy == ALWAYS:
        return True
    attempted = situation.attempts > 0
    rules = {
        ANSWERED: situation.is_correct,
        ATTEMPTED: attempted or situation.past_due,
        ATTEMPTED_NO_PAST_DUE: attempted,
        CLOSED: situation.closed,
        FINISHED: situation.closed or situation.is_correct,
        CORRECT_OR_PAST_DUE: situation.is_correct or situation.past_due,
        PAST_DUE: situation.past_due,
        AFTER_ALL_ATTEMPTS: situation.used_all_attempts,
        AFTER_ALL_ATTEMPTS_OR_CORRECT: situation.used_all_attempts or situation.is_correct,
    }
    return rules.get(policy, False)
