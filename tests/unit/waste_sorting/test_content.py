"""content.py: one validator for Studio saves, OLX and presets; every problem names its field."""

import copy

from wise_xblocks.common.i18n import BlockTranslator
from wise_xblocks.waste_sorting.content import parse_content, parse_settings

from .helpers import BINS, ITEMS


def problems_of(raw):
    return {p["field"]: p["message"] for p in parse_content(raw)[1].translated()}


def test_valid_content_parses_into_dataclasses():
    content, problems = parse_content({"bins": BINS, "items": ITEMS})
    assert not problems
    assert content.bin_ids() == ["paper", "glass", "centre", "residual"]
    assert content.item("jar").bin == "glass" and content.item("jar").weight == 300


def test_item_in_unknown_bin_names_the_field_and_lists_the_bins():
    items = copy.deepcopy(ITEMS)
    items[1]["bin"] = "cardbord"
    problems = problems_of({"bins": BINS, "items": items})
    assert list(problems) == ["items[1].bin"]
    assert "cardbord" in problems["items[1].bin"] and "paper, glass, centre, residual" in problems["items[1].bin"]


def test_duplicate_ids_bad_colour_and_missing_name_are_all_reported_at_once():
    bins = copy.deepcopy(BINS) + [{"id": "paper", "name": "", "colour": "blue"}]
    problems = problems_of({"bins": bins, "items": ITEMS})
    assert {"bins[4].id", "bins[4].name", "bins[4].colour"} <= set(problems)


def test_author_html_is_sanitised_and_names_are_plain_text():
    items = copy.deepcopy(ITEMS)
    items[0]["explanation"] = '<p onclick="x()">Why<script>alert(1)</script></p><img src=x onerror=alert(1)>'
    items[0]["name"] = "<b>News</b> & paper"
    content, problems = parse_content({"bins": BINS, "items": items})
    assert not problems
    explanation = content.item("newspaper").explanation
    assert "script" not in explanation and "onclick" not in explanation and "onerror" not in explanation
    assert content.item("newspaper").name == "News & paper"


def test_image_needs_static_or_https_url_and_alt_text():
    items = copy.deepcopy(ITEMS)
    items[0]["image"] = "javascript:alert(1)"
    items[1]["image"] = "/static/jar.png"
    problems = problems_of({"bins": BINS, "items": items})
    assert "items[0].image" in problems and "items[1].image_alt" in problems


def test_bin_and_item_counts_are_bounded():
    assert "bins" in problems_of({"bins": BINS[:1], "items": ITEMS})
    assert "items" in problems_of({"bins": BINS, "items": []})
    assert "content" in problems_of(["not", "a", "dict"])


def test_settings_validation_checks_ranges_and_pool_size_against_items():
    settings, problems = parse_settings(
        {
            "display_name": "X",
            "mode": "assessment",
            "pool_size": "3",
            "simulation_pace": 5,
            "weight": "2",
            "max_attempts": 2,
        },
        4,
    )
    assert not problems and settings.pool_size == 3 and settings.weight == 2.0
    _settings, problems = parse_settings(
        {
            "display_name": "X",
            "pool_size": 9,
            "simulation_pace": 1,
            "mode": "exam",
            "weight": -1,
            "showanswer": "sometimes",
        },
        4,
    )
    fields = {p["field"] for p in problems.translated()}
    assert fields == {"pool_size", "simulation_pace", "mode", "weight", "showanswer"}


def test_messages_are_translated_by_the_callers_gettext():
    _content, problems = parse_content({"bins": BINS[:1], "items": ITEMS})
    german = BlockTranslator("de")
    translated = problems.translated(german.gettext)
    expected = german.ngettext("Add from {minimum} to {maximum} bin.", "Add from {minimum} to {maximum} bins.", 12)
    assert translated[0]["message"] == expected.format(minimum=2, maximum=12) != "Add from 2 to 12 bins."
