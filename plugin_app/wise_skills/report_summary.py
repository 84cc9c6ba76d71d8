"""The stored summary of today's gap reports (wise_skills.models_summary): building it, keeping it current, and
answering reports from it.

Today's reports without the learner x competence product: the live query of wise_skills.reports sorts every pair (4
million at 100 000 learners x 40 competences) into its groups; the summary has one row per (WISE, role) cell and
competence, area, framework or role, so a report sums a few thousand rows. Learners with one active membership are
summed from it (each sits in one cell, so sums of cells are counts of distinct learners); the few with several
memberships go through the live query, restricted to them, and both parts are added: the two sets of learners are
disjoint, and every measure of a group is a sum over its learners' pairs or a count of them.

wise_skills.reports.gap_report asks ``summary_rows`` first and falls back to the live pair query.
"""

from __future__ import annotations

import hashlib
from datetime import date, timedelta

from django.db import transaction
from django.db.models import Case, Count, F, IntegerField, Q, Sum, Value, When
from django.utils import timezone

from .models import Membership, RoleRequirement
from .permissions import Scope
from .reports import COMP, _aggregate, _group_fields, _pairs

_STAFF = Scope(user_id=None, is_staff=True)
# dimension -> (key path, label path or None) on GapSummary; the parents (PARENTS) have the same paths there.
SUMMARY_DIMENSIONS = {
    "wise": ("wise__key", "wise__name"),
    "role": ("role__key", "role__name"),
    "country": ("wise__country", None),
    "sector": ("wise__sectors__key", "wise__sectors__name"),
    "network": ("wise__network__key", "wise__network__name"),
    "framework": ("framework__key", "framework__name"),
    "area": ("area__key", "area__name"),
    "competence": ("competence__key", "competence__name"),
}
SUMMARY_FILTERS = {name: f"{paths[0]}__in" for name, paths in SUMMARY_DIMENSIONS.items()}
_MEASURES = ("n_learners", "n_pairs", "gap_sum", "n_below", "n_learners_below")
# Above this many WISEs to recompute at once, recompute them all (one query each instead of a long IN list).
_MAX_CELL_WISES = 300
# A rebuild the reports asked for is asked again only after this long (the task may be queued behind others).
_REBUILD_AGAIN_AFTER = timedelta(minutes=30)


def summary_grain(dims, filters) -> str | None:
    """The summary rows that answer this report exactly, or None (the live query answers).

    A group's "learners below" is a count of learners with a gap in ANY of the group's competences, which a sum
    of rows gives only when each cell contributes one row per group: the grain of the finest competence-side
    dimension grouped on, or of a single competence, area or framework filter."""
    if len(filters.get("sector", ())) > 1 and "sector" not in dims:
        # The live join counts a pair once per matching sector of its WISE (a learner once): keep that as it is.
        return None
    comp_filters = [d for d in ("competence", "area", "framework") if d in filters]
    if "competence" in dims:
        return "competence"
    if "area" in dims:
        return None if "competence" in comp_filters else "area"
    if "framework" in dims:
        return "framework" if set(comp_filters) <= {"framework"} else None
    if not comp_filters:
        return "all"
    finest = comp_filters[0]
    return finest if len(filters[finest]) == 1 else None


def _multi_members(day: date):
    """Learners with more than one membership active on ``day`` (a subquery): the live query counts them."""
    return (
        Membership.objects.active_on(day)
        .values("user_id")
        .annotate(n=Count("id"))
        .filter(n__gt=1)
        .values("user_id")
        .order_by()
    )


def _catalogue_fingerprint() -> str:
    """What the stored rows assume about the catalogue: requirements, and competence -> area -> framework."""
    from .models import Competence

    requirements = sorted(RoleRequirement.objects.values_list("role_id", "competence_id", "level"))
    competences = sorted(Competence.objects.values_list("id", "area_id", "framework_id", "area__framework_id"))
    return hashlib.sha256(repr((requirements, competences)).encode()).hexdigest()


