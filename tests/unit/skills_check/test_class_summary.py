"""The group's answer counts of a self-check (skills_check/class_summary.py)."""

from wise_xblocks.skills_check import class_summary as cs

KEYS = ["a", "b"]


def saved(*ratings_list):
    counts = {}
    for previous, ratings in ratings_list:
        counts = cs.update(counts, previous, ratings)
    return counts


def test_first_saves_count_learners_and_answers():
    counts = saved((None, {"a": 1, "b": None}), (None, {"a": 1, "b": 3}))
    assert counts == {"learners": 2, "answers": {"a": {"1": 2}, "b": {"skipped": 1, "3": 1}}}


def test_a_revision_moves_the_learner_and_never_adds_one():
    first = {"a": 1, "b": None}
    counts = saved((None, first), (first, {"a": 2, "b": 0}))
    assert counts == {"learners": 1, "answers": {"a": {"2": 1}, "b": {"0": 1}}}


def test_update_does_not_change_the_stored_counts_it_was_given():
    stored = saved((None, {"a": 1}))
    snapshot = {"learners": 1, "answers": {"a": {"1": 1}}}
    cs.update(stored, {"a": 1}, {"a": 4})
    assert stored == snapshot


def test_counts_never_go_negative_when_the_previous_answer_was_not_counted():
    # Answers saved before the block counted (an older release): taking them out must not go below zero.
    counts = cs.update({"learners": 3, "answers": {}}, {"a": 2}, {"a": 3})
    assert counts == {"learners": 3, "answers": {"a": {"3": 1}}}


def test_the_report_is_withheld_below_the_minimum_group():
    counts = saved(*[(None, {"a": i % 3, "b": None}) for i in range(4)])
    report = cs.report(counts, KEYS, min_group=5)
    assert report == {"learners": 4, "min_group": 5, "withheld": True, "rows": []}


def test_the_report_follows_the_authors_order_with_steps_as_numbers():
    counts = saved(*[(None, {"a": i % 3, "b": None if i == 0 else 4}) for i in range(5)])
    report = cs.report(counts, ["b", "a"], min_group=5)
    assert not report["withheld"] and report["learners"] == 5
    assert report["rows"] == [
        {"key": "b", "counts": {4: 4}, "skipped": 1},
        {"key": "a", "counts": {0: 2, 1: 2, 2: 1}, "skipped": 0},
    ]
