"""Learner retirement (GDPR erasure): remove every row about a user. Idempotent; safe to call twice.

Called by the receiver of edx-platform's retirement signals (USER_RETIRE_LMS_CRITICAL, USER_RETIRE_LMS_MISC)
and usable directly (tests, a support shell). What goes, per table:

* Evidence, LearnerLevel, Membership: deleted (they are the learner's personal data);
* ManagerAssignment, CoordinatorAssignment: deleted (the person no longer manages anything);
* Evidence this user *recorded* about others as a manager keeps its value (it is the other learner's data) but
  loses the link to the retired rater: ``recorded_by_id`` set to NULL, ``source_key`` 'manager:<id>' anonymised.
"""

from django.db import transaction

from .models import CoordinatorAssignment, Evidence, LearnerLevel, ManagerAssignment, Membership, Provenance


@transaction.atomic
def retire_user(user_id) -> dict:
    user_id = int(user_id)
    counts = {
        "evidence": Evidence.objects.filter(user_id=user_id).delete()[0],
        "levels": LearnerLevel.objects.filter(user_id=user_id).delete()[0],
        "memberships": Membership.objects.filter(user_id=user_id).delete()[0],
        "manager_assignments": ManagerAssignment.objects.filter(user_id=user_id).delete()[0],
        "coordinator_assignments": CoordinatorAssignment.objects.filter(user_id=user_id).delete()[0],
    }
    rated = Evidence.objects.filter(provenance=Provenance.MANAGER_RATING, source_key=f"manager:{user_id}")
    for ev in rated:
        # Unique per (user, competence, provenance, source_key): a per-row anonymous key avoids collisions.
        ev.source_key = f"manager:retired-{ev.id}"
        ev.recorded_by_id = None
        ev.save(update_fields=["source_key", "recorded_by_id"])
    counts["anonymised_ratings"] = len(rated)
    Evidence.objects.filter(recorded_by_id=user_id).update(recorded_by_id=None)
    from .exports import forget_user  # the user's export jobs/files, and learner-level files that may list them

    counts.update(forget_user(user_id))
    return counts
