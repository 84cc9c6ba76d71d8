"""Bulk recomputation of the stored current levels (LearnerLevel) from the evidence.

Per learner the rule is ``gaps.current_level``; here it is applied for many learners in batches, one transaction
per batch, so a long run can be interrupted and restarted.
"""

from django.db import transaction

from .models import Evidence, LearnerLevel
from .public_api import refresh_levels


def recompute_levels(user_ids, batch_size: int = 500, progress=None) -> int:
    """Re-apply the rule for these learners; returns how many learners were processed."""
    user_ids = list(user_ids)
    total = len(user_ids)
    for start in range(0, total, batch_size):
        batch = user_ids[start : start + batch_size]
        with transaction.atomic():
            pairs = {}
            for uid, comp in (
                Evidence.objects.filter(user_id__in=batch).values_list("user_id", "competence_id").distinct()
            ):
                pairs.setdefault(uid, set()).add(comp)
            for uid, comp in LearnerLevel.objects.filter(user_id__in=batch).values_list("user_id", "competence_id"):
                pairs.setdefault(uid, set()).add(comp)  # so levels whose evidence is gone are removed
            for uid in batch:
                refresh_levels(uid, pairs.get(uid, ()))
        if progress:
            progress(min(start + batch_size, total), total)
    return total
