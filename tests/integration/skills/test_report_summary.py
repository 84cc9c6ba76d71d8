"""The stored summary (models_summary) gives exactly the live report: every cell, withheld ones included.

Runs on sqlite and, in the MariaDB pass of scripts/run-tests.sh, on MariaDB. The world has what makes the sums
hard: learners with two memberships (two WISEs, two roles in one WISE, the same role twice), ended, future and
unconfirmed memberships, a WISE in two sectors and one in no network, groups small enough to be withheld for each
reason (small group, complement, secondary).
"""

import itertools
from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wise_skills import public_api, report_summary, reports
from wise_skills.dashboard import data
from wise_skills.models import (
    Competence,
    GapSummary,
    GapSummaryDirty,
    GapSummaryState,
    LearnerLevel,
    Membership,
    Role,
    RoleRequirement,
    Sector,
    Wise,
)
from wise_skills.permissions import Scope, scope_for
from wise_skills.retirement import retire_user

from tests.integration.skills.conftest import add_learners
from tests.integration.skills.test_reports import seed_levels

STAFF = Scope(user_id=1, is_staff=True)
START = date(2026, 1, 1)


@pytest.fixture
def varied(world):
    w = world["wises"]
    waste, tourism = Sector.objects.get(key="waste"), Sector.objects.get(key="tourism")
    d = Wise.objects.create(key="wise-d", name="WISE D", country="HR")  # no network
    d.sectors.add(waste, tourism)
    w["d"] = d
    ids = add_learners(w["a"], "sorting-operator", 1000, 9) + add_learners(w["a"], "collection-team-leader", 1100, 6)
    ids += add_learners(w["b"], "sorting-operator", 1200, 7) + add_learners(w["c"], "tour-coordinator", 1300, 8)
    ids += add_learners(w["c"], "hospitality-assistant", 1400, 2)
    ids += add_learners(d, "sorting-operator", 1500, 6) + add_learners(d, "hospitality-assistant", 1600, 5)
    role = {r.key: r for r in Role.objects.all()}
    today = timezone.localdate()
    more = [
        # several memberships at once
        Membership(user_id=1000, wise=w["b"], role=role["sorting-operator"], start=START),
        Membership(user_id=1001, wise=w["a"], role=role["collection-team-leader"], start=START),
        Membership(user_id=1002, wise=w["a"], role=role["sorting-operator"], start=date(2026, 2, 1)),
        Membership(user_id=1300, wise=d, role=role["hospitality-assistant"], start=START),
        Membership(user_id=1500, wise=w["c"], role=role["tour-coordinator"], start=START),
        # not active today
        Membership(user_id=1003, wise=w["c"], role=role["tour-coordinator"], start=START, end=date(2026, 1, 31)),
        Membership(user_id=1004, wise=w["b"], role=role["sorting-operator"], start=today + timedelta(days=3)),
        Membership(user_id=1005, wise=d, role=role["sorting-operator"], start=START, confirmed=False),
        Membership(user_id=1700, wise=w["b"], role=role["collection-team-leader"], start=START, end=date(2026, 2, 1)),
    ]
    Membership.objects.bulk_create(more)
    seed_levels([*ids, 1700, world["users"]["learner"].id])
    return world


def _frameworks():
    return sorted(RoleRequirement.objects.values_list("competence__framework__key", flat=True).distinct())


def dashboard_filter_sets(values=1):
    """No filter, then each filter the dashboard's form offers, with one value (``values=2``: a second one too)."""
    some = {
        "network": ["n1", "n2"],
        "country": ["IT", "HR"],
        "sector": ["waste", "tourism"],
        "wise": ["wise-a", "wise-d"],
        "role": ["sorting-operator", "tour-coordinator"],
        "framework": _frameworks(),
    }
    return [{}] + [{name: [value]} for name in data.FILTER_NAMES for value in some[name][:values]]


def api_filter_sets():
    """The other shapes the API takes: several filters, several values, the competence-side filters."""
    comps = Competence.objects.filter(requirements__role__key="sorting-operator")
    area, comp = comps.values_list("area__key", flat=True), comps.values_list("key", flat=True)
    return [
        {"network": ["n1"], "framework": [_frameworks()[0]]},
        {"country": ["IT"], "sector": ["waste"], "role": ["sorting-operator"]},
        {"country": ["IT", "SI"]},
        {"sector": ["waste", "tourism"]},  # a WISE in both: the live join's arithmetic is kept (live answers)
        {"framework": _frameworks()},
        {"area": [area.first()]},
        {"competence": [comp.first()]},
        {"competence": list(comp[:2])},
    ]


