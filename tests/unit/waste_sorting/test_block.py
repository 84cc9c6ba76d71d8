"""The block through a real XBlock runtime: grades, attempts, answers hidden until the policy
allows, 400s that change nothing, Studio saves, OLX export, reports and the staff summary."""

import json

from lxml import etree
from wise_xblocks.waste_sorting.block import WasteSortingXBlock
from xblock.fields import Boolean, Date, Scope

from tests.xblock_runtime import RecordingRuntime

from .helpers import BINS, ITEMS

BLOCK = "wise_waste_sorting"


def olx(**attrs):
    attributes = " ".join(f'{k}="{v}"' for k, v in {"display_name": "Sort", "shuffle": "false", **attrs}.items())
    bins = "".join(
        f'<bin id="{b["id"]}" name="{b["name"]}" colour="{b["colour"]}" icon="{b["icon"]}" stream="{b["stream"]}"/>'
        for b in BINS
    )
    items = "".join(
        f'<item id="{i["id"]}" name="{i["name"]}" bin="{i["bin"]}" weight="{i["weight"]}">'
        f"<explanation>{i['explanation']}</explanation></item>"
        for i in ITEMS
    )
    return f"<{BLOCK} {attributes}>{bins}{items}</{BLOCK}>"


RIGHT = {i["id"]: i["bin"] for i in ITEMS}
HALF = {**RIGHT, "jar": "paper", "battery": "residual"}


def load(**attrs):
    runtime = RecordingRuntime(block_classes={BLOCK: WasteSortingXBlock})
    return runtime, runtime.load(olx(**attrs))


def user_state(block):
    return {
        name: json.dumps(getattr(block, name), sort_keys=True)
        for name in (
            "placements",
            "checked",
            "last_result",
            "simulation_result",
            "simulation_runs",
            "attempts",
            "raw_earned",
            "item_stats",
        )
    }


def test_assessment_submit_grades_keeps_best_and_hides_answers_until_attempts_are_used():
    runtime, block = load(mode="assessment", max_attempts=2, showanswer="after_all_attempts")
    status, body = runtime.call(block, "submit", {"placements": RIGHT})
    assert status == 200 and body["score"] == 1.0
    assert "items" not in body  # assessment, answers not yet available: score only
    status, body = runtime.call(block, "submit", {"placements": HALF})
    assert status == 200 and body["score"] == 0.5
    assert body["items"][1]["correct_bin"] == "glass"  # attempts used up: answers shown
    assert runtime.events("grade") == [
        {"value": 1.0, "max_value": 1.0, "only_if_higher": True},
        {"value": 0.5, "max_value": 1.0, "only_if_higher": True},
    ]
    assert block.raw_earned == 1.0
    assert runtime.events("completion") == [{"completion": 1.0}]
    assert runtime.events("wise.waste_sorting.submitted")[1]["score"] == 0.5


def test_used_up_attempts_answer_409_and_change_nothing():
    runtime, block = load(mode="assessment", max_attempts=1)
    runtime.call(block, "submit", {"placements": HALF})
    before = user_state(block)
    status, body = runtime.call(block, "submit", {"placements": RIGHT})
    assert status == 409 and "attempts" in body["error"]
    assert user_state(block) == before and len(runtime.events("grade")) == 1
    assert runtime.call(block, "reset", {})[0] == 409


def test_student_view_data_has_no_answers_before_the_policy_allows():
    runtime, block = load(mode="assessment", showanswer="finished")
    data = block.student_view_data()
    dumped = json.dumps(data)
    assert "correct_bin" not in dumped and "Glass packaging." not in dumped
    assert all(set(item) == {"id", "name"} for item in data["items"])
    runtime.call(block, "submit", {"placements": RIGHT})  # correct: "finished" now reveals
    assert block.student_view_data()["items"][0]["correct_bin"]


def test_practice_check_item_gives_feedback_without_grading():
    runtime, block = load(mode="practice")
    status, body = runtime.call(block, "check_item", {"item": "receipt", "bin": "paper"})
    assert status == 200
    assert body == {
        "item": "receipt",
        "bin": "paper",
        "correct": False,
        "correct_bin": "residual",
        "explanation": "Thermal paper.",
    }
    assert runtime.events("grade") == [] and block.attempts == 0
    assert block.placements == {"receipt": "paper"}


def test_check_item_is_refused_in_assessment_mode():
    runtime, block = load(mode="assessment")
    status, body = runtime.call(block, "check_item", {"item": "receipt", "bin": "paper"})
    assert status == 400 and block.placements == {}


