"""Scoring, attempts, deadline and show-answer policy, shared by every graded WISE block.

The raw score is the fraction of the exercise done right (0..1); the course team's
`weight` scales it in the gradebook. The best score is kept (only_if_higher), a used-up
attempt budget answers 409, a passed deadline 403 — and nothing a learner posts can set a
score except answering, because only record_attempt() publishes a grade.
"""

import datetime
import functools
import hashlib
import time
import uuid
from contextlib import contextmanager

from xblock.completable import CompletableXBlockMixin
from xblock.exceptions import JsonHandlerError
from xblock.fields import Boolean, Float, Integer, Scope, String
from xblock.scorable import ScorableXBlockMixin, Score

from . import showanswer
from .i18n import BlockTranslator, _
from .seeding import block_key, learner_key
from .staff import user_is_staff

# A submission holds its learner's lock while it reads, grades and saves; a second one waits
# this long for it, then answers 409 (the page says "try again").
LOCK_WAIT_SECONDS = 15
LOCK_TTL_SECONDS = 60

SHOWANSWER_VALUES = [
    {"display_name": _("Finished (correct, or no attempts left, or past due)"), "value": showanswer.FINISHED},
    {"display_name": _("Always"), "value": showanswer.ALWAYS},
    {"display_name": _("Answered correctly"), "value": showanswer.ANSWERED},
    {"display_name": _("Attempted"), "value": showanswer.ATTEMPTED},
    {"display_name": _("Attempted, not after the due date"), "value": showanswer.ATTEMPTED_NO_PAST_DUE},
    {"display_name": _("Closed"), "value": showanswer.CLOSED},
    {"display_name": _("Correct or past due"), "value": showanswer.CORRECT_OR_PAST_DUE},
    {"display_name": _("Past due"), "value": showanswer.PAST_DUE},
    {"display_name": _("Never"), "value": showanswer.NEVER},
    {"display_name": _("After all attempts"), "value": showanswer.AFTER_ALL_ATTEMPTS},
    {"display_name": _("After all attempts or correct"), "value": showanswer.AFTER_ALL_ATTEMPTS_OR_CORRECT},
]


