"""The public Python API the XBlocks call: evidence writes, the current-level rule, profiles, recommendations."""

from datetime import UTC, datetime

import pytest
from wise_skills import public_api as api
from wise_skills.models import CompetenceMapping, Evidence, LearnerLevel

T0 = datetime(2026, 2, 1, 10, tzinfo=UTC)
T1 = datetime(2026, 3, 1, 10, tzinfo=UTC)
BLOCK = "block-v1:WISE+SORT+2026+type@wise_skills_check+block@start"
COURSE = "course-v1:WISE+SORT+2026"


def level(user_id, key):
    return LearnerLevel.objects.get(user_id=user_id, competence__key=key).level


def test_self_assessment_is_idempotent_and_resubmitting_replaces(catalogue):
    api.record_self_assessment(7, BLOCK, {"digcomp:1.1": 2, "sector:waste.sorting": 1}, T0)
    result = api.record_self_assessment(7, BLOCK, {"digcomp:1.1": 3, "sector:waste.sorting": None}, T1)
    assert result == {"recorded": 1, "removed": 1}
    rows = list(Evidence.objects.filter(user_id=7).values_list("competence__key", "level", "verified"))
    assert rows == [("digcomp:1.1", 3, False)]
    assert level(7, "digcomp:1.1") == 3
    assert not LearnerLevel.objects.filter(user_id=7, competence__key="sector:waste.sorting").exists()


def test_bad_input_names_the_problem_and_writes_nothing(catalogue):
    with pytest.raises(api.InvalidInput, match="unknown competence key.*'digcomp:9.9'"):
        api.record_self_assessment(7, BLOCK, {"digcomp:1.1": 2, "digcomp:9.9": 1})
    with pytest.raises(api.InvalidInput, match=r"level 5 for 'greencomp:1.1' must be an integer from 0 to 4"):
        api.record_self_assessment(7, BLOCK, {"digcomp:1.1": 2, "greencomp:1.1": 5})
    with pytest.raises(api.InvalidInput, match="does not parse"):
        api.record_self_assessment(7, "block-v1:broken", {"digcomp:1.1": 2})
    with pytest.raises(api.InvalidInput, match="user_id"):
        api.record_self_assessment("someone", BLOCK, {"digcomp:1.1": 2})
    assert not Evidence.objects.exists()


def test_verified_course_result_wins_over_a_later_self_assessment(catalogue):
    CompetenceMapping.objects.create(source_key=COURSE, competence_id=_comp("sector:waste.sorting"), level=2)
    assert api.record_course_result(7, COURSE, passed=True, when=T0)["competences"] == ["sector:waste.sorting"]
    api.record_self_assessment(7, BLOCK, {"sector:waste.sorting": 4}, T1)  # later, but only self-assessed
    assert level(7, "sector:waste.sorting") == 2
    api.record_course_result(7, COURSE, passed=True, when=T1)  # idempotent: refreshes, never duplicates
    assert Evidence.objects.filter(user_id=7, provenance="course_result").count() == 1
    api.record_course_result(7, COURSE, passed=False)  # no longer passing: that evidence goes
    assert level(7, "sector:waste.sorting") == 4  # the self-assessment is what is left
    assert api.record_course_result(7, "course-v1:Other+X+1", passed=True) == {"competences": [], "passed": True}


def test_latest_verified_evidence_wins(catalogue):
    api.record_manager_rating(99, 7, "digcomp:2.1", 3, rated_at=T1)
    CompetenceMapping.objects.create(source_key=COURSE, competence_id=_comp("digcomp:2.1"), level=2)
    api.record_course_result(7, COURSE, passed=True, when=T0)  # verified but older
    assert level(7, "digcomp:2.1") == 3


def _comp(key):
    from wise_skills.models import Competence

    return Competence.objects.get(key=key).id


def test_profile_and_recommendations(world):
    learner = world["users"]["learner"].id
    api.record_self_assessment(learner, BLOCK, {"sector:waste.sorting": 1, "digcomp:1.1": 1})
    CompetenceMapping.objects.create(
        source_key=BLOCK.replace("start", "sort1"),
        title="Sorting basics",
        competence_id=_comp("sector:waste.sorting"),
        level=2,
    )
    CompetenceMapping.objects.create(
        source_key=COURSE, title="Whole sorting course", competence_id=_comp("sector:waste.sorting"), level=3
    )
    CompetenceMapping.objects.create(source_key=COURSE, competence_id=_comp("sector:waste.contamination"), level=3)
    profile = api.learner_profile(learner)
    assert profile["memberships"][0]["role"] == "sorting-operator"
    rows = {r["competence"]: r for r in profile["competences"]}
    assert rows["sector:waste.sorting"] == {**rows["sector:waste.sorting"], "required": 3, "current": 1, "gap": 2}
    assert rows["sector:waste.contamination"]["gap"] == 3  # no evidence counts as 0
    assert "user" not in str(profile).replace("user_id", "")  # no names, only the id
    recs = api.recommended_units(learner, limit=2)
    assert recs[0]["source_key"] == COURSE and recs[0]["closes"] == 5  # 2 (sorting) + 3 (contamination)
    assert recs[1]["closes"] == 1
    wise_recs = api.wise_recommendations("wise-a")
    assert wise_recs[0]["source_key"] == COURSE and wise_recs[0]["closes"] == 5
    with pytest.raises(api.InvalidInput):
        api.wise_recommendations("nope")


def test_catalogue_and_role_requirements(catalogue):
    items = api.competence_catalogue(["greencomp:1.2", "digcomp:1.1"])
    assert [i["key"] for i in items] == ["greencomp:1.2", "digcomp:1.1"]
    assert len(items[0]["levels"]) == 4 and items[0]["levels"][0]["plain"]
    assert len(api.competence_catalogue()) == 68
    reqs = api.role_requirements("sorting-operator")
    assert reqs["requirements"]["sector:waste.sorting"] == 3 and reqs["sector"] == "waste"
    with pytest.raises(api.InvalidInput, match="unknown role"):
        api.role_requirements("astronaut")