def test_state_survives_a_reload_with_the_same_order():
    runtime, block = load(mode="assessment", shuffle="true", pool_size=3)
    order = [i["id"] for i in block.student_view_data()["items"]]
    runtime.call(block, "place", {"item": order[0], "bin": "glass"})
    reloaded = runtime.get_block(block.scope_ids.usage_id)
    assert [i["id"] for i in reloaded.student_view_data()["items"]] == order
    status, state = runtime.call(reloaded, "student_view_user_state", {})
    assert status == 200 and state["placements"] == {order[0]: "glass"}


def test_place_rejects_items_outside_the_learners_draw():
    runtime, block = load(mode="assessment", pool_size=2)
    drawn = {i["id"] for i in block.student_view_data()["items"]}
    outside = next(i["id"] for i in ITEMS if i["id"] not in drawn)
    assert runtime.call(block, "place", {"item": outside, "bin": "glass"})[0] == 400
    assert block.placements == {}


def test_simulation_round_returns_rates_and_names_contaminants_in_practice():
    runtime, block = load(mode="practice", simulation="true")
    status, body = runtime.call(block, "finish_simulation", {"placements": {"newspaper": "paper", "receipt": "paper"}})
    assert status == 200
    assert body["contaminating_items"] == ["receipt"] and body["unsorted"] == ["jar", "battery"]
    assert [t["year"] for t in body["targets"]] == [2025, 2030, 2035]
    assert runtime.events("wise.waste_sorting.simulation_finished")[0]["run"] == 1
    assert runtime.events("grade") == []


def test_simulation_hides_contaminants_in_assessment_until_answers_are_available():
    runtime, block = load(mode="assessment", simulation="true", showanswer="never")
    status, body = runtime.call(block, "finish_simulation", {"placements": {"receipt": "paper"}})
    assert status == 200 and body["contaminating_items"] == [] and "recycling_rate" in body


def test_finish_simulation_without_a_simulation_round_is_400():
    runtime, block = load()
    assert runtime.call(block, "finish_simulation", {"placements": {}})[0] == 400


def test_studio_submit_bad_save_is_400_with_fields_and_leaves_content_intact():
    runtime, block = load()
    content_before, name_before = block.content, block.display_name
    status, body = runtime.call(
        block,
        "studio_submit",
        {
            "settings": {"display_name": "New", "weight": -3},
            "content": {"bins": BINS, "items": [{**ITEMS[0], "bin": "cardbord"}]},
        },
    )
    assert status == 400
    fields = {e["field"] for e in body["errors"]}
    assert fields == {"weight", "items[0].bin"}
    assert block.content == content_before and block.display_name == name_before


def test_studio_submit_saves_sanitised_content_and_settings():
    runtime, block = load()
    items = [{**ITEMS[0], "explanation": "<p>ok</p><script>bad()</script>"}] + ITEMS[1:]
    status, body = runtime.call(
        block,
        "studio_submit",
        {
            "settings": {
                "display_name": "Saved",
                "mode": "assessment",
                "max_attempts": "2",
                "pool_size": 2,
                "simulation": True,
                "simulation_pace": 4,
                "weight": 3,
                "showanswer": "always",
            },
            "content": {"bins": BINS, "items": items, "intro": "<b>Hi</b>"},
        },
    )
    assert status == 200, body
    assert block.display_name == "Saved" and block.max_attempts == 2 and block.weight == 3
    assert block.content["items"][0]["explanation"] == "<p>ok</p>"


def test_load_preset_returns_content_and_rejects_unknown_ids():
    runtime, block = load()
    status, body = runtime.call(block, "load_preset", {"preset": "si"})
    assert status == 200 and any(b["id"] == "embalaza" for b in body["content"]["bins"])
    assert runtime.call(block, "load_preset", {"preset": "xx"})[0] == 400


def test_staff_summary_is_staff_only_and_counts_wrong_bins():
    runtime, block = load(mode="assessment")
    runtime.call(block, "submit", {"placements": HALF})
    other = runtime.learner("learner-2")
    other_block = other.get_block(block.scope_ids.usage_id)
    other.call(other_block, "submit", {"placements": {**RIGHT, "jar": "residual"}})
    assert runtime.call(block, "staff_summary", {})[0] == 403
    staff = runtime.learner("staff-1", is_staff=True)
    status, body = staff.call(staff.get_block(block.scope_ids.usage_id), "staff_summary", {})
    assert status == 200
    jar = body["rows"][0]
    assert jar["item"] == "jar" and jar["seen"] == 2 and jar["wrong"] == 2
    assert {w["bin"] for w in jar["wrong_bins"]} == {"paper", "residual"}
    assert jar["correct_bin_name"] == "Glass"
    staff_html = staff.get_block(block.scope_ids.usage_id).student_view().body_html()
    assert "most often mis-sorted" in staff_html and "Residual (1)" in staff_html
    assert "most often mis-sorted" not in block.student_view().body_html()  # learners do not see it