class ScoringMixin(ScorableXBlockMixin, CompletableXBlockMixin):
    """Fields and behaviour for a block that is graded by the fraction a learner gets right."""

    has_score = True
    has_custom_completion = True

    weight = Float(
        display_name=_("Problem weight"),
        help=_("How many points this exercise is worth in the gradebook."),
        default=1.0,
        scope=Scope.settings,
        values={"min": 0},
    )
    max_attempts = Integer(
        display_name=_("Maximum attempts"),
        help=_("How many times a learner may submit. Empty or 0 means no limit."),
        default=None,
        scope=Scope.settings,
    )
    showanswer = String(
        display_name=_("Show answer"),
        help=_("When learners may see the correct answers and explanations."),
        default=showanswer.DEFAULT_POLICY,
        scope=Scope.settings,
        values=SHOWANSWER_VALUES,
    )

    attempts = Integer(help="Submissions this learner has made", default=0, scope=Scope.user_state)
    raw_earned = Float(help="Best raw score (0..1) this learner reached", default=None, scope=Scope.user_state)
    last_earned = Float(help="Raw score of the latest submission", default=None, scope=Scope.user_state)
    completed = Boolean(help="Whether this learner finished the exercise", default=False, scope=Scope.user_state)

    # --- ScorableXBlockMixin contract -------------------------------------------------
    def max_score(self):
        return 1.0

    def has_submitted_answer(self):
        return self.attempts > 0

    def get_score(self):
        return Score(raw_earned=self.raw_earned or 0.0, raw_possible=1.0)

    def set_score(self, score):
        self.raw_earned = score.raw_earned

    def calculate_score(self):
        """Blocks that can regrade the stored answer override this; the stored best stands otherwise."""
        return self.get_score()

    # --- policy ---------------------------------------------------------------------------
    def translator(self):
        return BlockTranslator()

    def is_past_due(self):
        due = getattr(self, "due", None)
        if not due:
            return False
        if due.tzinfo is None:
            # xblock-sdk's workbench stamps every block it renders with a naive `due = utcnow()`
            # (for the LTI consumer); the LMS sets `due` from the course as an aware datetime,
            # and only that is a real deadline.
            return False
        grace = getattr(self, "graceperiod", None) or datetime.timedelta(0)
        return datetime.datetime.now(datetime.UTC) > due + grace

    def attempts_left(self):
        if not self.max_attempts:
            return None
        return max(0, self.max_attempts - self.attempts)

    def is_correct(self):
        return self.last_earned is not None and self.last_earned >= 1.0

    def user_is_staff(self):
        """Course staff see answers (common/staff.py)."""
        return user_is_staff(self)

    def answer_available(self):
        situation = showanswer.LearnerSituation(
            attempts=self.attempts,
            max_attempts=self.max_attempts,
            is_correct=self.is_correct(),
            past_due=self.is_past_due(),
            is_staff=self.user_is_staff(),
        )
        return showanswer.answer_available(self.showanswer, situation)

    def ensure_can_submit(self):
        """Raise before anything is written: 403 past the deadline, 409 when no attempt is left."""
        _t = self.translator().gettext
        if self.is_past_due():
            raise JsonHandlerError(403, _t("The due date for this exercise has passed."))
        if self.attempts_left() == 0:
            raise JsonHandlerError(409, _t("You have used all your attempts for this exercise."))

    @contextmanager
    def exclusive_submission(self):
        """One submission at a time per learner and block, with the state read afresh and saved inside.

        Without it, fifty parallel submissions each read attempts=0 and each wrote 1: attempts
        were lost and max_attempts was not enforced (found by the security suite on MariaDB).
        The lock lives in Django's cache, which the LMS shares across its processes (memcached
        or Redis). Runtimes that preload learner state for the whole request (the LMS's
        FieldDataCache) still serialise the writes through it; the workbench re-reads the state.
        """
        from django.core.cache import cache

        digest = hashlib.sha256(f"{learner_key(self)}|{block_key(self)}".encode()).hexdigest()[:32]
        key, token = f"wise-xblocks:submission:{digest}", uuid.uuid4().hex
        deadline = time.monotonic() + LOCK_WAIT_SECONDS
        while not cache.add(key, token, LOCK_TTL_SECONDS):
            if time.monotonic() > deadline:
                raise JsonHandlerError(409, self.translator().gettext("Your previous answer is still being checked."))
            time.sleep(0.02)
        try:
            self._forget_cached_learner_state()
            yield
            self.save()
        finally:
            if cache.get(key) == token:
                cache.delete(key)

    def _forget_cached_learner_state(self):
        for name, field in self.fields.items():
            if field.scope == Scope.user_state and field not in self._dirty_fields:
                self._field_data_cache.pop(name, None)

    def record_attempt(self, fraction):
        """Count an attempt, keep the best score, publish the grade and completion."""
        fraction = min(1.0, max(0.0, float(fraction)))
        self.attempts += 1
        self.last_earned = fraction
        if self.raw_earned is None or fraction > self.raw_earned:
            self.set_score(Score(raw_earned=fraction, raw_possible=1.0))
        self._publish_grade(Score(raw_earned=fraction, raw_possible=1.0), only_if_higher=True)
        self.mark_completed()

    def mark_completed(self):
        if not self.completed:
            self.completed = True
            self.emit_completion(1.0)

    def scoring_state(self):
        """What the page shows about attempts and score (no answers in here)."""
        return {
            "attempts": self.attempts,
            "max_attempts": self.max_attempts or None,
            "attempts_left": self.attempts_left(),
            "score": self.raw_earned,
            "weight": self.weight,
            "past_due": self.is_past_due(),
            "answer_available": self.answer_available(),
        }


def one_submission_at_a_time(handler):
    """Decorate a submit handler (inside @json_handler): see ScoringMixin.exclusive_submission."""

    @functools.wraps(handler)
    def wrapper(self, data, suffix=""):
        with self.exclusive_submission():
            return handler(self, data, suffix)

    return wrapper