def _summary_rows_for(day: date, wise_ids=None, role_ids=None) -> list:
    """GapSummary rows (unsaved) of every cell, or of the cells in wise_ids x role_ids: four GROUP BY queries."""
    from .models import Competence, GapSummary

    pairs = _pairs(_STAFF, None, {}, today=day).exclude(user_id__in=_multi_members(day))
    if wise_ids is not None:
        pairs = pairs.filter(wise_id__in=sorted(wise_ids), role_id__in=sorted(role_ids))
    meta = {c: (a, f) for c, a, f in Competence.objects.values_list("id", "area_id", "framework_id")}
    learners, sums, rows = {}, {}, []
    per_competence = (
        pairs.values("wise_id", "role_id", "comp_id")
        .annotate(
            n_pairs=Count("id"),
            gap_sum=Sum("gap"),
            n_below=Sum(Case(When(gap__gt=0, then=Value(1)), default=Value(0), output_field=IntegerField())),
        )
        .order_by()
    )
    for r in per_competence:
        cell = (r["wise_id"], r["role_id"])
        area_id, framework_id = meta[r["comp_id"]]
        # One active membership each: a learner is exactly one pair of each competence their role requires.
        learners[cell] = r["n_pairs"]
        rows.append(
            GapSummary(
                wise_id=cell[0],
                role_id=cell[1],
                grain="competence",
                competence_id=r["comp_id"],
                area_id=area_id,
                framework_id=framework_id,
                learners=r["n_pairs"],
                pairs=r["n_pairs"],
                gap_sum=r["gap_sum"],
                below=r["n_below"],
                learners_below=r["n_below"],
            )
        )
        for unit in (("area", area_id), ("framework", framework_id), ("all", None)):
            total = sums.setdefault((*cell, *unit), [0, 0, 0, framework_id])
            total[0] += r["n_pairs"]
            total[1] += r["gap_sum"]
            total[2] += r["n_below"]
    # Pairs, gaps and pairs below add up from the competence rows; learners below (a learner counts once however
    # many of the unit's competences they are below in) need one COUNT(DISTINCT) per grain.
    learners_below = Count(Case(When(gap__gt=0, then=F("user_id"))), distinct=True)
    for grain, path in (("area", f"{COMP}__area_id"), ("framework", f"{COMP}__framework_id"), ("all", None)):
        fields = ["wise_id", "role_id", *([path] if path else [])]
        for r in pairs.values(*fields).annotate(n=learners_below).order_by():
            cell = (r["wise_id"], r["role_id"])
            unit_id = r[path] if path else None
            n_pairs, gap_sum, n_below, framework_id = sums[(*cell, grain, unit_id)]
            rows.append(
                GapSummary(
                    wise_id=cell[0],
                    role_id=cell[1],
                    grain=grain,
                    area_id=unit_id if grain == "area" else None,
                    framework_id=framework_id if grain != "all" else None,
                    learners=learners[cell],
                    pairs=n_pairs,
                    gap_sum=gap_sum,
                    below=n_below,
                    learners_below=r["n"],
                )
            )
    return rows


def _delete_ids(model, ids) -> None:
    ids = sorted(ids)
    for i in range(0, len(ids), 900):
        model.objects.filter(id__in=ids[i : i + 900]).delete()


def _summary_possible() -> bool:
    """An area's rows name one framework: true of every shipped catalogue (area keys are '<framework>:<code>')."""
    from .models import Competence

    return not Competence.objects.exclude(framework_id=F("area__framework_id")).exists()


def rebuild_summary() -> dict:
    """Build the whole summary for today (``recompute_wise_skills``, the task the reports queue when it is out of
    date). From the moment the state row exists, every write of a level or membership leaves a mark, so what this
    snapshot misses is recomputed by the next report."""
    from .models import GapSummary, GapSummaryDirty, GapSummaryState

    GapSummaryState.objects.get_or_create(pk=1)  # its own commit: writers mark cells from now on
    with transaction.atomic():
        state = GapSummaryState.objects.select_for_update().get(pk=1)  # one rebuild or catch-up at a time
        day = timezone.localdate()
        seen = list(GapSummaryDirty.objects.values_list("id", flat=True))
        GapSummary.objects.all().delete()
        possible, rows = _summary_possible(), []
        if possible:
            rows = _summary_rows_for(day)
            GapSummary.objects.bulk_create(rows, batch_size=2000)
        _delete_ids(GapSummaryDirty, seen)
        state.day, state.fingerprint, state.ready = day, _catalogue_fingerprint(), possible
        state.built_at, state.rebuild_requested_at = timezone.now(), None
        state.save()
    return {"day": day.isoformat(), "rows": len(rows), "ready": state.ready}


