"""The pure gap engine: the current-level rule, gaps, aggregation, suppression, trend, recommendations."""

from datetime import datetime, timedelta

from hypothesis import given
from hypothesis import strategies as st
from wise_skills import gaps

T = datetime(2026, 3, 1)


def ev(level, days=0, verified=False, order=0):
    return gaps.EvidenceItem(level, T + timedelta(days=days), verified, "x", order)


def test_current_level_rule():
    assert gaps.current_level([]) is None
    # A later self-assessment does not override an earlier verified result.
    assert gaps.current_level([ev(2, 0, True), ev(4, 5, False)]).level == 2
    # Among verified evidence, the latest wins, even if lower (people also forget).
    assert gaps.current_level([ev(4, 0, True), ev(3, 9, True)]).level == 3
    # Exact tie: the most recently recorded wins.
    assert gaps.current_level([ev(1, 0, False, order=2), ev(3, 0, False, order=1)]).level == 1


@given(st.integers(0, 12), st.one_of(st.none(), st.integers(0, 12)))
def test_gap_is_never_negative_and_none_counts_as_zero(required, current):
    g = gaps.gap(required, current)
    assert g >= 0 and g == max(0, required - (current or 0))


def test_learner_gaps_and_top():
    rows = gaps.learner_gaps({"a:1": 3, "a:2": 2, "a:3": 1}, {"a:1": 1, "a:3": 4})
    assert [(r.competence, r.gap) for r in rows] == [("a:1", 2), ("a:2", 2), ("a:3", 0)]
    assert [r.competence for r in gaps.top_gaps(rows, 5)] == ["a:1", "a:2"]


def test_aggregate():
    pairs = [gaps.Pair("A", 1, "c1", 3, 1), gaps.Pair("A", 1, "c2", 2, 2), gaps.Pair("A", 2, "c1", 3, None)]
    s = gaps.aggregate(pairs)["A"]
    assert (s.learners, s.pairs, s.gap_sum, s.below, s.learners_below) == (2, 3, 5, 2, 2)
    assert s.mean_gap == 5 / 3 and s.share_below == 2 / 3 and s.share_learners_below == 1


def test_suppression_small_group_and_complement():
    assert gaps.suppression(4, 5) == gaps.Suppression(True, "small_group")
    assert gaps.suppression(5, 5) == gaps.Suppression(False)
    assert gaps.suppression(6, 5, unfiltered_learners=8) == gaps.Suppression(True, "complement")
    assert not gaps.suppression(6, 5, unfiltered_learners=6).withheld
    assert not gaps.suppression(6, 5, unfiltered_learners=11).withheld


def test_secondary_suppression_hides_the_smallest_other_cell():
    cells = [
        {"key": "a", "withheld": True, "learners": 2},
        {"key": "b", "withheld": False, "learners": 9},
        {"key": "c", "withheld": False, "learners": 6},
    ]
    gaps.secondary_suppression(cells)
    assert [c["withheld"] for c in cells] == [True, False, True] and cells[2]["withheld_reason"] == "secondary"


def test_trend():
    assert gaps.trend({"A": 2.0, "B": None}, {"A": 1.5, "B": 1.0, "C": 1.0}) == {"A": -0.5, "B": None, "C": None}


def test_recommendations_rank_by_levels_closed_and_cap_at_requirement():
    needs = {1: {"c1": (3, 1), "c2": (2, 0)}, 2: {"c1": (3, 2)}}
    units = [
        gaps.Unit("u-big", "c1", 5, "Big"),
        gaps.Unit("u-c2", "c2", 1),
        gaps.Unit("u-c2", "c1", 1),
        gaps.Unit("u-none", "c9", 3),
    ]
    recs = gaps.recommend(needs, units, limit=5)
    # u-big: learner1 min(3,5)-1=2, learner2 1 -> 3 (the level above requirement counts for nothing)
    assert [(r.source_key, r.closes) for r in recs] == [("u-big", 3), ("u-c2", 1)]
    assert gaps.recommend(needs, units, limit=1)[0].title == "Big"


def test_group_suppression_hides_siblings_until_the_withheld_part_of_a_parent_is_large_enough():
    from wise_skills.gaps import group_suppression

    def cell(key, parent, learners, withheld=False):
        return {"key": key, "parent": parent, "learners": learners, "withheld": withheld}

    cells = [
        cell("tour-coordinator", "tourism", 9),
        cell("hospitality", "tourism", 2, withheld=True),
        cell("guide", "tourism", 1, withheld=True),
        cell("driver", "tourism", 6),
        cell("sorter", "waste", 12),
        cell("picker", "waste", 7),
    ]
    group_suppression(cells, lambda c: c["parent"], 5)
    hidden = {c["key"] for c in cells if c["withheld"]}
    # tourism: 3 withheld learners < 5, so the smallest sibling (driver, 6) is withheld too; waste: untouched.
    assert hidden == {"hospitality", "guide", "driver"}
    assert next(c for c in cells if c["key"] == "driver")["withheld_reason"] == "secondary"
