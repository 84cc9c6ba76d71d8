"""Reports aggregate in the database, match the pure reference, keep a constant query count, and suppress."""

import random
from datetime import UTC, date, datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wise_skills import gaps, reports
from wise_skills.models import Competence, Evidence, LearnerLevel, Membership, Role
from wise_skills.permissions import Scope
from wise_skills.public_api import refresh_levels

from tests.integration.skills.conftest import add_learners

STAFF = Scope(user_id=1, is_staff=True)


def seed_levels(user_ids, seed=1, when=datetime(2026, 3, 1, tzinfo=UTC)):
    rng = random.Random(seed)
    comps = list(Competence.objects.values_list("id", "framework__key"))
    rows = []
    for uid in user_ids:
        for comp_id, fw in rng.sample(comps, 12):
            rows.append(
                Evidence(
                    user_id=uid,
                    competence_id=comp_id,
                    provenance="self_assessment",
                    source_key="x",
                    level=rng.randint(0, 4),
                    observed_at=when,
                    verified=False,
                )
            )
    Evidence.objects.bulk_create(rows)
    for uid in user_ids:
        refresh_levels(uid, [c for c, _ in comps])


def reference(group_fn, wise_ids=None, competence_filter=None):
    """The same report computed row by row with the pure engine."""
    levels = {(ll.user_id, ll.competence_id): ll.level for ll in LearnerLevel.objects.all()}
    pairs = []
    for m in Membership.objects.select_related("wise", "role").prefetch_related("role__requirements__competence"):
        if wise_ids and m.wise_id not in wise_ids:
            continue
        for req in m.role.requirements.all():
            if competence_filter and req.competence.framework_id != competence_filter:
                continue
            pairs.append(
                gaps.Pair(
                    group_fn(m, req),
                    m.user_id,
                    req.competence.key,
                    req.level,
                    levels.get((m.user_id, req.competence_id)),
                )
            )
    return gaps.aggregate(pairs)


@pytest.fixture
def populated(world):
    w = world["wises"]
    ids = add_learners(w["a"], "sorting-operator", 1000, 9) + add_learners(w["a"], "collection-team-leader", 1100, 6)
    ids += add_learners(w["b"], "sorting-operator", 1200, 7) + add_learners(w["c"], "tour-coordinator", 1300, 8)
    ids += add_learners(w["c"], "hospitality-assistant", 1400, 2)  # a small group
    seed_levels(ids + [world["users"]["learner"].id])
    return world


def test_wise_report_matches_the_pure_reference(populated, settings):
    settings.WISE_SKILLS_MIN_GROUP_SIZE = 1
    report = reports.gap_report(STAFF, reports.ReportParams(group_by="wise"))
    ref = reference(lambda m, r: m.wise.key)
    assert {c["wise"] for c in report["results"]} == set(ref)
    for cell in report["results"]:
        exp = ref[cell["wise"]]
        assert cell["learners"] == exp.learners and cell["pairs"] == exp.pairs
        assert cell["mean_gap"] == pytest.approx(exp.mean_gap)
        assert cell["share_below"] == pytest.approx(exp.share_below)
        assert cell["share_learners_below"] == pytest.approx(exp.share_learners_below)


@pytest.mark.parametrize("group_by", ["role", "country", "sector", "network", "framework", "area", "competence"])
def test_every_dimension_matches_the_reference(populated, settings, group_by):
    settings.WISE_SKILLS_MIN_GROUP_SIZE = 1
    fn = {
        "role": lambda m, r: m.role.key,
        "country": lambda m, r: m.wise.country,
        "sector": lambda m, r: m.wise.sectors.get().key,
        "network": lambda m, r: m.wise.network.key,
        "framework": lambda m, r: r.competence.framework.key,
        "area": lambda m, r: r.competence.area.key,
        "competence": lambda m, r: r.competence.key,
    }[group_by]
    ref = reference(fn)
    report = reports.gap_report(STAFF, reports.ReportParams(group_by=group_by))
    got = {c[group_by]: c for c in report["results"]}
    assert set(got) == set(ref)
    for key, exp in ref.items():
        assert (got[key]["learners"], got[key]["pairs"]) == (exp.learners, exp.pairs)
        assert got[key]["mean_gap"] == pytest.approx(exp.mean_gap)


def test_filters_on_requirements_and_sectors_do_not_multiply_rows(populated, settings):
    settings.WISE_SKILLS_MIN_GROUP_SIZE = 1
    fw = Competence.objects.get(key="digcomp:1.1").framework_id
    report = reports.gap_report(
        STAFF,
        reports.ReportParams(
            group_by="wise", filters={"framework": ["digcomp"], "sector": ["waste", "tourism"], "country": ["IT", "SI"]}
        ),
    )
    ref = reference(lambda m, r: m.wise.key, competence_filter=fw)
    for cell in report["results"]:
        assert (cell["pairs"], cell["mean_gap"]) == (ref[cell["wise"]].pairs, pytest.approx(ref[cell["wise"]].mean_gap))


def test_query_count_is_constant_whatever_the_number_of_learners(populated, django_assert_max_num_queries):
    params = reports.ReportParams(group_by="competence,wise", filters={"country": ["IT"]})
    with CaptureQueriesContext(connection) as small:
        reports.gap_report(STAFF, params)
    seed_levels(add_learners(populated["wises"]["b"], "collection-team-leader", 5000, 60), seed=2)
    with CaptureQueriesContext(connection) as big:
        report = reports.gap_report(STAFF, params)
    # The report and the complement's reference count, plus the look at the stored summary (not built here).
    assert len(small.captured_queries) == len(big.captured_queries) == 3
    assert report["results"]


