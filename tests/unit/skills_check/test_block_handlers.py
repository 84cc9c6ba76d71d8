"""The block through a real XBlock runtime: rendering, submit/revise, completion, progress between
the start and the end check, the Studio save, and evidence in wise_skills (installed in the
devsite test settings) recorded idempotently."""

import json
import re

import pytest
from wise_xblocks.skills_check import SkillsCheckXBlock
from xblock.reference.user_service import UserService, XBlockUser

from tests.xblock_runtime import RecordingRuntime

START = """<wise_skills_check display_name="Start" phase="start" group="g1">
  <role key="sorting-operator"/>
  <competence key="sector:waste.sorting"/>
  <competence key="digcomp:1.1"/>
  <competence key="digcomp:4.3"/>
  <unit competence="sector:waste.sorting" href="/jump_to_id/sorting">Which bin?</unit>
</wise_skills_check>"""
END = START.replace('phase="start"', 'phase="end"').replace('display_name="Start"', 'display_name="End"')


class LmsUserService(UserService):
    """The LMS user service as the block sees it: a current user with the platform user id."""

    def __init__(self, user_id):
        user = XBlockUser(is_current_user=True)
        user.opt_attrs["edx-platform.user_id"] = user_id
        super().__init__(user=user)

    def get_current_user(self):
        return self._user


def make_runtime(**kwargs):
    return RecordingRuntime(block_classes={"wise_skills_check": SkillsCheckXBlock}, **kwargs)


@pytest.fixture
def runtime():
    return make_runtime()


def test_student_view_has_one_radio_group_per_competence_with_a_legend(runtime):
    block = runtime.load(START)
    html = runtime.render(block, "student_view").content
    assert html.count("<fieldset") == 3 and html.count("<legend>") == 3
    assert "Put waste in the right bin." in html and "For example: glass bottles go in the glass bin." in html
    assert "I skip this question." in html and 'role="status"' in html
    frag = block.student_view()
    assert frag.js_init_fn == "WiseBlockInit"
    assert frag.json_init_args["view"] == "student" and frag.json_init_args["state"]["submitted"] is False


def test_submit_saves_answers_completes_once_and_shows_gaps_with_units(runtime):
    block = runtime.load(START)
    status, state = runtime.call(block, "submit", {"ratings": {"sector:waste.sorting": 1, "digcomp:1.1": 2}})
    assert status == 200
    assert state["ratings"] == {"sector:waste.sorting": 1, "digcomp:1.1": 2, "digcomp:4.3": None}
    result = state["result"]
    assert result["has_role"] and result["role_name"] == "Sorting operator"
    assert [g["key"] for g in result["gaps"]] == ["sector:waste.sorting"]  # needs level 3 = step 3
    assert result["recommendations"][0]["units"][0]["href"] == "/jump_to_id/sorting"
    assert runtime.events("completion") == [{"completion": 1.0}]
    # Revising later replaces the answers and does not complete again.
    status, state = runtime.call(block, "submit", {"ratings": {"sector:waste.sorting": 3}})
    assert status == 200 and state["result"]["gaps"] == []
    assert runtime.events("completion") == [{"completion": 1.0}]
    assert [e["revision"] for e in runtime.events("wise.skills_check.submitted")] == [1, 2]
    assert block.submissions == 2


def test_end_check_shows_progress_since_the_start_check_of_the_same_group(runtime):
    start, end = runtime.load(START), runtime.load(END)
    runtime.call(start, "submit", {"ratings": {"sector:waste.sorting": 1, "digcomp:1.1": 2}})
    status, state = runtime.call(end, "submit", {"ratings": {"sector:waste.sorting": 3, "digcomp:1.1": 2}})
    assert status == 200
    result = state["result"]
    assert result["has_start"] is True
    assert [row["change"] for row in result["rows"]] == [2, 0, None]
    assert (result["summary"]["improved"], result["summary"]["same"]) == (1, 1)


