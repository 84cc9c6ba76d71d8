"""The result arithmetic: ratings checks, gaps in steps, progress since the start, recommendations."""

import pytest
from wise_xblocks.skills_check import profile
from wise_xblocks.skills_check.statements import load_all

SETS = load_all()
KEYS = ["digcomp:1.1", "digcomp:2.1", "sector:waste.sorting"]
SCALES = {key: SETS[key.split(":")[0]] for key in KEYS}


def test_clean_ratings_fills_skips_and_keeps_order():
    assert profile.clean_ratings({"digcomp:2.1": 3}, KEYS, SCALES) == {
        "digcomp:1.1": None,
        "digcomp:2.1": 3,
        "sector:waste.sorting": None,
    }


@pytest.mark.parametrize(
    "raw",
    [
        [],
        "x",
        {"digcomp:9.9": 1},
        {"digcomp:1.1": 5},
        {"digcomp:1.1": -1},
        {"digcomp:1.1": "2"},
        {"digcomp:1.1": True},
        {"digcomp:1.1": 1.0},
    ],
)
def test_clean_ratings_refuses_anything_else(raw):
    with pytest.raises(ValueError):
        profile.clean_ratings(raw, KEYS, SCALES)


def test_gap_is_counted_in_steps_against_the_required_level():
    rows = profile.build_rows(
        KEYS,
        {"digcomp:1.1": 1, "digcomp:2.1": 4, "sector:waste.sorting": 1},
        SCALES,
        requirements={"digcomp:1.1": 3, "digcomp:2.1": 2, "sector:waste.sorting": 3},
    )
    assert [(r.required_step, r.gap) for r in rows] == [(2, 1), (2, 0), (3, 2)]
    assert [r.key for r in profile.largest_gaps(rows)] == ["sector:waste.sorting", "digcomp:1.1"]


def test_skipped_or_not_required_competences_have_no_gap():
    rows = profile.build_rows(KEYS, {"digcomp:1.1": None, "digcomp:2.1": 0}, SCALES, requirements={"digcomp:1.1": 3})
    assert [r.gap for r in rows] == [None, None, None]
    assert profile.largest_gaps(rows) == []


def test_progress_compares_with_the_start_answers():
    rows = profile.build_rows(
        KEYS,
        {"digcomp:1.1": 2, "digcomp:2.1": 1, "sector:waste.sorting": 3},
        SCALES,
        start_ratings={"digcomp:1.1": 1, "digcomp:2.1": 1, "sector:waste.sorting": 4},
    )
    assert [r.change for r in rows] == [1, 0, -1]
    summary = profile.summary(rows)
    assert (summary["improved"], summary["same"], summary["lower"]) == (1, 1, 1)


def test_start_answers_from_another_scale_are_ignored():
    rows = profile.build_rows(KEYS, {"digcomp:1.1": 2}, SCALES, start_ratings={"digcomp:1.1": 9})
    assert rows[0].start_step is None and rows[0].change is None


def test_recommendations_prefer_the_authors_units_then_the_fallback():
    rows = profile.build_rows(
        KEYS,
        {"digcomp:1.1": 0, "sector:waste.sorting": 0},
        SCALES,
        requirements={"digcomp:1.1": 1, "sector:waste.sorting": 1},
    )
    authored = {"digcomp:1.1": [{"href": "/a", "title": "A"}]}
    recs = profile.recommendations(
        profile.largest_gaps(rows), lambda k: authored.get(k, []), lambda k: [{"href": "/plugin", "title": "P"}]
    )
    assert recs == [
        {"competence": "digcomp:1.1", "units": [{"href": "/a", "title": "A"}]},
        {"competence": "sector:waste.sorting", "units": [{"href": "/plugin", "title": "P"}]},
    ]