def test_small_groups_are_withheld_and_say_so(populated):
    report = reports.gap_report(STAFF, reports.ReportParams(group_by="role"))
    cells = {c["role"]: c for c in report["results"]}
    small = cells["hospitality-assistant"]  # 2 learners
    assert small["withheld"] and small["withheld_reason"] == "small_group"
    assert small["mean_gap"] is None and small["learners"] is None and "fewer than 5" in small["message"]
    # Exactly one withheld cell: the smallest shown one is withheld too, so the table's total cannot reveal it;
    # and inside the tourism sector (whose total a report by sector shows) the other tourism role is withheld
    # too, so "tourism minus tour coordinators" cannot reveal the 2 hospitality assistants.
    secondary = sorted(c["role"] for c in report["results"] if c["withheld_reason"] == "secondary")
    assert secondary == ["collection-team-leader", "tour-coordinator"]
    assert report["withheld_cells"] == 3


def test_narrowing_filters_cannot_bypass_suppression(populated):
    # WISE A has 9+1 sorting operators and 6 team leaders. Unfiltered it is shown ...
    base = {c["wise"]: c for c in reports.gap_report(STAFF, reports.ReportParams(group_by="wise"))["results"]}
    assert not base["wise-a"]["withheld"]
    # ... filtering down to one role, one competence or one WISE never shows a group under 5,
    role = Role.objects.get(key="collection-team-leader")
    Membership.objects.filter(role=role, user_id__gte=1102).delete()  # now 2 team leaders in A
    for filters in (
        {"role": ["collection-team-leader"]},
        {"role": ["collection-team-leader"], "wise": ["wise-a"]},
        {"competence": ["sector:waste.records"]},
        {"area": ["sector:waste"], "role": ["collection-team-leader"]},
    ):
        report = reports.gap_report(STAFF, reports.ReportParams(group_by="wise", filters=filters))
        for cell in report["results"]:
            assert cell["withheld"] and cell["mean_gap"] is None, (filters, cell)
    # ... and leaving out fewer than 5 people (complement) is withheld too: A without its 2 team leaders.
    cell = {
        c["wise"]: c
        for c in reports.gap_report(
            STAFF, reports.ReportParams(group_by="wise", filters={"role": ["sorting-operator"]})
        )["results"]
    }["wise-a"]
    assert cell["withheld"] and cell["withheld_reason"] == "complement"


def test_scope_limits_what_is_counted(populated):
    a = populated["wises"]["a"]
    report = reports.gap_report(Scope(user_id=5, wise_ids=frozenset({a.id})), reports.ReportParams(group_by="country"))
    assert [c["country"] for c in report["results"]] == ["IT"]
    staff_a = reports.gap_report(STAFF, reports.ReportParams(group_by="wise", filters={"wise": ["wise-a"]}))
    assert report["results"][0]["mean_gap"] == pytest.approx(staff_a["results"][0]["mean_gap"])


def test_trend_uses_the_evidence_known_on_each_date(populated, settings):
    settings.WISE_SKILLS_MIN_GROUP_SIZE = 1
    early = datetime(2026, 1, 15, tzinfo=UTC)
    Evidence.objects.update(observed_at=early)
    late_comp = Competence.objects.get(key="sector:waste.sorting")
    uids = list(
        Membership.objects.filter(wise__key="wise-a", role__key="sorting-operator").values_list("user_id", flat=True)
    )
    Evidence.objects.bulk_create(
        [
            Evidence(
                user_id=u,
                competence=late_comp,
                provenance="course_result",
                source_key="course-v1:W+S+1",
                level=3,
                verified=True,
                observed_at=datetime(2026, 3, 10, tzinfo=UTC),
            )
            for u in uids
        ]
    )
    result = reports.trend(
        STAFF,
        reports.ReportParams(
            group_by="wise", filters={"competence": ["sector:waste.sorting"], "role": ["sorting-operator"]}
        ),
        date(2026, 2, 1),
        date(2026, 3, 31),
    )
    cell = {c["wise"]: c for c in result["results"]}["wise-a"]
    assert cell["mean_gap_to"] == 0 and cell["mean_gap_change"] < 0
    with pytest.raises(reports.ReportError):
        reports.trend(STAFF, reports.ReportParams(), date(2026, 3, 1), date(2026, 2, 1))


def test_country_filter_ignores_case(populated):
    upper = reports.gap_report(STAFF, reports.ReportParams(group_by="wise", filters={"country": ["SI"]}))
    lower = reports.gap_report(STAFF, reports.ReportParams(group_by="wise", filters={"country": ["si"]}))
    assert [c["wise"] for c in lower["results"]] == [c["wise"] for c in upper["results"]] == ["wise-c"]


def test_bad_parameters_say_what_is_allowed():
    with pytest.raises(reports.ReportError, match="unknown group_by 'planet'"):
        reports.ReportParams(group_by="planet")
    with pytest.raises(reports.ReportError, match="unknown filter 'name'"):
        reports.ReportParams(filters={"name": ["x"]})
    with pytest.raises(reports.ReportError, match="one or two"):
        reports.ReportParams(group_by="wise,role,country")