def test_progress_is_per_learner_and_per_group(runtime):
    start, end = runtime.load(START), runtime.load(END)
    runtime.call(start, "submit", {"ratings": {"digcomp:1.1": 1}})
    other = runtime.learner("learner-2")
    other_end = other.get_block(end.scope_ids.usage_id)
    assert other.call(other_end, "submit", {"ratings": {"digcomp:1.1": 3}})[1]["result"]["has_start"] is False
    elsewhere = runtime.load(END.replace('group="g1"', 'group="g2"'))
    assert runtime.call(elsewhere, "submit", {"ratings": {}})[1]["result"]["has_start"] is False


@pytest.mark.parametrize(
    "payload",
    [
        {},
        {"ratings": []},
        {"ratings": {"digcomp:9.9": 1}},
        {"ratings": {"digcomp:1.1": 9}},
        {"ratings": {"digcomp:1.1": "2"}},
        ["ratings"],
        None,
        {"ratings": {"digcomp:1.1": True}},
    ],
)
def test_bad_payloads_answer_400_and_change_nothing(runtime, payload):
    block = runtime.load(START)
    runtime.call(block, "submit", {"ratings": {"digcomp:1.1": 1}})
    before = (dict(block.ratings), block.submitted_at, block.submissions, len(runtime.published))
    status, body = runtime.call(block, "submit", payload)
    assert status == 400 and body["error"]
    assert (dict(block.ratings), block.submitted_at, block.submissions, len(runtime.published)) == before


def test_not_json_is_400(runtime):
    block = runtime.load(START)
    assert runtime.call(block, "submit", "{nope", raw=True)[0] == 400
    assert block.submissions == 0


def test_student_view_data_is_course_content_only(runtime):
    block = runtime.load(START)
    runtime.call(block, "submit", {"ratings": {"digcomp:1.1": 1}})
    data = block.student_view_data()
    assert [c["key"] for c in data["competences"]] == ["sector:waste.sorting", "digcomp:1.1", "digcomp:4.3"]
    assert data["competences"][1]["scale"][1] == {"step": 1, "statement": "I can do this with help."}
    assert "ratings" not in json.dumps(data)  # the Blocks API caches this per course, never per learner


@pytest.mark.parametrize(
    "event_type,status",
    [
        ("wise.skills_check.loaded", 200),
        ("wise.skills_check.revise_started", 200),
        ("grade", 400),
        ("completion", 400),
        ("wise.skills_check.submitted", 400),
    ],
)
def test_only_allow_listed_client_events(runtime, event_type, status):
    block = runtime.load(START)
    assert runtime.call(block, "publish_event", {"event_type": event_type})[0] == status


GOOD_STUDIO = {
    "display_name": "My check",
    "phase": "end",
    "group": "g9",
    "role": "",
    "competences": ["digcomp:1.1", "greencomp:1.1"],
    "units": [{"competence": "digcomp:1.1", "href": "/jump_to_id/x", "title": "Search & find"}],
    "intro": "<p>Hello</p><script>x</script>",
}


def test_studio_save_stores_valid_content(runtime):
    block = runtime.load(START)
    status, body = runtime.call(block, "studio_submit", GOOD_STUDIO)
    assert status == 200, body
    assert block.competences == ["digcomp:1.1", "greencomp:1.1"] and block.phase == "end" and block.role == ""
    assert block.units == [{"competence": "digcomp:1.1", "href": "/jump_to_id/x", "title": "Search & find"}]
    assert block.intro == "<p>Hello</p>" and block.display_name == "My check"


@pytest.mark.parametrize(
    "change,field",
    [
        ({"competences": ["digcomp:1.1", "madeup:1"]}, "competences"),
        ({"competences": []}, "competences"),
        ({"competences": "digcomp:1.1"}, "competences"),
        ({"role": "astronaut"}, "role"),
        ({"group": ""}, "group"),
        ({"phase": "later"}, "phase"),
        ({"units": [{"competence": "digcomp:1.1", "href": "javascript:alert(1)", "title": "x"}]}, "units"),
        ({"units": [{"competence": "digcomp:2.1", "href": "/x", "title": "x"}]}, "units"),
        ({"units": "nope"}, "units"),
        ({"display_name": ""}, "display_name"),
        ({"display_name": 7}, "display_name"),
    ],
)
def test_studio_save_refuses_with_field_and_keeps_old_content(runtime, change, field):
    block = runtime.load(START)
    before = (block.competences, block.role, block.phase, block.group, block.units, block.display_name)
    status, body = runtime.call(block, "studio_submit", {**GOOD_STUDIO, **change})
    assert status == 400
    assert field in [error["field"] for error in body["errors"]] and all(e["message"] for e in body["errors"])
    assert (block.competences, block.role, block.phase, block.group, block.units, block.display_name) == before


