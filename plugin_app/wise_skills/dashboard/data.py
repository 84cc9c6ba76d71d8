"""What the dashboard pages and the exports show, built ON wise_skills.reports (never beside it).

Every aggregate here comes from ``reports.gap_report`` / ``reports.trend`` / ``reports.top_gaps`` (so the scope
and the small-group suppression are theirs), or, where those reports lack a measure (mean required and current
level per area), from the same pair query (``reports._pairs``) with the withheld verdicts copied from
``gap_report``. Per-learner rows (a WISE manager's learner list) are only ever computed for a page of learners of
WISEs in the caller's scope, with the pure engine (``wise_skills.gaps``).

Functions return plain dicts and lists; the views and the exports format them.
"""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass, field
from datetime import date

from django.db.models import Avg
from django.utils import timezone

from .. import gaps, reports
from ..models import Area, Competence, CompetenceMapping, Network, Wise
from ..permissions import Scope

# The filters the dashboard offers, in the order of the form; each is a ``reports.FILTERS`` name.
FILTER_NAMES = ("network", "country", "sector", "wise", "role", "framework")
ROW_DIMENSIONS = ("competence", "area")


@dataclass
class View:
    """The dashboard's state, i.e. what its URL says: filters, rows, dates, page."""

    filters: dict[str, list[str]] = field(default_factory=dict)
    rows: str = "competence"
    date_from: date | None = None
    date_to: date | None = None
    page: int = 1

    @property
    def on(self) -> date | None:
        """The report date: None (today, the stored current levels: fastest) unless a past day was asked for."""
        if self.date_to is None or self.date_to >= timezone.localdate():
            return None
        return self.date_to

    def one(self, name: str) -> str | None:
        values = self.filters.get(name) or []
        return values[0] if len(values) == 1 else None


def columns_for(scope: Scope, view: View) -> str:
    """The heatmap's column dimension, following the drill-down network -> WISE -> role.

    Inside one WISE the columns are its roles; inside one network (or when the whole scope is one network) they
    are WISEs; otherwise networks."""
    if view.one("wise"):
        return "role"
    if view.one("network") or view.filters.get("country") or view.filters.get("sector"):
        return "wise"
    networks = scope.wises().values_list("network_id", flat=True).distinct().order_by()
    return "wise" if len(networks[:2]) <= 1 else "network"


def _competence_order(keys, row_dim):
    model = Competence if row_dim == "competence" else Area
    order_by = ("framework__order", "order") if row_dim == "competence" else ("framework__order", "order")
    found = list(model.objects.filter(key__in=list(keys)).order_by(*order_by).values_list("key", flat=True))
    return {key: i for i, key in enumerate(found)}


def heatmap(scope: Scope, view: View) -> dict:
    """Rows (competences or areas) x columns (networks, WISEs or roles): the cells of ``reports.gap_report``."""
    row_dim = view.rows if view.rows in ROW_DIMENSIONS else "competence"
    col_dim = columns_for(scope, view)
    report = reports.gap_report(
        scope, reports.ReportParams(group_by=(row_dim, col_dim), filters=view.filters, on=view.on)
    )
    columns: OrderedDict = OrderedDict()
    rows: dict = {}
    for cell in report["results"]:
        col_key = cell[col_dim]
        columns.setdefault(col_key, cell[f"{col_dim}_name"] or "")
        row = rows.setdefault(cell[row_dim], {"key": cell[row_dim], "name": cell[f"{row_dim}_name"], "cells": {}})
        row["cells"][col_key] = cell
    order = _competence_order(rows, row_dim)
    ordered_rows = sorted(rows.values(), key=lambda r: (order.get(r["key"], 10**6), r["key"]))
    col_list = sorted(columns.items(), key=lambda kv: (kv[1] is None, str(kv[1]).lower(), str(kv[0])))
    for row in ordered_rows:
        row["cell_list"] = [row["cells"].get(key) for key, _ in col_list]
    shown = [c for c in report["results"] if not c["withheld"] and c["mean_gap"] is not None]
    worst = max(shown, key=lambda c: (c["mean_gap"], c["key"]), default=None)
    return {
        "row_dim": row_dim,
        "col_dim": col_dim,
        "columns": [{"key": k, "name": name} for k, name in col_list],
        "rows": ordered_rows,
        "cells": report["results"],
        "withheld": report["withheld_cells"],
        "min_group_size": report["min_group_size"],
        "on": report["on"],
        "worst": worst,
    }