def _catch_up(day: date) -> bool:
    """Recompute the cells marked since the last report, and those of learners whose memberships started or ended
    since the summary's day. False when the summary cannot be brought up to date this way (rebuild needed)."""
    from .models import GapSummary, GapSummaryDirty, GapSummaryState

    with transaction.atomic():
        state = GapSummaryState.objects.select_for_update().filter(pk=1).first()
        if state is None or not state.ready or state.day is None or state.day > day:
            return False
        cells = set()
        if state.day < day:
            changed = Membership.objects.filter(confirmed=True).filter(
                Q(start__gt=state.day, start__lte=day) | Q(end__gte=state.day, end__lt=day)
            )
            cells.update(
                Membership.objects.filter(user_id__in=changed.values("user_id"))
                .values_list("wise_id", "role_id")
                .distinct()
                .order_by()
            )
        marks = list(GapSummaryDirty.objects.values_list("id", "wise_id", "role_id"))
        if marks and transaction.get_connection().in_atomic_block:
            # Inside a longer transaction (ATOMIC_REQUESTS) this snapshot may predate another report's catch-up:
            # only the marks that are still there (a locking read sees the latest rows) are ours to process, and
            # their data is in this snapshot, since a mark is written with or after the write it marks.
            ids = [m[0] for m in marks]
            left = set(GapSummaryDirty.objects.select_for_update().filter(id__in=ids).values_list("id", flat=True))
            marks = [m for m in marks if m[0] in left]
        cells.update((w, r) for _, w, r in marks)
        if cells:
            wise_ids, role_ids = {w for w, _ in cells}, {r for _, r in cells}
            if len(wise_ids) > _MAX_CELL_WISES:
                wise_ids = role_ids = None
                GapSummary.objects.all().delete()
            else:
                GapSummary.objects.filter(wise_id__in=sorted(wise_ids), role_id__in=sorted(role_ids)).delete()
            GapSummary.objects.bulk_create(_summary_rows_for(day, wise_ids, role_ids), batch_size=2000)
        _delete_ids(GapSummaryDirty, [m[0] for m in marks])
        if state.day != day:
            state.day = day
            state.save(update_fields=["day"])
    return True


def _request_rebuild(state) -> None:
    """The summary exists but cannot answer (catalogue changed, ...): queue a rebuild, at most every half hour."""
    from .models import GapSummaryState
    from .receivers import _run_inline
    from .tasks import refresh_report_summary_task

    now = timezone.now()
    if state.rebuild_requested_at and now - state.rebuild_requested_at < _REBUILD_AGAIN_AFTER:
        return
    GapSummaryState.objects.filter(pk=1).update(rebuild_requested_at=now)
    if _run_inline():
        transaction.on_commit(refresh_report_summary_task.apply)
    else:
        transaction.on_commit(refresh_report_summary_task.delay)


def summary_rows(scope: Scope, dims, filters) -> list[dict] | None:
    """Today's aggregate rows, as ``_aggregate`` gives them, from the stored summary; None when it cannot answer
    (never built, out of date beyond catching up, or a grouping it cannot sum exactly): the live query answers.

    Constant number of queries: one when no summary was built; otherwise the state (twice), the catalogue
    fingerprint (2), the marks, the summary, whether anyone has several memberships (and their live rows then)."""
    from .models import GapSummaryDirty, GapSummaryState

    grain = summary_grain(dims, filters)
    if grain is None:
        return None
    if not GapSummaryState.objects.filter(pk=1).exists():
        return None  # not in use until recompute_wise_skills builds it
    day = timezone.localdate()
    for _attempt in range(3):
        # One transaction: the state, the marks and the rows are read in the same snapshot.
        with transaction.atomic():
            state = GapSummaryState.objects.filter(pk=1).first()
            if state is None:
                return None
            if not state.ready or state.day is None or state.day > day or state.fingerprint != _catalogue_fingerprint():
                _request_rebuild(state)
                return None
            if state.day == day and not GapSummaryDirty.objects.exists():
                return _summary_aggregate(scope, dims, filters, grain, day)
        if not _catch_up(day):
            return None
    return None  # writes keep coming faster than the catch-up: answer live this once


def _summary_aggregate(scope: Scope, dims, filters, grain: str, day: date) -> list[dict]:
    from .models import GapSummary

    conditions = {"grain": grain}
    conditions.update({SUMMARY_FILTERS[name]: values for name, values in filters.items()})
    # ONE filter() call, as in _pairs: the sector join is then shared by the filter and the grouping, as there.
    qs = scope.restrict(GapSummary.objects.all()).filter(**conditions)
    summary_fields = _group_fields(dims, SUMMARY_DIMENSIONS)
    live_fields = _group_fields(dims)
    merged = {}
    for r in (
        qs.values(*summary_fields)
        .annotate(
            n_learners=Sum("learners"),
            n_pairs=Sum("pairs"),
            gap_sum=Sum("gap_sum"),
            n_below=Sum("below"),
            n_learners_below=Sum("learners_below"),
        )
        .order_by()
    ):
        key = tuple(r[f] for f in summary_fields)
        merged[key] = dict(zip(live_fields, key, strict=True), **{m: r[m] for m in _MEASURES})
    multi = _multi_members(day)
    if multi.exists():
        for r in _aggregate(_pairs(scope, None, filters, today=day).filter(user_id__in=multi), dims):
            key = tuple(r[f] for f in live_fields)
            row = merged.setdefault(key, dict(zip(live_fields, key, strict=True), **dict.fromkeys(_MEASURES, 0)))
            for m in _MEASURES:
                row[m] += r[m]
    return sorted(merged.values(), key=lambda row: [(v is not None, v) for v in (row[f] for f in live_fields)])