def test_studio_view_lists_every_framework_and_role(runtime):
    block = runtime.load(START)
    html = runtime.render(block, "studio_view").content
    assert html.count('type="checkbox"') == 68 and "Sorting operator" in html
    assert 'value="sector:waste.sorting" checked' in html


def test_competence_and_role_names_follow_the_language_in_studio_and_for_the_learner(runtime):
    from django.utils import translation

    block = runtime.load(START)
    with translation.override("it"):
        html = runtime.render(block, "studio_view").content
        assert "Addetto alla selezione dei rifiuti" in html and "Sorting operator" not in html
        status, state = runtime.call(block, "submit", {"ratings": {"sector:waste.sorting": 1}})
        assert status == 200 and state["result"]["role_name"] == "Addetto alla selezione dei rifiuti"
        data = block.student_view_data()
    assert data["role"]["name"] == "Addetto alla selezione dei rifiuti"
    names = {c["key"]: c["name"] for c in data["competences"]}
    assert names["sector:waste.sorting"] == "Separare i rifiuti nelle frazioni giuste"


def test_export_round_trips_through_the_runtime(runtime):
    from lxml import etree

    block = runtime.load(START)
    node = etree.Element("x")
    block.add_xml_to_node(node)
    again = runtime.load(etree.tostring(node, encoding="unicode"))
    assert (again.competences, again.role, again.units, again.phase, again.group, again.display_name) == (
        block.competences,
        block.role,
        block.units,
        block.phase,
        block.group,
        block.display_name,
    )


def test_workbench_scenarios_load(runtime):
    for _title, xml in SkillsCheckXBlock.workbench_scenarios():
        assert runtime.load(xml).competences


# --- evidence in wise_skills -------------------------------------------------------------


@pytest.mark.django_db
def test_submission_becomes_self_assessment_evidence_idempotently():
    from wise_skills.models import Evidence

    runtime = make_runtime(services={"user": LmsUserService(42)})
    block = runtime.load(START)
    status, _ = runtime.call(block, "submit", {"ratings": {"sector:waste.sorting": 1, "digcomp:1.1": 2}})
    assert status == 200
    rows = Evidence.objects.filter(user_id=42, provenance="self_assessment")
    assert sorted(rows.values_list("competence__key", "level", "source_key")) == [
        ("digcomp:1.1", 3, str(block.scope_ids.usage_id)),
        ("sector:waste.sorting", 1, str(block.scope_ids.usage_id)),
    ]
    assert runtime.events("wise.skills_check.submitted")[0]["evidence_recorded"] is True
    # Resubmitting replaces; skipping removes that competence's earlier answer from this block.
    runtime.call(block, "submit", {"ratings": {"sector:waste.sorting": 4, "digcomp:1.1": None}})
    runtime.call(block, "submit", {"ratings": {"sector:waste.sorting": 4, "digcomp:1.1": None}})
    assert list(rows.values_list("competence__key", "level")) == [("sector:waste.sorting", 4)]


@pytest.mark.django_db
def test_not_yet_is_recorded_as_level_zero_and_the_role_profile_comes_from_the_plugin():
    from wise_skills.models import Evidence

    runtime = make_runtime(services={"user": LmsUserService(7)})
    block = runtime.load(START)
    status, state = runtime.call(block, "submit", {"ratings": {"digcomp:4.3": 0}})
    assert status == 200
    assert Evidence.objects.get(user_id=7).level == 0
    assert state["result"]["rows"][2]["required_step"] == 2  # digcomp:4.3 needs level 2 for this role


def test_without_a_platform_user_nothing_is_recorded_but_answers_are_saved(runtime):
    block = runtime.load(START)
    status, state = runtime.call(block, "submit", {"ratings": {"digcomp:1.1": 1}})
    assert status == 200 and state["submitted"]
    assert runtime.events("wise.skills_check.submitted")[0]["evidence_recorded"] is False