def assert_same(scope, dims, filters, reasons):
    params = reports.ReportParams(group_by=dims, filters=filters)
    live = reports.gap_report(scope, params, use_summary=False)
    if report_summary.summary_grain(params.group_by, params.filters) is not None:
        # The summary really answers (the comparison below would otherwise compare the live path with itself).
        assert report_summary.summary_rows(scope, params.group_by, params.filters) is not None, (dims, filters)
    fast = reports.gap_report(scope, params)
    assert fast == live, (dims, filters)
    reasons.update(c["withheld_reason"] for c in live["results"] if c["withheld"])
    return live


def test_every_grouping_and_filter_gives_the_live_numbers(varied):
    report_summary.rebuild_summary()
    assert GapSummary.objects.exists()
    reasons = set()
    groupings = [(d,) for d in reports.DIMENSIONS] + list(itertools.permutations(reports.DIMENSIONS, 2))
    for filters in dashboard_filter_sets():
        for dims in groupings:
            assert_same(STAFF, dims, filters, reasons)
    some_groupings = [(d,) for d in reports.DIMENSIONS]
    some_groupings += [("competence", "wise"), ("area", "network"), ("role", "wise")]
    for filters in api_filter_sets() + dashboard_filter_sets(values=2)[2::2]:  # + each filter's second value
        for dims in some_groupings:
            assert_same(STAFF, dims, filters, reasons)
    # The comparison covered cells withheld for every reason, and learners counted on both paths.
    assert reasons >= {"small_group", "complement", "secondary"}
    assert Membership.objects.active_on(timezone.localdate()).filter(user_id=1000).count() == 2


def test_the_dashboard_is_answered_by_the_summary_for_every_view(varied):
    """Every heatmap the filter form can ask for (rows x drill-down columns x one value per filter) is read from the
    summary, for staff, a coordinator and a manager, and equals the page built without it."""
    users = varied["users"]
    scopes = [STAFF, scope_for(users["coordinator"]), scope_for(users["manager_a"])]
    views = [data.View(rows=rows, filters=f) for rows in data.ROW_DIMENSIONS for f in dashboard_filter_sets(values=2)]
    report_summary.rebuild_summary()
    with_summary = []
    for scope in scopes:
        for view in views:
            dims = (view.rows, data.columns_for(scope, view))
            assert report_summary.summary_grain(dims, view.filters) is not None
            assert report_summary.summary_rows(scope, dims, view.filters) is not None
            with_summary.append(data.heatmap(scope, view))
    GapSummaryState.objects.all().delete()  # no summary: the live query answers
    without = [data.heatmap(scope, view) for scope in scopes for view in views]
    assert with_summary == without
    assert any(h["withheld"] for h in without) and any(h["cells"] for h in without)


def compare_all(scope=STAFF):
    reasons = set()
    for dims in [("wise",), ("network",), ("role",), ("competence", "wise"), ("area", "network"), ("sector", "role")]:
        for filters in ({}, {"network": ["n1"]}, {"framework": [_frameworks()[0]]}):
            assert_same(scope, dims, filters, reasons)


def test_evidence_written_after_the_build_is_in_the_next_report(varied):
    report_summary.rebuild_summary()
    comp = Competence.objects.filter(requirements__role__key="sorting-operator").first()
    public_api.record_self_assessment(1001, "block-v1:Org+C+R+type@wise_skills_check+block@s1", {comp.key: 5})
    public_api.record_manager_rating(7, 1200, comp.key, 4)
    public_api.record_self_assessment(1500, "block-v1:Org+C+R+type@wise_skills_check+block@s1", {comp.key: 0})
    assert GapSummaryDirty.objects.exists()  # marked in the same transaction as the new levels
    compare_all()
    assert not GapSummaryDirty.objects.exists()  # the report recomputed the marked cells and took the marks away
    LearnerLevel.objects.filter(user_id=1201).delete()  # a level that goes away counts as 0 again
    LearnerLevel.objects.filter(user_id=1202).update(level=0)
    compare_all()


