"""The problem-responses report helper the three blocks share (common/reports.py)."""

from types import SimpleNamespace

from wise_xblocks.common.reports import report_rows


def states(*pairs):
    return [SimpleNamespace(username=name, state=state) for name, state in pairs]


def two_rows_if_answered(state):
    return [{"n": i} for i in range(2)] if state.get("answered") else []


def test_rows_in_learner_order_skipping_learners_who_never_answered():
    given = states(("ana", {"answered": True}), ("bo", {}), ("cy", None), ("di", {"answered": True}))
    assert list(report_rows(given, None, two_rows_if_answered)) == [
        ("ana", {"n": 0}),
        ("ana", {"n": 1}),
        ("di", {"n": 0}),
        ("di", {"n": 1}),
    ]


def test_the_limit_counts_rows_not_learners_and_stops_reading():
    read = []

    def rows_of(state):
        read.append(state["id"])
        return two_rows_if_answered(state)

    given = states(*[(f"u{i}", {"answered": True, "id": i}) for i in range(5)])
    assert [name for name, _ in report_rows(given, 3, rows_of)] == ["u0", "u0", "u1"]
    assert read == [0, 1]  # the states after the limit are never read
    assert list(report_rows(given, 0, rows_of)) == []
