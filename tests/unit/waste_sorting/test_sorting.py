"""sorting.py: the per-learner draw and order, grading and the staff error summary."""

import pytest
from wise_xblocks.common.handlers import InvalidPayload
from wise_xblocks.waste_sorting import sorting

from .helpers import make_content

ITEMS = [{"id": f"item-{n}", "name": f"Item {n}", "bin": "paper" if n % 2 else "glass"} for n in range(20)]


def test_order_is_stable_per_learner_and_differs_between_learners():
    content = make_content(items=ITEMS)
    first = sorting.learner_items(content, "learner-a", "block-1")
    assert first == sorting.learner_items(content, "learner-a", "block-1")
    assert sorted(first) == sorted(i["id"] for i in ITEMS)
    others = {tuple(sorting.learner_items(content, f"learner-{n}", "block-1")) for n in range(5)}
    assert len(others) > 1
    assert first != sorting.learner_items(content, "learner-a", "block-2")


def test_pool_draw_gives_n_distinct_items_stable_across_reloads():
    content = make_content(items=ITEMS)
    drawn = sorting.learner_items(content, "learner-a", "block-1", pool_size=5)
    assert len(drawn) == len(set(drawn)) == 5
    assert drawn == sorting.learner_items(content, "learner-a", "block-1", pool_size=5)
    draws = {frozenset(sorting.learner_items(content, f"l{n}", "block-1", pool_size=5)) for n in range(10)}
    assert len(draws) > 1


def test_unshuffled_keeps_author_order_and_a_pool_larger_than_items_gives_all():
    content = make_content(items=ITEMS)
    assert sorting.learner_items(content, "a", "b", shuffle=False) == [i["id"] for i in ITEMS]
    assert len(sorting.learner_items(content, "a", "b", pool_size=50)) == 20


def test_grade_counts_unplaced_items_as_wrong():
    content = make_content()
    result = sorting.grade(
        content,
        ["newspaper", "jar", "receipt", "battery"],
        {"newspaper": "paper", "jar": "paper", "receipt": "residual"},
    )
    assert result.correct == ("newspaper", "receipt")
    assert result.fraction == 0.5


def test_learner_view_hides_right_bins_and_explanations_until_revealed():
    content = make_content()
    result = sorting.grade(content, ["newspaper", "jar"], {"newspaper": "paper", "jar": "paper"})
    hidden = result.for_learner(content, reveal=False, show_marks=False)
    assert hidden == {"score": 0.5, "correct_count": 1, "total": 2}
    marks = result.for_learner(content, reveal=False, show_marks=True)
    assert marks["items"][1] == {"item": "jar", "bin": "paper", "correct": False}
    shown = result.for_learner(content, reveal=True)
    assert shown["items"][1]["correct_bin"] == "glass" and shown["items"][1]["explanation"] == "Glass packaging."


@pytest.mark.parametrize(
    "payload",
    [
        None,
        [],
        {"placements": []},
        {"placements": {"nope": "paper"}},
        {"placements": {"jar": "nowhere"}},
        {"placements": {"jar": 3}},
    ],
)
def test_bad_placements_raise_invalid_payload(payload):
    with pytest.raises(InvalidPayload):
        sorting.parse_placements(payload, ["jar", "newspaper"], ["paper", "glass"])


def test_parse_placement_allows_null_bin_to_take_back():
    assert sorting.parse_placement({"item": "jar", "bin": None}, ["jar"], ["glass"]) == ("jar", None)
    with pytest.raises(InvalidPayload):
        sorting.parse_placement({"item": "jar", "bin": ["glass"]}, ["jar"], ["glass"])


def test_error_stats_and_summary_rank_most_missorted_items_first():
    content = make_content()
    ids = ["newspaper", "jar", "receipt", "battery"]
    stats = {}
    stats = sorting.update_error_stats(
        stats, content, sorting.grade(content, ids, {"jar": "paper", "receipt": "paper"})
    )
    stats = sorting.update_error_stats(
        stats,
        content,
        sorting.grade(content, ids, {"jar": "paper", "receipt": "residual", "newspaper": "paper", "battery": "centre"}),
    )
    rows = sorting.error_summary(stats, content)
    assert rows[0]["item"] == "jar" and rows[0]["error_rate"] == 1.0
    assert rows[0]["wrong_bins"] == [{"bin": "paper", "count": 2}]
    receipt = next(r for r in rows if r["item"] == "receipt")
    assert receipt["seen"] == 2 and receipt["wrong"] == 1
    newspaper = next(r for r in rows if r["item"] == "newspaper")
    assert newspaper["wrong_bins"] == [{"bin": "unsorted", "count": 1}]
