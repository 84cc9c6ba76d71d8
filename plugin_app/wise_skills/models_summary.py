"""The stored summary behind today's gap reports, and what keeps it correct.

Imported at the top of wise_skills.models (the querysets below are Membership's and LearnerLevel's), so Django finds
the models in the app's models module. Nothing here imports wise_skills.models at module level.

``GapSummary`` holds, per (WISE, role) *cell* and per competence, area, framework or the whole role ("grain"), the
measures of ``reports.gap_report`` over the cell's **single-membership learners** on ``GapSummaryState.day``:
learners, pairs, gap sum, pairs below, learners below. A learner with one active membership is in exactly one
cell, so summing cells never counts them twice and every ``COUNT(DISTINCT user_id)`` of the live report is a sum
here; learners with two or more memberships are few and stay on the live query (reports merges both). The table
holds no per-learner row (nothing for retirement to delete), and small-group suppression applies when it is read,
exactly as on the live path.

What keeps it correct (``reports`` reads it only when all of this holds, otherwise it answers from the live query):

* every write of a current level or a membership, however it is made (save, delete, bulk_create, bulk_update,
  update, cascades), inserts a ``GapSummaryDirty`` mark for the cells it may change, in the same transaction or
  just after it; the next report recomputes those cells and deletes exactly the marks it saw;
* the day: memberships start and end, so on a new day the cells of learners whose memberships started or ended
  since ``day`` are recomputed;
* the catalogue (role requirements, competence -> area -> framework): a fingerprint taken at build time; any change
  makes the summary unusable until ``recompute_wise_skills`` (or the task the report queues) rebuilds it.

Marks are only written once a summary exists, so a site that never opens the dashboard pays one cheap query per
write and stores nothing.
"""

from django.db import models
from django.db.models.signals import post_delete, post_save, pre_save


class GapSummaryState(models.Model):
    """One row (pk 1): the day the summary describes and the catalogue it was built with."""

    day = models.DateField(null=True)
    fingerprint = models.CharField(max_length=64, blank=True)
    ready = models.BooleanField(default=False)
    built_at = models.DateTimeField(null=True)
    rebuild_requested_at = models.DateTimeField(null=True)

    def __str__(self):
        return f"gap summary of {self.day} ({'ready' if self.ready else 'not ready'})"


class GapSummary(models.Model):
    GRAINS = ("competence", "area", "framework", "all")

    wise = models.ForeignKey("wise_skills.Wise", on_delete=models.CASCADE, related_name="+")
    role = models.ForeignKey("wise_skills.Role", on_delete=models.CASCADE, related_name="+")
    grain = models.CharField(max_length=10)
    # Set as far as the grain goes: a competence row names its area and framework too, an "all" row none.
    framework = models.ForeignKey("wise_skills.Framework", null=True, on_delete=models.CASCADE, related_name="+")
    area = models.ForeignKey("wise_skills.Area", null=True, on_delete=models.CASCADE, related_name="+")
    competence = models.ForeignKey("wise_skills.Competence", null=True, on_delete=models.CASCADE, related_name="+")
    learners = models.PositiveIntegerField()
    pairs = models.PositiveIntegerField()
    gap_sum = models.PositiveIntegerField()
    below = models.PositiveIntegerField()
    learners_below = models.PositiveIntegerField()

    class Meta:
        indexes = [models.Index(fields=["grain", "wise", "role"], name="wise_gapsum_grain_cell")]

    def __str__(self):
        return f"{self.grain} summary of WISE {self.wise_id} role {self.role_id}"


class GapSummaryDirty(models.Model):
    """A (WISE, role) cell whose summary rows may be out of date. Insert-only: readers delete the ids they saw."""

    wise_id = models.IntegerField()
    role_id = models.IntegerField()

    def __str__(self):
        return f"WISE {self.wise_id} role {self.role_id} to recompute"


def _summary_in_use() -> bool:
    return GapSummaryState.objects.filter(pk=1).exists()


def mark_cells(cells) -> None:
    cells = {(w, r) for w, r in cells if w is not None and r is not None}
    if cells and _summary_in_use():
        GapSummaryDirty.objects.bulk_create([GapSummaryDirty(wise_id=w, role_id=r) for w, r in sorted(cells)])


def mark_users(user_ids, extra_cells=()) -> None:
    """Mark every cell these learners have a membership in (active or not: a superset is only extra work)."""
    from .models import Membership

    user_ids = sorted({int(u) for u in user_ids if u is not None})
    if not (user_ids or extra_cells) or not _summary_in_use():
        return
    cells = set(extra_cells)
    for i in range(0, len(user_ids), 900):  # stay far below sqlite's bound on query parameters
        chunk = user_ids[i : i + 900]
        cells.update(
            Membership._base_manager.filter(user_id__in=chunk).values_list("wise_id", "role_id").distinct().order_by()
        )
    mark_cells(cells)


class _Tracked(models.QuerySet):
    """Bulk writes that send no model signal still mark the cells they change."""

    def bulk_create(self, objs, *args, **kwargs):
        objs = list(objs)
        created = super().bulk_create(objs, *args, **kwargs)
        mark_users(o.user_id for o in objs)
        return created

    def update(self, **kwargs):  # bulk_update ends here as well
        users, cells = self._before_update(kwargs)
        count = super().update(**kwargs)
        if count:
            mark_users(users, cells)
        return count

    def _before_update(self, kwargs):
        return set(self.values_list("user_id", flat=True).distinct().order_by()), set()


class LearnerLevelQuerySet(_Tracked):
    pass


class TrackedMembershipQuerySet(_Tracked):
    def _before_update(self, kwargs):
        rows = list(self.values_list("user_id", "wise_id", "role_id").order_by())
        users = {u for u, _, _ in rows}
        if "user_id" in kwargs:
            users.add(kwargs["user_id"])
        return users, {(w, r) for _, w, r in rows}


def _membership_pre_save(sender, instance, raw=False, **kwargs):
    instance._wise_summary_before = None
    if instance.pk is not None and not raw:
        instance._wise_summary_before = (
            sender._base_manager.filter(pk=instance.pk).values_list("user_id", "wise_id", "role_id").first()
        )


def _membership_changed(sender, instance, **kwargs):
    before = getattr(instance, "_wise_summary_before", None)
    users, cells = {instance.user_id}, {(instance.wise_id, instance.role_id)}
    if before:
        users.add(before[0])
        cells.add(before[1:])
    mark_users(users, cells)


def _level_changed(sender, instance, **kwargs):
    mark_users([instance.user_id])


def connect(membership_model, level_model) -> None:
    """Called once by wise_skills.models: the signals for saves and deletes (cascades included)."""
    uid = "wise_skills_summary"
    pre_save.connect(_membership_pre_save, sender=membership_model, dispatch_uid=f"{uid}_m_pre")
    post_save.connect(_membership_changed, sender=membership_model, dispatch_uid=f"{uid}_m_save")
    post_delete.connect(_membership_changed, sender=membership_model, dispatch_uid=f"{uid}_m_delete")
    post_save.connect(_level_changed, sender=level_model, dispatch_uid=f"{uid}_l_save")
    post_delete.connect(_level_changed, sender=level_model, dispatch_uid=f"{uid}_l_delete")