def area_levels(scope: Scope, view: View) -> dict:
    """Per competence area: mean required level, mean current level, mean gap, share below; withheld like
    ``gap_report`` withholds the same cells (two queries plus gap_report's)."""
    report = reports.gap_report(scope, reports.ReportParams(group_by=("area",), filters=view.filters, on=view.on))
    key_path = reports.DIMENSIONS["area"][0]
    means = {
        row[key_path]: row
        for row in reports._pairs(scope, view.on, view.filters)
        .values(key_path)
        .annotate(required=Avg("req"), current=Avg("cur"))
        .order_by()
    }
    order = _competence_order([c["area"] for c in report["results"]], "area")
    rows = []
    for cell in sorted(report["results"], key=lambda c: (order.get(c["area"], 10**6), c["area"])):
        mean = means.get(cell["area"], {})
        rows.append(
            {
                "area": cell["area"],
                "name": cell["area_name"],
                "withheld": cell["withheld"],
                "withheld_reason": cell["withheld_reason"],
                "learners": cell["learners"],
                "required": None if cell["withheld"] else _num(mean.get("required")),
                "current": None if cell["withheld"] else _num(mean.get("current")),
                "mean_gap": cell["mean_gap"],
                "share_below": cell["share_below"],
            }
        )
    return {
        "rows": rows,
        "min_group_size": report["min_group_size"],
        "withheld": report["withheld_cells"],
        "on": report["on"],
    }


def _num(value):
    return None if value is None else float(value)


def top_gaps(scope: Scope, view: View, limit: int = 10) -> dict:
    """``reports.top_gaps`` on the view's report date (that function always takes today)."""
    if view.on is None:
        return reports.top_gaps(scope, view.filters, limit=limit)
    params = reports.ReportParams(group_by=("competence",), filters=view.filters, on=view.on, ordering="-mean_gap")
    report = reports.gap_report(scope, params)
    report["results"] = [c for c in report["results"] if not c["withheld"] and c["mean_gap"]][:limit]
    return report


def trend(scope: Scope, view: View) -> dict | None:
    """Mean gap per area on ``date_from`` and ``date_to`` (or today); None without a start date."""
    if view.date_from is None:
        return None
    end = view.date_to or timezone.localdate()
    if view.date_from >= end:
        return None
    return reports.trend(scope, reports.ReportParams(group_by=("area",), filters=view.filters), view.date_from, end)