def test_platform_settings_pass_through_olx_and_unknown_attributes_still_fail():
    """In the LMS, mixins add settings such as visible_to_staff_only: import and export keep them."""
    from lxml import etree
    from wise_xblocks.common.olx import OLXError
    from xblock.fields import Boolean, Scope

    class WithPlatformMixin(SkillsCheckXBlock):
        visible_to_staff_only = Boolean(default=False, scope=Scope.settings)

    runtime = RecordingRuntime(block_classes={"wise_skills_check": WithPlatformMixin})
    block = runtime.load(START.replace('phase="start"', 'phase="start" visible_to_staff_only="true"'))
    assert block.visible_to_staff_only is True
    node = etree.Element("x")
    block.add_xml_to_node(node)
    assert node.get("visible_to_staff_only") == "true"
    with pytest.raises(OLXError, match='"colour"'):
        runtime.load(START.replace('phase="start"', 'phase="start" colour="red"'))


def test_problem_responses_report_has_each_topic_and_chosen_sentence(runtime):
    block = runtime.load(START)
    runtime.call(block, "submit", {"ratings": {"sector:waste.sorting": 1, "digcomp:1.1": None}})

    class Answered:
        username = "ana"
        state = {"ratings": block.ratings, "submissions": block.submissions, "submitted_at": block.submitted_at}

    class Untouched:
        username = "bo"
        state = {}

    rows = list(block.generate_report_data(iter([Untouched(), Answered()])))
    assert [r[0] for r in rows] == ["ana"]  # a learner who never answered has no row
    answer = rows[0][1]["Answer"]
    chosen = block.competence_view("sector:waste.sorting", block.translator())["scale"][1]["statement"]
    assert answer.startswith(f"Put waste in the right bin.: {chosen}") and "Not answered" in answer
    assert rows[0][1]["Submissions"] == 1 and rows[0][1]["Question"] == "Start"
    assert len(list(block.generate_report_data(iter([Answered(), Answered()]), limit_responses=1))) == 1


def test_search_index_has_the_topics_and_competence_names(runtime):
    index = runtime.load(START).index_dictionary()
    assert index["content_type"] == "Skills self-assessment" and index["content"]["display_name"] == "Start"
    assert "Put waste in the right bin." in index["content"]["text"] and "Sorting waste" in index["content"]["text"]


def test_staff_see_how_the_group_rated_itself_from_the_minimum_group_on(runtime):
    block = runtime.load(START)
    usage = block.scope_ids.usage_id
    staff = runtime.learner("teacher", is_staff=True)
    for i in range(4):
        learner = runtime.learner(f"learner-{i}")
        learner.call(learner.get_block(usage), "submit", {"ratings": {"sector:waste.sorting": 1 + i % 2}})
    html = staff.render(staff.get_block(usage), "student_view").content
    assert "Staff: how the group rated itself" in html and "4 learners have answered" in html
    assert "<strong>" not in html  # no counts below the minimum group (5 by default)

    fifth = runtime.learner("learner-4")
    fifth_block = fifth.get_block(usage)
    fifth.call(fifth_block, "submit", {"ratings": {"sector:waste.sorting": 2}})
    fifth.call(fifth_block, "submit", {"ratings": {"sector:waste.sorting": 1}})  # changes their mind: counted once
    html = staff.render(staff.get_block(usage), "student_view").content
    assert "5 learners have answered" in html
    topic = html.split("Put waste in the right bin.</h3>", 1)[1].split("</ul>", 1)[0]
    scale = block.competence_view("sector:waste.sorting", block.translator())["scale"]
    counts = [int(n) for n in re.findall(r"<strong>(\d+)</strong>", topic)]
    assert counts == [0, 3, 2, 0, 0, 0][: len(scale)] + [0]  # steps 0..n, then skipped
    assert sum(counts) == 5

    learner_view = runtime.learner("learner-0").render(block, "student_view").content
    assert "how the group rated itself" not in learner_view  # learners never see the group's answers