def test_membership_changes_of_every_kind_are_in_the_next_report(varied):
    w = varied["wises"]
    role = {r.key: r for r in Role.objects.all()}
    report_summary.rebuild_summary()
    m = Membership.objects.get(user_id=1203)
    m.role = role["collection-team-leader"]  # moves to another cell
    m.save()
    compare_all()
    Membership.objects.create(user_id=1204, wise=w["c"], role=role["tour-coordinator"], start=START)  # now two
    Membership.objects.filter(user_id=1000, wise=w["b"]).delete()  # now one again
    compare_all()
    Membership.objects.filter(user_id__in=[1100, 1101]).update(end=date(2026, 1, 2))  # ended
    Membership.objects.bulk_create(
        [Membership(user_id=u, wise=w["b"], role=role["sorting-operator"], start=START) for u in (1300, 1301, 1302)]
    )
    compare_all()
    one = Membership.objects.get(user_id=1600)
    one.wise = w["c"]
    Membership.objects.bulk_update([one], ["wise"])
    compare_all()
    w["d"].delete()  # its memberships go by cascade; learners who were also elsewhere have one membership left
    compare_all()
    for scope in (scope_for(varied["users"]["coordinator"]), scope_for(varied["users"]["manager_a"])):
        compare_all(scope)


def test_retirement_is_in_the_next_report_and_the_summary_holds_no_learner(varied):
    report_summary.rebuild_summary()
    retire_user(1000)  # two memberships
    retire_user(1300)
    compare_all()
    learner_columns = {f.name for f in GapSummary._meta.fields} & {"user_id", "user"}
    assert not learner_columns and {f.name for f in GapSummaryDirty._meta.fields} == {"id", "wise_id", "role_id"}


def test_a_new_day_counts_memberships_that_started_or_ended_since(varied):
    """The summary built yesterday: today one membership has started and one has ended (neither is a write today)."""
    w = varied["wises"]
    today = timezone.localdate()
    role = Role.objects.get(key="sorting-operator")
    ending = Membership.objects.create(user_id=1800, wise=w["b"], role=role, start=START)
    seed_levels([1800, 1801], seed=5)
    report_summary.rebuild_summary()
    # As yesterday's build saw it: 1800 active (ends yesterday), 1801 not yet there (starts today). Plain manager
    # writes: no marks, so only the change of day can bring them into the report.
    Membership._base_manager.filter(pk=ending.pk).update(end=today - timedelta(days=1))
    Membership._base_manager.bulk_create([Membership(user_id=1801, wise=w["b"], role=role, start=today)])
    GapSummaryState.objects.filter(pk=1).update(day=today - timedelta(days=1))
    assert not GapSummaryDirty.objects.exists()
    compare_all()
    assert GapSummaryState.objects.get(pk=1).day == today


def test_a_catalogue_change_falls_back_to_live_until_rebuilt(varied, django_capture_on_commit_callbacks):
    report_summary.rebuild_summary()
    req = RoleRequirement.objects.filter(role__key="sorting-operator").first()
    req.level = 1 if req.level > 1 else 3
    req.save()
    params = reports.ReportParams(group_by=("competence", "wise"))
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        assert report_summary.summary_rows(STAFF, params.group_by, {}) is None  # never the old requirement's numbers
    assert len(callbacks) == 1  # the rebuild was queued (run here: the test settings run tasks eagerly)
    assert report_summary.summary_rows(STAFF, params.group_by, {}) is not None
    compare_all()


def test_no_summary_until_built_and_then_a_constant_number_of_queries(varied):
    params = reports.ReportParams(group_by=("competence", "network"))
    assert report_summary.summary_rows(STAFF, params.group_by, {}) is None
    report_summary.rebuild_summary()

    def count():
        with CaptureQueriesContext(connection) as ctx:
            reports.gap_report(STAFF, params)
        return len(ctx.captured_queries)

    small = count()
    more = add_learners(varied["wises"]["b"], "collection-team-leader", 5000, 40)
    seed_levels(more, seed=9)
    count()  # catches up with the marks of the new learners
    assert count() == small


def test_recompute_wise_skills_builds_the_summary_the_reports_then_read(varied):
    from io import StringIO

    from django.core.management import call_command

    params = reports.ReportParams(group_by=("competence", "network"))
    assert report_summary.summary_rows(STAFF, params.group_by, {}) is None
    out = StringIO()
    call_command("recompute_wise_skills", "--summary-only", stdout=out)
    assert "Rebuilt the report summary" in out.getvalue()
    assert report_summary.summary_rows(STAFF, params.group_by, {}) is not None
    call_command("recompute_wise_skills", stdout=out)  # levels, then the summary again
    compare_all()