def learner_page(scope: Scope, view: View, per_page: int = 25, top: int = 3) -> dict:
    """One page of the learners of the WISE(s) in the filters, each with their largest gaps and the units that
    close them. A constant number of queries: learner ids (count + page), their pairs, the units."""
    pairs = reports._pairs(scope, None, view.filters)
    learners = pairs.values_list("user_id", flat=True).distinct().order_by("user_id")
    total = learners.count()
    pages = max(1, -(-total // per_page))
    page = min(max(1, view.page), pages)
    ids = list(learners[(page - 1) * per_page : page * per_page])
    comp_key, comp_name = reports.DIMENSIONS["competence"]
    rows = (
        pairs.filter(user_id__in=ids)
        .values(
            "user_id", "wise__key", "wise__name", "role__key", "role__name", comp_key, comp_name, "req", "cur", "gap"
        )
        .order_by("user_id", comp_key)
    )
    by_learner: dict[int, dict] = OrderedDict(
        (uid, {"user_id": uid, "memberships": {}, "needs": {}, "names": {}, "gaps": []}) for uid in ids
    )
    for r in rows:
        entry = by_learner[r["user_id"]]
        entry["memberships"][(r["wise__key"], r["role__key"])] = (r["wise__name"], r["role__name"])
        key = r[comp_key]
        required, current = entry["needs"].get(key, (0, r["cur"]))
        entry["needs"][key] = (max(required, r["req"]), r["cur"])  # two roles: the higher requirement counts
        entry["names"][key] = r[comp_name]
    wanted = {k for e in by_learner.values() for k, (req, cur) in e["needs"].items() if req > cur}
    units = [
        gaps.Unit(s, k, lv, t)
        for s, k, lv, t in CompetenceMapping.objects.filter(competence__key__in=wanted).values_list(
            "source_key", "competence__key", "level", "title"
        )
    ]
    out = []
    for uid, entry in by_learner.items():
        comp_gaps = gaps.learner_gaps(
            {k: req for k, (req, _) in entry["needs"].items()}, {k: cur for k, (_, cur) in entry["needs"].items()}
        )
        largest = gaps.top_gaps(comp_gaps, top)
        needs = {uid: {k: v for k, v in entry["needs"].items() if v[0] > v[1]}}
        recs = gaps.recommend(needs, [u for u in units if u.competence in needs[uid]], top)
        out.append(
            {
                "user_id": uid,
                "memberships": [
                    {"wise": w, "wise_name": names[0], "role": r, "role_name": names[1]}
                    for (w, r), names in entry["memberships"].items()
                ],
                "gaps": [
                    {
                        "competence": g.competence,
                        "name": entry["names"][g.competence],
                        "required": g.required,
                        "current": g.current,
                        "gap": g.gap,
                    }
                    for g in largest
                ],
                "total_gap": sum(g.gap for g in comp_gaps),
                "recommendations": [
                    {"source_key": rec.source_key, "title": rec.title, "closes": rec.closes} for rec in recs
                ],
            }
        )
    return {"learners": out, "total": total, "page": page, "pages": pages, "per_page": per_page}


def learner_pair_rows(scope: Scope, view: View):
    """(queryset of every learner x required competence pair in scope and filters, its column names) for the
    learner-level export: streamed with .iterator(), never loaded whole."""
    comp_key, comp_name = reports.DIMENSIONS["competence"]
    columns = ("user_id", "wise__key", "role__key", comp_key, comp_name, "req", "cur", "gap")
    qs = (
        reports._pairs(scope, view.on, view.filters)
        .values_list(*columns)
        .order_by("user_id", "wise__key", "role__key", comp_key)
    )
    return qs


def filter_choices(scope: Scope) -> dict[str, list[tuple[str, str]]]:
    """The options of each filter within the caller's scope (a handful of small queries)."""
    from ..models import Framework, Role, Sector

    wises = scope.wises()
    return {
        "network": list(Network.objects.filter(wises__in=wises).distinct().order_by("name").values_list("key", "name")),
        "country": [(c, c) for c in wises.values_list("country", flat=True).distinct().order_by("country")],
        "sector": list(Sector.objects.filter(wises__in=wises).distinct().order_by("name").values_list("key", "name")),
        "wise": list(wises.order_by("name").values_list("key", "name")),
        "role": list(Role.objects.order_by("name").values_list("key", "name")),
        "framework": list(Framework.objects.order_by("order", "key").values_list("key", "name")),
    }


def default_wise(scope: Scope) -> str | None:
    """A manager of exactly one WISE lands on it (their dashboard is that WISE's profile)."""
    if scope.is_staff or len(scope.wise_ids) != 1:
        return None
    return Wise.objects.filter(id__in=scope.wise_ids).values_list("key", flat=True).first()
