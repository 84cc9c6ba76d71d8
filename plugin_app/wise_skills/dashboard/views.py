"""Dashboard, learner profile and export views: thin glue between the request and dashboard.data / exports.

Scope comes from wise_skills.permissions (the one place that decides who sees what):
anonymous -> login page; a learner (no report scope) -> their own profile; managers, coordinators, staff -> the
dashboard, restricted to their WISEs. The feature toggle (WISE_SKILLS_ENABLED) turns every page into a 404.
"""

from __future__ import annotations

import os
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.contrib.staticfiles import finders
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404, HttpResponseNotAllowed, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from .. import exports, public_api, reports
from ..conf import enabled
from ..display import country_name, data_name
from ..models import Network, Provenance, Role, Wise
from ..models_exports import ExportJob
from ..permissions import scope_of_request
from . import data
from .forms import FilterForm

CHART_JS = "wise_skills/vendor/chart.umd.min.js"  # copied from node_modules by scripts/build-assets.sh


def kind_labels() -> dict:
    return {
        "heatmap": _("Gaps by competence (heatmap)"),
        "areas": _("Levels per competence area"),
        "trend": _("Trend between two dates"),
        "learners": _("Learner gaps (one row per learner and required competence)"),
    }


def _gate(request):
    """None when the request may go on; else the response that stops it."""
    if not enabled():
        raise Http404("The skills-gap app is switched off.")
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    return None


def _query(filters: dict, **extra) -> str:
    """The dashboard query string of some filters (single values) and extras; empty values dropped."""
    items = [(k, v[0]) for k, v in filters.items() if v]
    items += [(k, v) for k, v in extra.items() if v not in (None, "")]
    return urlencode(items)


def _dashboard_url(**params) -> str:
    query = urlencode([(k, v) for k, v in params.items() if v])
    return reverse("wise_skills:dashboard") + (f"?{query}" if query else "")


def _page_context(request, active: str) -> dict:
    """What every page of ours needs: whether the chart library was built, the navigation."""
    scope = scope_of_request(request)
    return {
        "chart_js": bool(finders.find(CHART_JS)),
        "active": active,
        "show_dashboard_link": scope.sees_reports,
    }


def _pct(share):
    return None if share is None else round(100 * share)


def _bin(mean_gap) -> int:
    """Colour class of a mean gap (the legend says the same in words)."""
    for limit, number in ((0, 0), (0.5, 1), (1, 2), (2, 3)):
        if mean_gap <= limit:
            return number
    return 4


def _decorate_cells(cells):
    for cell in cells:
        cell["share_pct"] = _pct(cell.get("share_below"))
        if cell.get("mean_gap") is not None:
            cell["bin"] = _bin(cell["mean_gap"])
            cell["mean_gap_raw"] = repr(round(cell["mean_gap"], 4))
            cell["share_below_raw"] = repr(round(cell["share_below"], 4))
    return cells


def _breadcrumb(view: data.View, names: dict) -> list[dict]:
    """The drill-down trail: all -> network -> WISE -> role, each a link keeping the coarser filters."""
    trail = [{"label": _("All my WISEs"), "url": _dashboard_url(rows=view.rows)}]
    kept = {}
    for dim in ("network", "wise", "role"):
        key = view.one(dim)
        if key:
            kept[dim] = key
            label = data_name(names.get((dim, key), key))
            trail.append({"label": label, "url": _dashboard_url(rows=view.rows, **kept)})
    trail[-1]["current"] = True
    return trail


def _names(view: data.View) -> dict:
    names = {}
    for dim, model in (("network", Network), ("wise", Wise), ("role", Role)):
        key = view.one(dim)
        if key:
            name = model.objects.filter(key=key).values_list("name", flat=True).first()
            names[(dim, key)] = name or key
    return names


def _localized_choices(scope) -> dict:
    """The filter options with role, sector and country names in the reader's language, sorted as it reads."""
    choices = data.filter_choices(scope)
    choices["role"] = sorted(((k, data_name(n)) for k, n in choices["role"]), key=lambda kv: kv[1].casefold())
    choices["sector"] = sorted(((k, _(n)) for k, n in choices["sector"]), key=lambda kv: kv[1].casefold())
    choices["country"] = sorted(((k, country_name(k)) for k, _n in choices["country"]), key=lambda kv: kv[1].casefold())
    return choices


def _drill_url(view: data.View, col_dim: str, key) -> str | None:
    if key in (None, ""):
        return None
    filters = {k: v for k, v in view.filters.items()}
    filters[col_dim] = [key]
    return reverse("wise_skills:dashboard") + "?" + _query(filters, rows=view.rows)


