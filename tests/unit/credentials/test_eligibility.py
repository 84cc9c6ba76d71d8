"""The claim rule: verified course results and manager ratings only; the latest qualifying evidence sets the level."""

from datetime import UTC, datetime, timedelta

from hypothesis import given
from hypothesis import strategies as st
from wise_skills.credentials.eligibility import EvidenceRow, claimable

T = datetime(2026, 1, 1, tzinfo=UTC)


def row(i, kind, level, days, verified=True, comp="digcomp:1.1"):
    return EvidenceRow(i, comp, kind, level, T + timedelta(days=days), verified)


def test_self_assessment_alone_never_qualifies_even_when_marked_verified():
    assert claimable([row(1, "self_assessment", 8, 10), row(2, "self_assessment", 5, 20, verified=True)]) == {}


def test_unverified_results_do_not_qualify():
    assert claimable([row(1, "course_result", 3, 1, verified=False)]) == {}


def test_latest_qualifying_evidence_sets_the_level_and_a_later_self_assessment_changes_nothing():
    found = claimable([row(1, "course_result", 4, 1), row(2, "manager_rating", 3, 5), row(3, "self_assessment", 8, 9)])
    claim = found["digcomp:1.1"]
    assert claim.level == 3
    assert [r.id for r in claim.evidence] == [2, 1]  # all qualifying rows at or above the level, newest first


def test_level_zero_gives_nothing_and_competences_are_separate():
    found = claimable([row(1, "manager_rating", 0, 3), row(2, "course_result", 2, 1, comp="greencomp:1.1")])
    assert list(found) == ["greencomp:1.1"] and found["greencomp:1.1"].level == 2


def test_exact_tie_goes_to_the_most_recent_row():
    assert claimable([row(7, "course_result", 2, 1), row(9, "manager_rating", 5, 1)])["digcomp:1.1"].level == 5


kinds = st.sampled_from(["self_assessment", "course_result", "manager_rating"])


@given(st.lists(st.tuples(kinds, st.integers(0, 8), st.integers(0, 300), st.booleans()), max_size=12))
def test_property_a_claim_is_always_backed_by_verified_non_self_evidence_at_that_level(items):
    rows = [row(i, k, lv, d, v) for i, (k, lv, d, v) in enumerate(items)]
    for claim in claimable(rows).values():
        assert claim.level >= 1 and claim.evidence
        assert all(r.verified and r.kind != "self_assessment" and r.level >= claim.level for r in claim.evidence)
    if all(k == "self_assessment" for k, *_ in items):
        assert claimable(rows) == {}
