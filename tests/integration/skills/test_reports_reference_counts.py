"""The unfiltered reference counts behind the "complement" rule (reports._unfiltered_learners) are exact.

They are computed without the learner x competence product (learners collapsed into role sets), so compare them
with the plain COUNT(DISTINCT user_id) over the pairs, for every pair of dimensions, with learners who hold two
roles (in one WISE and across WISEs), a scope narrower than staff and a past date.
"""

import itertools
from datetime import date

import pytest
from django.db.models import Count
from wise_skills import reports
from wise_skills.models import Membership, Role
from wise_skills.permissions import Scope

from tests.integration.skills.conftest import add_learners

STAFF = Scope(user_id=1, is_staff=True)


@pytest.fixture
def mixed(world):
    w = world["wises"]
    add_learners(w["a"], "sorting-operator", 1000, 9)
    add_learners(w["a"], "collection-team-leader", 1100, 6)
    add_learners(w["b"], "sorting-operator", 1200, 7)
    add_learners(w["c"], "tour-coordinator", 1300, 8)
    add_learners(w["c"], "hospitality-assistant", 1400, 2, start=date(2026, 3, 1))
    leader, tour = Role.objects.get(key="collection-team-leader"), Role.objects.get(key="tour-coordinator")
    # Two roles in the same WISE (their requirements overlap), and the same learner in two WISEs.
    Membership.objects.bulk_create(
        [Membership(user_id=u, wise=w["a"], role=leader, start=date(2026, 1, 1)) for u in (1000, 1001, 1002)]
        + [Membership(user_id=u, wise=w["c"], role=tour, start=date(2026, 1, 1)) for u in (1200, 1201)]
    )
    return world


def brute_force(scope, on, dims):
    paths = [reports.DIMENSIONS[d][0] for d in dims]
    return {
        tuple(r[p] for p in paths): r["n"]
        for r in reports._pairs(scope, on, {}).values(*paths).annotate(n=Count("user_id", distinct=True)).order_by()
    }


DIMS = list(reports.DIMENSIONS)
CASES = [(d,) for d in DIMS] + list(itertools.permutations(DIMS, 2))


@pytest.mark.parametrize("dims", CASES, ids=lambda d: ",".join(d))
def test_reference_counts_equal_count_distinct(mixed, dims):
    a = mixed["wises"]["a"]
    for scope, on in ((STAFF, None), (STAFF, date(2026, 2, 1)), (Scope(user_id=5, wise_ids=frozenset({a.id})), None)):
        expected = brute_force(scope, on, dims)
        rows = [{reports.DIMENSIONS[d][0]: key[i] for i, d in enumerate(dims)} for key in expected]
        assert reports._unfiltered_learners(scope, on, dims, rows) == expected, (dims, on, scope)
        # Restricted to some of the cells, the counts of those cells do not change.
        some = rows[::2]
        got = reports._unfiltered_learners(scope, on, dims, some)
        for row in some:
            key = tuple(row[reports.DIMENSIONS[d][0]] for d in dims)
            assert got[key] == expected[key], (dims, key)