def _export_list(request):
    jobs = list(ExportJob.objects.filter(user_id=request.user.id)[:10])
    for job in jobs:
        job.status_url = reverse("wise_skills:export-status", args=[job.id])
        job.download_url = reverse("wise_skills:export-download", args=[job.id]) if job.status == job.DONE else None
        job.percent = (100 * job.rows_done // job.rows_total) if job.rows_total else None
        job.kind_label = kind_labels().get(job.kind, job.kind)
    return jobs


@require_GET
def dashboard(request):
    stop = _gate(request)
    if stop:
        return stop
    scope = scope_of_request(request)
    if not scope.sees_reports:
        return redirect("wise_skills:profile")
    default = data.default_wise(scope)
    if default and not request.GET:
        return redirect(_dashboard_url(wise=default))
    form = FilterForm(request.GET, _localized_choices(scope))
    form.is_valid()
    view = form.view()
    names = _names(view)
    heatmap = data.heatmap(scope, view)
    for column in heatmap["columns"]:
        column["url"] = _drill_url(view, heatmap["col_dim"], column["key"])
    _decorate_cells(heatmap["cells"])
    if heatmap["worst"]:
        worst = heatmap["worst"]
        worst["row_name"] = worst[f"{heatmap['row_dim']}_name"]
        worst["col_name"] = worst[f"{heatmap['col_dim']}_name"] or worst[heatmap["col_dim"]]
    labels = kind_labels()
    context = _page_context(request, "dashboard")
    context.update(
        {
            "form": form,
            "view": view,
            "heatmap": heatmap,
            "breadcrumb": _breadcrumb(view, names),
            "query": _query(
                view.filters,
                rows=view.rows,
                date_from=view.date_from and view.date_from.isoformat(),
                date_to=view.date_to and view.date_to.isoformat(),
            ),
            "filter_items": [(k, v[0]) for k, v in view.filters.items()],
            "exports": _export_list(request),
            "export_kinds": [("heatmap", labels["heatmap"])],
            "min_group_size": reports.min_group_size(),
        }
    )
    wise_key = view.one("wise")
    if wise_key:
        wise = scope.wises().filter(key=wise_key).first()
        if wise is not None:
            context.update(_wise_profile(scope, view, wise))
            context["export_kinds"] = list(labels.items())
    return render(request, "wise_skills/dashboard/page.html", context)


def _wise_profile(scope, view, wise) -> dict:
    areas = data.area_levels(scope, view)
    shown = [r for r in areas["rows"] if not r["withheld"]]
    for row in shown:
        row["share_pct"] = _pct(row["share_below"])
        row["required_raw"], row["current_raw"] = repr(round(row["required"], 2)), repr(round(row["current"], 2))
    top = data.top_gaps(scope, view)
    _decorate_cells(top["results"])
    chart = {
        "labels": [data_name(r["name"]) for r in shown],
        "required": [round(r["required"], 2) for r in shown],
        "current": [round(r["current"], 2) for r in shown],
    }
    lp = data.learner_page(scope, view)
    for learner in lp["learners"]:
        learner["url"] = reverse("wise_skills:learner", args=[learner["user_id"]])
    recs = reports.unit_recommendations(scope, [wise.id]) if shown else []
    return {
        "wise": wise,
        "areas": areas,
        "area_chart": chart,
        "top": top,
        "trend": data.trend(scope, view),
        "learners": lp,
        "wise_recommendations": recs,
        "print_url": reverse("wise_skills:dashboard-print") + "?" + _query(view.filters, rows=view.rows),
        "page_links": _page_links(view, lp),
    }


def _page_links(view, lp):
    def url(page):
        return reverse("wise_skills:dashboard") + "?" + _query(view.filters, rows=view.rows, page=page) + "#learners"

    return {
        "previous": url(lp["page"] - 1) if lp["page"] > 1 else None,
        "next": url(lp["page"] + 1) if lp["page"] < lp["pages"] else None,
    }


@require_GET
def dashboard_print(request):
    """A WISE's skills profile on paper, for the face-to-face training day (print stylesheet, no JavaScript)."""
    stop = _gate(request)
    if stop:
        return stop
    scope = scope_of_request(request)
    if not scope.sees_reports:
        return redirect("wise_skills:profile")
    form = FilterForm(request.GET, _localized_choices(scope))
    form.is_valid()
    view = form.view()
    wise = scope.wises().filter(key=view.one("wise") or "").first()
    if wise is None:
        raise Http404("Choose one WISE of your scope to print its profile.")
    context = _page_context(request, "dashboard")
    context.update({"view": view, "wise": wise, "min_group_size": reports.min_group_size()})
    context.update(_wise_profile(scope, view, wise))
    return render(request, "wise_skills/dashboard/print.html", context)


def _profile_context(user_id: int) -> dict:
    profile = public_api.learner_profile(user_id)
    sources = dict(Provenance.choices)
    for row in profile["competences"]:
        row["source_label"] = sources.get(row["source"], _("no evidence yet"))
    rows = [r for r in profile["competences"] if r["required"]]
    return {
        "profile": profile,
        "required_rows": rows,
        "other_rows": [r for r in profile["competences"] if not r["required"]],
        "gap_rows": [r for r in rows if r["gap"] > 0],
        "recommendations": public_api.recommended_units(user_id),
        "chart": {
            "labels": [data_name(r["name"]) for r in rows],
            "required": [r["required"] for r in rows],
            "current": [r["current"] for r in rows],
        },
    }


@require_GET
def profile(request):
    """A learner's own page: competences, what their role requires, their gaps, the units that close them."""
    stop = _gate(request)
    if stop:
        return stop
    context = _page_context(request, "profile")
    context.update(_profile_context(request.user.id))
    context["own"] = True
    return render(request, "wise_skills/profile.html", context)


@require_GET
def learner(request, user_id: int):
    """A manager (or coordinator, or staff) looks at one of their learners' profile."""
    stop = _gate(request)
    if stop:
        return stop
    scope = scope_of_request(request)
    if user_id == request.user.id:
        return redirect("wise_skills:profile")
    if not scope.sees_reports or not scope.can_see_learner(user_id):
        raise Http404("No such learner in your WISEs.")
    context = _page_context(request, "dashboard")
    context.update(_profile_context(user_id))
    context["own"] = False
    context["learner_id"] = user_id
    return render(request, "wise_skills/profile.html", context)


# --- exports ---------------------------------------------------------------------------------------------------


def _report_view(request, source):
    scope = scope_of_request(request)
    form = FilterForm(source, data.filter_choices(scope))
    form.is_valid()
    return scope, form.view()


@require_POST
def export_request(request):
    stop = _gate(request)
    if stop:
        return stop
    scope, view = _report_view(request, request.POST)
    if not scope.sees_reports:
        return JsonResponse({"detail": _("Exports are for WISE managers, network coordinators and staff.")}, status=403)
    kind, file_format = request.POST.get("kind", ""), request.POST.get("format", "")
    try:
        job, created = exports.request_export(request.user.id, kind, file_format, view)
    except exports.ExportError as exc:
        return JsonResponse({"detail": str(exc)}, status=400)
    if created:
        messages.info(request, _("Your export has been requested; it is listed below."), fail_silently=True)
    else:
        messages.warning(
            request, _("An export of this report is already running; wait for it to finish."), fail_silently=True
        )
    back = (
        reverse("wise_skills:dashboard")
        + "?"
        + _query(
            view.filters,
            rows=view.rows,
            date_from=view.date_from and view.date_from.isoformat(),
            date_to=view.date_to and view.date_to.isoformat(),
        )
    )
    return redirect(back + "#exports")


def _own_job(request, pk) -> ExportJob:
    job = ExportJob.objects.filter(id=pk).first()
    # Someone else's job is "not found", not "forbidden": its existence is nobody else's business.
    if job is None or (job.user_id != request.user.id and not request.user.is_staff):
        raise Http404("No such export.")
    return job


@require_GET
def export_status(request, pk: int):
    stop = _gate(request)
    if stop:
        return JsonResponse({"detail": "sign in"}, status=401)
    job = _own_job(request, pk)
    return JsonResponse(
        {
            "id": job.id,
            "kind": job.kind,
            "format": job.file_format,
            "status": job.status,
            "status_label": job.get_status_display(),
            "rows_done": job.rows_done,
            "rows_total": job.rows_total,
            "download_url": reverse("wise_skills:export-download", args=[job.id]) if job.status == job.DONE else None,
            "error": job.error if job.status == job.FAILED else "",
        }
    )


@require_GET
def export_download(request, pk: int):
    stop = _gate(request)
    if stop:
        return stop
    job = _own_job(request, pk)
    if job.status != job.DONE or not job.file_name:
        raise Http404("This export is not ready.")
    handle = default_storage.open(job.file_name, "rb")
    return FileResponse(handle, as_attachment=True, filename=os.path.basename(job.file_name))


def export_direct(request, kind: str):
    """Direct CSV download of a report view (streamed row by row), with the page's filters."""
    if request.method != "GET":
        return HttpResponseNotAllowed(["GET"])
    stop = _gate(request)
    if stop:
        return stop
    scope, view = _report_view(request, request.GET)
    if not scope.sees_reports:
        raise Http404("Exports are for WISE managers, network coordinators and staff.")
    try:
        kind_obj = exports.kind_of(kind)
    except exports.ExportError as exc:
        raise Http404(str(exc)) from None
    return exports.stream_csv(kind_obj, scope, view, f"wise-skills-{kind}.csv")
