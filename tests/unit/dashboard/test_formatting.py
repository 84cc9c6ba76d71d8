"""Pure parts of the dashboard and exports: colour bins, spreadsheet-safe cells, CSV lines, view round trip."""

import csv
import io
from datetime import date

import pytest
from wise_skills.dashboard.data import View
from wise_skills.dashboard.forms import FilterForm, params_of, view_from_params
from wise_skills.dashboard.views import _bin, _pct
from wise_skills.exports import ExportError, _cell, csv_lines, kind_of


@pytest.mark.parametrize(
    "gap,expected", [(0, 0), (0.01, 1), (0.5, 1), (0.51, 2), (1.0, 2), (1.5, 3), (2.0, 3), (2.01, 4), (9, 4)]
)
def test_each_mean_gap_has_one_colour_bin_matching_the_legend(gap, expected):
    assert _bin(gap) == expected


def test_percent_rounds_and_keeps_none():
    assert _pct(0.375) == 38 and _pct(None) is None and _pct(0) == 0


@pytest.mark.parametrize("value", ["=1+1", "+cmd", "-2+3", "@SUM(A1)", "\tx"])
def test_text_that_a_spreadsheet_would_run_is_defused(value):
    assert _cell(value) == "'" + value


def test_numbers_and_plain_text_are_untouched():
    assert _cell(-0.25) == -0.25 and _cell("Safety") == "Safety" and _cell(None) is None


def test_csv_lines_stream_one_line_per_row_and_quote_properly():
    lines = list(csv_lines([["a", "b"], ["x,y", 'say "hi"'], [1, None]]))
    assert len(lines) == 3
    assert list(csv.reader(io.StringIO("".join(lines)))) == [["a", "b"], ["x,y", 'say "hi"'], ["1", ""]]


def test_unknown_kind_names_the_allowed_ones():
    with pytest.raises(ExportError, match="heatmap, areas, trend, learners"):
        kind_of("pdf")


def test_view_survives_the_round_trip_through_job_params():
    view = View(
        filters={"wise": ["wise-a"], "role": ["sorting-operator"]},
        rows="area",
        date_from=date(2026, 3, 1),
        date_to=date(2026, 6, 1),
    )
    back = view_from_params(params_of(view))
    assert (back.filters, back.rows, back.date_from, back.date_to) == (
        view.filters,
        "area",
        view.date_from,
        view.date_to,
    )


def test_view_uses_the_stored_levels_for_today_and_the_rule_for_a_past_day():
    assert View().on is None
    assert View(date_to=date(2000, 1, 1)).on == date(2000, 1, 1)
    assert View(date_to=date(2999, 1, 1)).on is None
    assert View(filters={"wise": ["a", "b"]}).one("wise") is None and View(filters={"wise": ["a"]}).one("wise") == "a"


def test_the_form_accepts_only_choices_in_scope_and_ordered_dates():
    choices = {"wise": [("wise-a", "WISE A")]}
    form = FilterForm({"wise": "wise-b", "date_from": "2026-06-01", "date_to": "2026-01-01"}, choices)
    assert not form.is_valid()
    assert set(form.errors) == {"wise", "date_from"}
    view = form.view()
    assert "wise" not in view.filters  # an invalid filter is left out, never passed to the report
    ok = FilterForm({"wise": "wise-a", "rows": "area"}, choices)
    assert ok.is_valid() and ok.view().filters == {"wise": ["wise-a"]} and ok.view().rows == "area"
