"""Skills-gap reports, aggregated IN THE DATABASE (one GROUP BY query per report, whatever the number of learners).

The unit of measure is a *pair*: one current membership (learner in a WISE with a role) x one competence that
role requires. For each pair:

    current = the learner's current level (LearnerLevel, i.e. the documented rule; 0 without evidence), or, for
              a past date, the level the same rule gives from the evidence observed up to that date (Subquery)
    gap     = max(0, required - current)

Per group (WISE, role, country, sector, network, framework, framework area, competence, or two of them):

    learners              distinct learners in the group
    pairs                 learner x competence pairs
    mean_gap              average gap over the pairs (in levels of each competence's own scale)
    share_below           share of pairs below requirement
    share_learners_below  share of learners with at least one gap

Small-group suppression (``WISE_SKILLS_MIN_GROUP_SIZE``, read at call time): a cell over fewer learners is
withheld and says so. When filters narrowed the report, the learners the filters removed from a cell must be 0 or
at least K as well ("complement"), so subtracting a filtered cell from the unfiltered one reveals no one; and when
exactly one cell of a one-dimension table is withheld, the next smallest is withheld too ("secondary"), so the
total cannot give it away. The caller's scope (wise_skills.permissions) is applied before anything is counted.

Functions return plain rows (dicts); views and exports format them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time

from django.db import connections, router
from django.db.models import (
    Aggregate,
    Case,
    CharField,
    Count,
    ExpressionWrapper,
    F,
    FilteredRelation,
    IntegerField,
    OuterRef,
    Q,
    Subquery,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Cast, Coalesce, Greatest, Least
from django.utils import timezone
from django.utils.translation import ngettext

from . import gaps
from .conf import setting
from .models import Evidence, Membership, RoleRequirement, Wise
from .permissions import Scope

REQ = "role__requirements"
COMP = f"{REQ}__competence"

# dimension -> (key path, label path or None)
DIMENSIONS = {
    "wise": ("wise__key", "wise__name"),
    "role": ("role__key", "role__name"),
    "country": ("wise__country", None),
    "sector": ("wise__sectors__key", "wise__sectors__name"),
    "network": ("wise__network__key", "wise__network__name"),
    "framework": (f"{COMP}__framework__key", f"{COMP}__framework__name"),
    "area": (f"{COMP}__area__key", f"{COMP}__area__name"),
    "competence": (f"{COMP}__key", f"{COMP}__name"),
}
FILTERS = {
    "wise": "wise__key__in",
    "network": "wise__network__key__in",
    "country": "wise__country__in",
    "sector": "wise__sectors__key__in",
    "role": "role__key__in",
    "framework": f"{COMP}__framework__key__in",
    "area": f"{COMP}__area__key__in",
    "competence": f"{COMP}__key__in",
}
ORDERINGS = {"mean_gap", "share_below", "share_learners_below", "learners", "key"}


class ReportError(ValueError):
    """A report parameter is wrong; the message says which values are allowed."""


@dataclass
class ReportParams:
    group_by: tuple[str, ...] = ("wise",)
    filters: dict[str, list[str]] = field(default_factory=dict)
    on: date | None = None  # None: today, with the stored current levels
    ordering: str = "key"

    def __post_init__(self):
        if isinstance(self.group_by, str):
            self.group_by = tuple(p for p in self.group_by.split(",") if p)
        if not 1 <= len(self.group_by) <= 2 or len(set(self.group_by)) != len(self.group_by):
            raise ReportError("group_by takes one or two different dimensions, e.g. 'wise' or 'competence,wise'")
        unknown = [g for g in self.group_by if g not in DIMENSIONS]
        if unknown:
            raise ReportError(f"unknown group_by {unknown[0]!r}; use one of {', '.join(DIMENSIONS)}")
        bad = [k for k in self.filters if k not in FILTERS]
        if bad:
            raise ReportError(f"unknown filter {bad[0]!r}; use one of {', '.join(FILTERS)}")
        self.filters = {k: [v for v in vals if v] for k, vals in self.filters.items() if any(vals)}
        if "country" in self.filters:  # stored upper-case (ISO 3166-1 alpha-2); accept "it" as well as "IT"
            self.filters["country"] = [v.upper() for v in self.filters["country"]]
        if self.ordering.lstrip("-") not in ORDERINGS:
            raise ReportError(
                f"unknown ordering {self.ordering!r}; use one of {', '.join(sorted(ORDERINGS))} "
                "(prefix - for descending)"
            )


def min_group_size() -> int:
    return int(setting("WISE_SKILLS_MIN_GROUP_SIZE"))


def _end_of(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.max), timezone.get_current_timezone())


def _signed(expression):
    """Levels are unsigned small integers on MySQL/MariaDB, where ``required - current`` below zero is an error:
    cast them there. Elsewhere the cast only costs time (about a third of the report on sqlite), so skip it."""
    if connections[router.db_for_read(Membership)].vendor == "mysql":
        return Cast(expression, IntegerField())
    return ExpressionWrapper(expression, output_field=IntegerField())


def _pairs(scope: Scope, on: date | None, filters: dict[str, list[str]], today: date | None = None):
    """Membership x required-competence rows in scope, with ``req``, ``cur`` and ``gap`` annotations.

    ``today`` pins the day of the current-level report (the summary is built for one day)."""
    day = on or today or timezone.localdate()
    # ONE filter() call: Django joins a multi-valued relation (requirements, sectors) once per filter() call, so
    # conditions spread over several calls would each get their own join and multiply the rows.
    conditions = {f"{REQ}__isnull": False}
    conditions.update({FILTERS[name]: values for name, values in filters.items()})
    qs = scope.restrict(Membership.objects.active_on(day)).filter(**conditions)
    qs = qs.annotate(req=_signed(F(f"{REQ}__level")), comp_id=F(f"{REQ}__competence_id"))
    if on is None:
        # LEFT JOIN the stored current level of this learner in this competence.
        qs = qs.annotate(
            cur_row=FilteredRelation(
                f"{COMP}__learner_levels", condition=Q(**{f"{COMP}__learner_levels__user_id": F("user_id")})
            )
        )
        current = Coalesce(_signed(F("cur_row__level")), Value(0), output_field=IntegerField())
    else:
        # The same rule on the evidence observed up to the end of that day (index wise_ev_rule).
        latest = (
            Evidence.objects.filter(
                user_id=OuterRef("user_id"), competence_id=OuterRef("comp_id"), observed_at__lte=_end_of(on)
            )
            .order_by("-verified", "-observed_at", "-id")
            .values("level")[:1]
        )
        current = Coalesce(_signed(Subquery(latest)), Value(0), output_field=IntegerField())
    gap = Greatest(ExpressionWrapper(F("req") - F("cur"), output_field=IntegerField()), Value(0))
    return qs.annotate(cur=current).annotate(gap=gap)


# The coarser dimensions a cell of a one-dimension report nests in: another report grouped by the parent
# shows the parent's total, so the withheld part of each parent must stay 0 or >= K (gaps.group_suppression).
# Each parent is determined by the cell's key, so adding it to GROUP BY changes no group.
PARENTS = {"role": ("role__sector__key",), "wise": ("wise__network__key", "wise__country")}


def _group_fields(dims, paths=DIMENSIONS):
    fields = []
    for dim in dims:
        key_path, label_path = paths[dim]
        fields.append(key_path)
        if label_path:
            fields.append(label_path)
    if len(dims) == 1:
        fields.extend(PARENTS.get(dims[0], ()))
    return fields


def _aggregate(qs, dims):
    fields = _group_fields(dims)
    return (
        qs.values(*fields)
        .annotate(
            n_learners=Count("user_id", distinct=True),
            n_pairs=Count("id"),
            gap_sum=Sum("gap"),
            n_below=Sum(Case(When(gap__gt=0, then=Value(1)), default=Value(0), output_field=IntegerField())),
            n_learners_below=Count(Case(When(gap__gt=0, then=F("user_id"))), distinct=True),
        )
        .order_by(*fields)
    )


def _key_of(row, dims):
    return tuple(row[DIMENSIONS[d][0]] for d in dims)


# Above this many distinct keys of a dimension, restricting the reference query to them is left out: a long IN
# list costs more than it saves (and such a result covers most of the scope anyway).
_MAX_RESTRICT_KEYS = 200
# Dimensions that belong to the competence (through the role's requirements), the others to the membership.
_COMPETENCE_DIMS = ("framework", "area", "competence")


class _GroupConcat(Aggregate):
    """The distinct role ids of a group as one string ("3,7"): the same on sqlite and MariaDB."""

    function = "GROUP_CONCAT"
    template = "%(function)s(%(distinct)s%(expressions)s)"
    allow_distinct = True
    output_field = CharField()


def _unfiltered_learners(scope: Scope, on: date | None, dims, rows) -> dict:
    """Learners per cell WITHOUT the filters (for the "complement" rule), only for the cells in ``rows``.

    One query, exact, and cheap whatever the scope:
    * only the cells the filtered report shows need a reference count, so the query is restricted to their keys
      (filtering on a grouping key never changes the count of a group with that key);
    * a learner counts in a cell whatever their level, so neither the current level (LearnerLevel) nor the
      as-of-date evidence subquery is needed; the date still decides which memberships are active;
    * the learner x competence product (learners x 40 rows) is never built: learners are first collapsed, per
      membership-side key, into the SET of roles they hold there (``GROUP_CONCAT(DISTINCT role_id)``) and counted
      per role set; each role set is then joined to the competence-side keys its roles require, de-duplicated
      (two roles requiring the same competence count a learner once, as COUNT(DISTINCT user_id) would) and summed.
    """
    member_dims = [d for d in dims if d not in _COMPETENCE_DIMS]
    comp_dims = [d for d in dims if d in _COMPETENCE_DIMS]
    member_cond, comp_cond = {}, {}
    for dim in dims:
        keys = {row[DIMENSIONS[dim][0]] for row in rows}
        if None not in keys and len(keys) <= _MAX_RESTRICT_KEYS:
            if dim in _COMPETENCE_DIMS:  # RoleRequirement-relative path
                comp_cond[FILTERS[dim][len(REQ) + 2 :]] = sorted(keys)
            else:
                member_cond[FILTERS[dim]] = sorted(keys)
    requirements = RoleRequirement.objects.filter(**comp_cond)
    members = scope.restrict(Membership.objects.active_on(on or timezone.localdate())).filter(
        role_id__in=requirements.values("role_id"), **member_cond
    )
    member_paths = [DIMENSIONS[d][0] for d in member_dims]
    if not comp_dims:
        return {
            _key_of(r, dims): r["n"]
            for r in members.values(*member_paths).annotate(n=Count("user_id", distinct=True)).order_by()
        }
    comp_paths = [DIMENSIONS[d][0][len(REQ) + 2 :] for d in comp_dims]
    by_learner = members.values("user_id", *member_paths).annotate(roles=_GroupConcat("role_id", distinct=True))
    by_learner = by_learner.order_by()
    role_keys = requirements.values("role_id", *comp_paths).distinct().order_by()
    connection = connections[router.db_for_read(Membership)]
    qn = connection.ops.quote_name
    inner_sql, inner_params = by_learner.query.sql_with_params()
    rk_sql, rk_params = role_keys.query.sql_with_params()
    n_m = len(member_paths)
    if connection.vendor == "mysql":
        contains = "CONCAT(',', s.roles, ',') LIKE CONCAT('%%,', rk.role_id, ',%%')"
    else:
        contains = "(',' || s.roles || ',') LIKE ('%%,' || rk.role_id || ',%%')"
    m_cols = [f"g.{qn(p)}" for p in member_paths]
    per_set = ", ".join([*(f"{c} AS c{i}" for i, c in enumerate(m_cols)), "g.roles AS roles", "COUNT(*) AS n"])
    per_set_group = ", ".join([*m_cols, "g.roles"])
    keyed = ", ".join(
        [
            *(f"s.c{i}" for i in range(n_m)),
            *(f"rk.{qn(p)} AS c{n_m + i}" for i, p in enumerate(comp_paths)),
            "s.roles",
            "s.n",
        ]
    )
    out_cols = ", ".join(f"x.c{i}" for i in range(n_m + len(comp_paths)))
    # Only our own column aliases (from DIMENSIONS, quoted) and Django-compiled SQL go into the text; every value
    # travels as a parameter.
    sql = (
        f"SELECT {out_cols}, SUM(x.n) FROM ("  # noqa: S608
        f"SELECT DISTINCT {keyed} FROM ("
        f"SELECT {per_set} FROM ({inner_sql}) g GROUP BY {per_set_group}"
        f") s INNER JOIN ({rk_sql}) rk ON {contains}"
        f") x GROUP BY {out_cols}"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, (*inner_params, *rk_params))
        fetched = cursor.fetchall()
    order = [*member_dims, *comp_dims]
    position = {dim: order.index(dim) for dim in dims}
    return {tuple(r[position[d]] for d in dims): r[-1] for r in fetched}


def gap_report(scope: Scope, params: ReportParams, *, use_summary: bool = True) -> dict:
    """The gap table for ``params`` within ``scope``: a constant number of queries whatever the number of learners.

    Today's report is read from the stored summary when it can answer (``summary_rows``), otherwise from the live
    pair query; both give the same rows, so everything below (suppression included) is the same code.
    ``use_summary=False`` forces the live query (the tests and the benchmark compare both)."""
    k = min_group_size()
    dims = params.group_by
    from .report_summary import summary_rows  # it builds on this module's pair query

    rows = summary_rows(scope, dims, params.filters) if use_summary and params.on is None else None
    if rows is None:
        rows = list(_aggregate(_pairs(scope, params.on, params.filters), dims))
    unfiltered = _unfiltered_learners(scope, params.on, dims, rows) if params.filters and rows else None
    cells = []
    for row in rows:
        key = _key_of(row, dims)
        verdict = gaps.suppression(row["n_learners"], k, None if unfiltered is None else unfiltered.get(key))
        cell = {
            "key": "|".join(str(v) for v in key),
            "withheld": verdict.withheld,
            "withheld_reason": verdict.reason,
            "learners": row["n_learners"],
            "pairs": row["n_pairs"],
            "mean_gap": row["gap_sum"] / row["n_pairs"] if row["n_pairs"] else None,
            "share_below": row["n_below"] / row["n_pairs"] if row["n_pairs"] else None,
            "share_learners_below": (row["n_learners_below"] / row["n_learners"]) if row["n_learners"] else None,
        }
        for dim in dims:
            key_path, label_path = DIMENSIONS[dim]
            cell[dim] = row[key_path]
            cell[f"{dim}_name"] = row[label_path] if label_path else row[key_path]
        cells.append(cell)
    if len(dims) == 1:
        gaps.secondary_suppression(cells)
        for parent_path in PARENTS.get(dims[0], ()):
            parent = {cell["key"]: row[parent_path] for cell, row in zip(cells, rows, strict=True)}
            gaps.group_suppression(cells, lambda cell, parent=parent: parent[cell["key"]], k)
    for cell in cells:
        if cell["withheld"]:
            cell.update(
                learners=None,
                pairs=None,
                mean_gap=None,
                share_below=None,
                share_learners_below=None,
                message=ngettext(
                    "Withheld: fewer than %(k)s learner, or it would reveal a group that small.",
                    "Withheld: fewer than %(k)s learners, or it would reveal a group that small.",
                    k,
                )
                % {"k": k},
            )
    _order(cells, params.ordering)
    return {
        "group_by": list(dims),
        "filters": params.filters,
        "on": (params.on or timezone.localdate()).isoformat(),
        "min_group_size": k,
        "withheld_cells": sum(1 for c in cells if c["withheld"]),
        "results": cells,
    }


def _order(cells, ordering):
    name = ordering.lstrip("-")
    reverse = ordering.startswith("-")
    if name == "key":
        cells.sort(key=lambda c: c["key"], reverse=reverse)
        return
    shown = [c for c in cells if c[name] is not None]
    hidden = [c for c in cells if c[name] is None]
    shown.sort(key=lambda c: (c[name], c["key"]), reverse=reverse)
    cells[:] = shown + sorted(hidden, key=lambda c: c["key"])  # withheld cells last, whatever the direction


def top_gaps(scope: Scope, filters: dict | None = None, limit: int = 10, group_by: str = "competence") -> dict:
    """The competences (or areas) with the largest mean gap, withheld cells excluded."""
    report = gap_report(scope, ReportParams(group_by=(group_by,), filters=filters or {}, ordering="-mean_gap"))
    report["results"] = [c for c in report["results"] if not c["withheld"] and c["mean_gap"]][:limit]
    return report


def trend(scope: Scope, params: ReportParams, start: date, end: date) -> dict:
    """The same report on two dates and the change of each measure (negative mean-gap change = progress).

    A cell is shown only if it is shown on both dates (suppression applies to each date)."""
    if start >= end:
        raise ReportError("'from' must be before 'to'")
    before = gap_report(scope, ReportParams(params.group_by, params.filters, on=start))
    after = gap_report(scope, ReportParams(params.group_by, params.filters, on=end))
    old = {c["key"]: c for c in before["results"]}
    out = []
    for cell in after["results"]:
        prev = old.get(cell["key"])
        withheld = cell["withheld"] or prev is None or prev["withheld"]
        row = {kk: cell[kk] for kk in cell if kk.endswith("_name") or kk in params.group_by or kk == "key"}
        row.update(withheld=withheld)
        for measure in ("mean_gap", "share_below", "share_learners_below"):
            row[f"{measure}_from"] = None if withheld else prev[measure]
            row[f"{measure}_to"] = None if withheld else cell[measure]
            row[f"{measure}_change"] = None if withheld else cell[measure] - prev[measure]
        out.append(row)
    return {
        "group_by": list(params.group_by),
        "filters": params.filters,
        "from": start.isoformat(),
        "to": end.isoformat(),
        "min_group_size": after["min_group_size"],
        "results": out,
    }


def unit_recommendations(scope: Scope, wise_ids=None, limit: int = 5) -> list[dict]:
    """Training units that close the most levels of gap over the learners in scope (one GROUP BY query).

    Same arithmetic as ``gaps.recommend``: per pair, a unit mapped at level L closes
    ``max(0, min(required, L) - current)`` levels.
    """
    qs = _pairs(scope, None, {})
    if wise_ids is not None:
        qs = qs.filter(wise_id__in=list(wise_ids))
    mapping = f"{COMP}__mappings"
    closes = Greatest(
        ExpressionWrapper(Least(F("req"), _signed(F(f"{mapping}__level"))) - F("cur"), output_field=IntegerField()),
        Value(0),
    )
    # Annotate first (reuses the requirement join), then filter on the annotation: no second join chain.
    rows = (
        qs.annotate(m_level=F(f"{mapping}__level"))
        .filter(m_level__isnull=False)
        .annotate(closes=closes)
        .values(f"{mapping}__source_key")
        .annotate(total=Sum("closes"), n_comps=Count(f"{COMP}__key", distinct=True))
        .filter(total__gt=0)
        .order_by("-total", "-n_comps", f"{mapping}__source_key")[:limit]
    )
    rows = list(rows)
    from .models import CompetenceMapping

    meta = {}
    for source, key, title in CompetenceMapping.objects.filter(
        source_key__in=[r[f"{mapping}__source_key"] for r in rows]
    ).values_list("source_key", "competence__key", "title"):
        entry = meta.setdefault(source, {"title": title or source, "competences": []})
        entry["competences"].append(key)
    return [
        {
            "source_key": r[f"{mapping}__source_key"],
            "title": meta[r[f"{mapping}__source_key"]]["title"],
            "closes": r["total"],
            "competences": sorted(meta[r[f"{mapping}__source_key"]]["competences"]),
        }
        for r in rows
    ]


def wise_units(wise_key: str, limit: int = 5) -> list[dict] | None:
    """Recommendations for one WISE (None if it does not exist); used by public_api.wise_recommendations."""
    wise = Wise.objects.filter(key=wise_key).first()
    if wise is None:
        return None
    return unit_recommendations(Scope(user_id=None, is_staff=True), [wise.id], limit)
