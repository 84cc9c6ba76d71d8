"""The dashboard's filter form: a GET form, so the URL holds the whole view (shareable, back button works).

Choices are limited to the caller's scope, so a manager of WISE B who edits the URL to ``?wise=wise-a`` gets a
form error, not WISE A's numbers (and the reports restrict to the scope anyway).
"""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from .data import FILTER_NAMES, View

LABELS = {
    "network": _("Network"),
    "country": _("Country"),
    "sector": _("Sector"),
    "wise": _("WISE"),
    "role": _("Role"),
    "framework": _("Framework"),
}


class FilterForm(forms.Form):
    rows = forms.ChoiceField(
        label=_("Rows"), required=False, choices=[("competence", _("Competences")), ("area", _("Competence areas"))]
    )
    date_from = forms.DateField(
        label=_("From"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("Start of the trend (leave empty for no trend)."),
    )
    date_to = forms.DateField(
        label=_("To"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("Report date (empty: today)."),
    )
    page = forms.IntegerField(required=False, min_value=1, widget=forms.HiddenInput)

    def __init__(self, data, choices: dict[str, list[tuple[str, str]]], **kwargs):
        super().__init__(data, **kwargs)
        for name in FILTER_NAMES:
            self.fields[name] = forms.ChoiceField(
                label=LABELS[name], required=False, choices=[("", _("All"))] + list(choices.get(name, []))
            )
        # Filters first, in the documented order, then rows and dates.
        self.order_fields([*FILTER_NAMES, "rows", "date_from", "date_to", "page"])

    def clean(self):
        data = super().clean()
        start, end = data.get("date_from"), data.get("date_to")
        if start and end and start >= end:
            self.add_error("date_from", _("The start of the trend must be before its end."))
        return data

    def view(self) -> View:
        """The View the valid part of the form describes (an invalid field is left out, and shown as an error)."""
        data = self.cleaned_data if hasattr(self, "cleaned_data") else {}
        filters = {name: [data[name]] for name in FILTER_NAMES if data.get(name)}
        return View(
            filters=filters,
            rows=data.get("rows") or "competence",
            date_from=data.get("date_from"),
            date_to=data.get("date_to"),
            page=data.get("page") or 1,
        )


def view_from_params(params: dict) -> View:
    """Rebuild a View from the stored params of an export job (already validated when the job was made)."""
    from datetime import date

    def day(value):
        return date.fromisoformat(value) if value else None

    return View(
        filters={k: list(v) for k, v in (params.get("filters") or {}).items()},
        rows=params.get("rows") or "competence",
        date_from=day(params.get("date_from")),
        date_to=day(params.get("date_to")),
    )


def params_of(view: View) -> dict:
    return {
        "filters": view.filters,
        "rows": view.rows,
        "date_from": view.date_from.isoformat() if view.date_from else None,
        "date_to": view.date_to.isoformat() if view.date_to else None,
    }