def test_browser_can_publish_only_allow_listed_events():
    runtime, block = load()
    assert runtime.call(block, "publish_event", {"event_type": "wise.waste_sorting.loaded", "items": 4})[0] == 200
    for event_type in ("grade", "completion", "wise.waste_sorting.submitted"):
        assert runtime.call(block, "publish_event", {"event_type": event_type, "value": 1})[0] == 400
    assert [kind for kind, _data in runtime.published] == ["wise.waste_sorting.loaded"]


def test_export_then_import_is_lossless():
    runtime, block = load(mode="assessment", pool_size=2, simulation="true")
    node = etree.Element("placeholder")
    block.add_xml_to_node(node)
    text = etree.tostring(node, encoding="unicode")
    again = runtime.load(text)
    assert again.content == block.content
    assert (again.mode, again.pool_size, again.simulation, again.display_name) == ("assessment", 2, True, "Sort")


def test_report_rows_and_search_index():
    runtime, block = load(mode="assessment")
    runtime.call(block, "submit", {"placements": HALF})

    class State:
        username = "ana"
        state = {"attempts": block.attempts, "last_result": block.last_result}

    rows = list(block.generate_report_data(iter([State()])))
    assert rows[0][0] == "ana" and "Jar -> Paper (wrong)" in rows[0][1]["Answer"] and rows[0][1]["Score"] == 0.5
    assert list(block.generate_report_data(iter([State(), State()]), limit_responses=1)) == rows
    index = block.index_dictionary()
    assert "Battery" in index["content"]["text"] and index["content_type"] == "Waste sorting"


def test_student_view_renders_module_fragment_with_data_and_strings():
    runtime, block = load()
    fragment = block.student_view()
    assert fragment.js_init_fn == "WiseBlockInit"
    args = fragment.json_init_args
    assert args["module_url"].endswith("public/js/main.js") and args["strings"]["submit"] == "Submit"
    assert 'aria-live="polite"' in fragment.body_html()
    assert "correct_bin" not in json.dumps(args["data"])


def test_workbench_scenarios_cover_presets_and_modes():
    titles = [title for title, _xml in WasteSortingXBlock.workbench_scenarios()]
    assert len(titles) == 11
    runtime = RecordingRuntime(block_classes={BLOCK: WasteSortingXBlock})
    for _title, xml in WasteSortingXBlock.workbench_scenarios():
        assert runtime.load(xml).student_view_data()["items"]


class WithDue(WasteSortingXBlock):
    """The block as the LMS mixes it: with platform settings such as `due`."""

    due = Date(scope=Scope.settings, default=None)
    graded = Boolean(scope=Scope.settings, default=False)


def test_platform_settings_on_the_element_survive_import_and_export():
    runtime = RecordingRuntime(block_classes={BLOCK: WithDue})
    block = runtime.load(olx(due="2030-01-31T10:00:00+00:00", graded="true", url_name="x1"))
    assert block.due.year == 2030 and block.graded is True
    node = etree.Element("placeholder")
    block.add_xml_to_node(node)
    assert "2030-01-31T10:00:00" in node.get("due") and node.get("graded") == "true"  # XBlock field encoding
    assert node.get("xblock-family") == "xblock.v1"
    again = runtime.load(etree.tostring(node, encoding="unicode"))
    assert again.due == block.due and again.content == block.content


def test_explanations_reach_the_page_only_sanitised():
    runtime, block = load(mode="practice", showanswer="always")
    bad = '<a href="javascript:alert(1)" onclick="x()">why</a><script>alert(2)</script><img src=x onerror=alert(3)>'
    block.content = {
        **block.content,
        "items": [{**block.content["items"][0], "explanation": bad}] + block.content["items"][1:],
    }  # as if stored before sanitising existed
    _status, feedback = runtime.call(block, "check_item", {"item": "newspaper", "bin": "glass"})
    shown = feedback["explanation"] + json.dumps(block.student_view_data())
    for needle in ("javascript:", "onclick", "<script", "onerror"):
        assert needle not in shown
