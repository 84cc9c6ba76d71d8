"""The costing block through a real XBlock runtime: views, handlers, grades, Studio saves, reports."""

import json
from types import SimpleNamespace

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree
from wise_xblocks.costing import CostingXBlock, olx
from wise_xblocks.costing.scenario import load_template

from tests.xblock_runtime import RecordingRuntime

GOLDEN = (__import__("pathlib").Path(__file__).parent / "golden" / "small_tour.xml").read_text(encoding="utf-8")


def make(
    olx_text='<wise_costing template="reuse_shop" max_attempts="2" showanswer="attempted"/>',
    user="learner-1",
    staff=False,
):
    runtime = RecordingRuntime(user_id=user, is_staff=staff, block_classes={"wise_costing": CostingXBlock})
    return runtime, runtime.load(olx_text)


def right_answers(block):
    compiled = block.compiled()
    env = block.learner_env(compiled)
    answers = {}
    for step in compiled.steps:
        value = env[step["name"]] * (100 if step.get("unit") == "percent" else 1)
        answers[step["name"]] = f"{value:.4f}"
    return answers


def test_student_view_shows_the_learners_figures_but_no_formula_or_answer():
    runtime, block = make()
    html = runtime.render(block, "student_view").content
    assert "Pricing refurbished washing machines" in html
    assert "Spare parts" in html and 'name="price_net"' in html
    for secret in ("sum_per_group", "full_cost_item * (1 + markup)", "ceil("):
        assert secret not in html
    frag = block.student_view()
    assert frag.js_init_fn == "WiseBlockInit"
    assert frag.json_init_args["state"]["solution"] is None and frag.json_init_args["state"]["chart"] is None


def test_student_view_data_has_no_formulas_or_feedback_rules():
    _runtime, block = make()
    data = block.student_view_data()
    text = json.dumps(data)
    assert "formula" not in text and "feedback" not in text and "explanation" not in text
    assert [step["name"] for step in data["steps"]][:2] == ["variable_item", "fixed_item"]
    assert data["steps"][0]["rule"].startswith("Round to 2 decimals")


def test_right_answers_score_one_publish_grade_and_unlock_chart_and_solution():
    runtime, block = make()
    status, body = runtime.call(block, "submit", {"answers": right_answers(block)})
    assert status == 200
    assert all(result["status"] == "correct" for result in body["results"].values())
    assert runtime.events("grade") == [{"value": 1.0, "max_value": 1.0, "only_if_higher": True}]
    assert runtime.events("completion") == [{"completion": 1.0}]
    assert body["chart"]["break_even"] > 0 and body["chart"]["currency"] == "EUR"
    assert body["solution"] and body["solution"][0]["formula"] == "sum_per_participant"
    (submitted,) = runtime.events("wise.costing.submitted")
    assert submitted["score"] == 1.0 and submitted["steps_correct"] == 7


def test_wrong_answers_name_the_mistake_and_keep_the_best_score():
    runtime, block = make()
    answers = right_answers(block)
    env = block.learner_env(block.compiled())
    answers["price_net"] = f"{env['full_cost_item'] / (1 - env['markup']):.2f}"  # margin instead of mark-up
    status, body = runtime.call(block, "submit", {"answers": answers})
    assert status == 200
    assert body["results"]["price_net"]["mistake"] == "margin_vs_markup"
    assert "margin and mark-up" in body["results"]["price_net"]["message"]
    assert block.raw_earned == pytest.approx(6 / 7, abs=1e-9)


def test_attempts_run_out_with_409_and_nothing_changes():
    runtime, block = make()
    runtime.call(block, "submit", {"answers": {}})
    runtime.call(block, "submit", {"answers": {}})
    status, _body = runtime.call(block, "submit", {"answers": right_answers(block)})
    assert status == 409
    assert block.attempts == 2 and block.raw_earned == 0.0 and len(runtime.events("grade")) == 2


def test_past_due_is_403():
    runtime, block = make()
    import datetime

    block.due = datetime.datetime(2020, 1, 1, tzinfo=datetime.UTC)
    status, _body = runtime.call(block, "submit", {"answers": right_answers(block)})
    assert status == 403 and block.attempts == 0


@pytest.mark.parametrize(
    "payload",
    [
        [],
        {"answers": []},
        {"answers": {"nope": "1"}},
        {"answers": {"price_net": ["1"]}},
        {"answers": {"price_net": "9" * 41}},
    ],
)
def test_malformed_payloads_are_400_and_count_no_attempt(payload):
    runtime, block = make()
    status, _body = runtime.call(block, "submit", payload)
    assert status == 400 and block.attempts == 0 and runtime.events("grade") == []


def test_an_unreadable_number_is_refused_naming_the_step_and_counts_no_attempt():
    runtime, block = make()
    status, body = runtime.call(block, "submit", {"answers": {"price_net": "12.34.567", "variable_item": "84"}})
    assert status == 200 and body["accepted"] is False
    assert body["errors"][0]["field"] == "price_net" and "three digits" in body["errors"][0]["message"]
    assert block.attempts == 0 and block.answers == {}


def test_values_are_stable_per_learner_and_differ_between_learners():
    runtime, block = make()
    mine = block.learner_values(block.compiled())
    assert block.learner_values(block.compiled()) == mine
    differs = False
    for index in range(2, 10):
        other = runtime.learner(f"learner-{index}").get_block(block.scope_ids.usage_id)
        differs = differs or other.learner_values(other.compiled()) != mine
    assert differs


def test_hints_one_by_one_are_counted_and_published():
    runtime, block = make()
    status, body = runtime.call(block, "hint", {"step": "break_even_machines", "index": 1})
    assert status == 200 and body["total"] == 2 and "round up" in body["hint"]
    assert block.hints_seen == {"break_even_machines": 2}
    assert runtime.events("wise.costing.hint_shown") == [{"step": "break_even_machines", "index": 1, "total": 2}]
    for bad in ({"step": "nope"}, {"step": "price_net", "index": 9}, {"step": "price_net", "index": True}, []):
        assert runtime.call(block, "hint", bad)[0] == 400
    assert runtime.call(block, "hint", {"step": "full_cost_item"})[1]["hint"] is None  # a step without hints


def test_solution_follows_the_show_answer_policy():
    runtime, block = make('<wise_costing template="reuse_shop" showanswer="finished" max_attempts="3"/>')
    _status, body = runtime.call(block, "submit", {"answers": {}})
    assert body["solution"] is None and body["chart"] is not None
    _status, body = runtime.call(block, "submit", {"answers": right_answers(block)})
    assert body["solution"] is not None  # correct: "finished"
    _status, state = runtime.call(block, "learner_state", {})
    assert state["solution"] is not None and state["answers"]


def test_client_events_are_allow_listed():
    runtime, block = make()
    assert runtime.call(block, "publish_event", {"event_type": "wise.costing.loaded", "steps": 7})[0] == 200
    assert runtime.call(block, "publish_event", {"event_type": "grade", "value": 1})[0] == 400
    assert runtime.call(block, "publish_event", {"event_type": "wise.costing.anything"})[0] == 400
    assert runtime.published == [("wise.costing.loaded", {"steps": 7})]


def test_staff_summary_counts_failures_per_step():
    runtime, block = make()
    answers = right_answers(block)
    answers["price_gross"] = "1"
    runtime.call(block, "submit", {"answers": answers})
    other_runtime = runtime.learner("learner-2")
    other = other_runtime.get_block(block.scope_ids.usage_id)
    other_runtime.call(other, "submit", {"answers": {"variable_item": "1"}})
    staff_runtime = runtime.learner("staff-1", is_staff=True)
    staff_block = staff_runtime.get_block(block.scope_ids.usage_id)
    status, body = staff_runtime.call(staff_block, "staff_stats", {})
    assert status == 200
    rows = {row["name"]: row for row in body["steps"]}
    assert rows["price_gross"]["wrong"] == 2 and rows["price_gross"]["submissions"] == 2
    assert rows["fixed_item"]["wrong"] == 1
    assert body["steps"][0]["share"] == 1.0
    assert "steps learners get wrong most often" in staff_runtime.render(staff_block, "student_view").content
    assert runtime.call(block, "staff_stats", {})[0] == 403


def test_report_rows_per_learner_and_step():
    runtime, block = make()
    runtime.call(block, "hint", {"step": "variable_item", "index": 0})
    runtime.call(block, "submit", {"answers": {"variable_item": "1"}})
    states = [
        SimpleNamespace(
            username="ana",
            state={
                "answers": dict(block.answers),
                "results": dict(block.results),
                "hints_seen": dict(block.hints_seen),
                "attempts": 1,
            },
        ),
        SimpleNamespace(username="bo", state={}),
    ]
    rows = list(block.generate_report_data(iter(states)))
    assert len(rows) == 7 and {name for name, _row in rows} == {"ana"}
    first = rows[0][1]
    assert first == {
        "Step": "variable_item",
        "Question": "Variable cost of one machine",
        "Answer": "1",
        "Result": "incorrect",
        "Hints opened": 1,
        "Attempts": 1,
    }
    assert len(list(block.generate_report_data(iter(states), limit_responses=3))) == 3


def test_index_dictionary_has_the_searchable_text():
    _runtime, block = make()
    index = block.index_dictionary()
    assert "refurbished" in index["content"]["capa_content"] and index["content_type"] == "Costing exercise"


def test_olx_import_and_export_through_the_runtime():
    runtime, block = make(GOLDEN)
    assert block.display_name == "Price a day trip" and block.weight == 2 and block.max_attempts == 3
    node = etree.Element("root")
    block.add_xml_to_node(node)
    assert etree.tostring(node, encoding="unicode", pretty_print=True) == GOLDEN


def test_an_invalid_scenario_in_olx_is_refused_at_import():
    from wise_xblocks.common.olx import OLXError

    broken = GOLDEN.replace("cost_pp / (1 - margin)", "cost_pp / (1 - margni)")
    with pytest.raises(OLXError, match="Unknown name “margni”"):
        make(broken)


# --- Studio -------------------------------------------------------------------------------------


def test_studio_view_renders_the_scenario_as_olx():
    runtime, block = make()
    html = runtime.render(block, "studio_view").content
    assert "&lt;step name=&quot;price_net&quot;" in html and "Start from a template" in html


def test_studio_save_of_valid_content():
    runtime, block = make()
    text = olx.to_string({}, olx.normalize(load_template("farm_gross_margin")))
    status, body = runtime.call(
        block,
        "studio_submit",
        {"display_name": "Wheat", "weight": "3", "max_attempts": "", "showanswer": "always", "scenario_olx": text},
    )
    assert status == 200, body
    assert block.display_name == "Wheat" and block.weight == 3 and block.max_attempts is None
    assert block.scenario["title"].startswith("Gross margin")


def test_studio_errors_name_the_step_and_the_problem_and_keep_the_old_content():
    runtime, block = make()
    before = json.dumps(block.scenario)
    text = olx.to_string({}, olx.normalize(load_template("reuse_shop")))
    text = text.replace(
        "<formula>variable_item + fixed_item</formula>", "<formula>variable_item + fixed_item / 0</formula>"
    )
    text = text.replace("<formula>sum_per_participant</formula>", "<formula>sum_per_participant + taxx</formula>")
    status, body = runtime.call(
        block,
        "studio_submit",
        {"display_name": "", "weight": "-1", "max_attempts": "2.5", "showanswer": "sometimes", "scenario_olx": text},
    )
    assert status == 400
    by_field = {error["field"]: error["message"] for error in body["errors"]}
    assert set(by_field) >= {
        "display_name",
        "weight",
        "max_attempts",
        "showanswer",
        "scenario.steps.variable_item.formula",
    }
    assert by_field["scenario.steps.variable_item.formula"].startswith("Step “variable_item” (formula): Unknown name")
    assert json.dumps(block.scenario) == before and block.display_name != ""
    text = text.replace("sum_per_participant + taxx", "sum_per_participant")
    status, body = runtime.call(block, "studio_submit", {"scenario_olx": text})
    assert status == 400 and "Division by zero" in body["errors"][0]["message"]
    assert body["errors"][0]["message"].startswith("Step “full_cost_item”")


def test_studio_cycles_and_broken_xml_are_reported():
    runtime, block = make()
    cyclic = GOLDEN.replace("sum_per_participant + sum_per_group / group_min</formula>", "price - 1</formula>")
    status, body = runtime.call(block, "studio_submit", {"scenario_olx": cyclic})
    assert status == 400 and "Circular reference" in body["errors"][0]["message"]
    status, body = runtime.call(block, "studio_submit", {"scenario_olx": "<wise_costing"})
    assert status == 400 and body["errors"][0]["field"] == "scenario"


def test_template_olx_handler():
    runtime, block = make()
    status, body = runtime.call(block, "template_olx", {"template": "farm_gross_margin"})
    assert status == 200 and "break_even_yield" in body["olx"]
    assert runtime.call(block, "template_olx", {"template": "../etc"})[0] == 400


def test_workbench_scenarios_parse():
    for _title, xml in CostingXBlock.workbench_scenarios():
        node = etree.fromstring(xml)[0]
        settings_, scenario = olx.parse_olx(node)
        assert scenario["steps"]


# --- fuzz: no payload makes a handler answer 500 ---------------------------------------------------

JSONISH = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True) | st.text(max_size=50),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=12), children, max_size=4),
    max_leaves=12,
)
STEP_NAMES = ["variable_item", "price_net", "margin_on_price", "nope"]


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    st.sampled_from(["submit", "hint", "studio_submit", "learner_state", "publish_event", "template_olx"]),
    st.one_of(
        JSONISH,
        st.fixed_dictionaries(
            {"answers": st.dictionaries(st.sampled_from(STEP_NAMES), st.text(max_size=45) | JSONISH)}
        ),
        st.fixed_dictionaries({"step": st.sampled_from(STEP_NAMES), "index": JSONISH}),
    ),
)
def test_fuzz_handlers_never_answer_500(handler, payload):
    runtime, block = make('<wise_costing template="reuse_shop"/>')
    status, _body = runtime.call(block, handler, payload)
    assert status in (200, 400, 403, 409), (handler, payload, status)


@settings(max_examples=40, deadline=None)
@given(st.binary(max_size=200))
def test_fuzz_raw_bodies(body):
    runtime, block = make('<wise_costing template="reuse_shop"/>')
    status, _body = runtime.call(block, "submit", body, raw=True)
    assert status in (200, 400)


def test_author_html_is_sanitised_at_save_and_at_render():
    runtime, block = make()
    text = olx.to_string({}, olx.normalize(load_template("reuse_shop")))
    text = text.replace("<intro><p>", '<intro><p><script>alert(1)</script><img src="x" onerror="alert(2)"/>').replace(
        "<hint>Divide the monthly", '<hint><a href="javascript:alert(3)">see</a> Divide the monthly'
    )
    status, _body = runtime.call(block, "studio_submit", {"scenario_olx": text})
    assert status == 200
    assert "<script" not in block.scenario["intro"] and "onerror" not in block.scenario["intro"]
    html = runtime.render(block, "student_view").content
    assert "<script>alert" not in html and "onerror" not in html
    _status, hint = runtime.call(block, "hint", {"step": "fixed_item", "index": 0})
    assert "javascript:" not in hint["hint"]


@st.composite
def mangled_olx(draw):
    """The golden OLX with a few random edits: deletions, insertions of XML-ish or formula-ish text."""
    text = GOLDEN
    for _ in range(draw(st.integers(1, 4))):
        start = draw(st.integers(0, len(text)))
        end = min(len(text), start + draw(st.integers(0, 30)))
        insert = draw(st.text(alphabet='<>/="&;x 01.-*()%abcdefghijklmnopqrstuvwxyz_', max_size=20))
        text = text[:start] + insert + text[end:]
    return text


@settings(max_examples=60, deadline=None)
@given(mangled_olx())
def test_fuzz_studio_saves_of_mangled_olx_answer_200_or_400(text):
    runtime, block = make()
    before = json.dumps(block.scenario)
    status, body = runtime.call(block, "studio_submit", {"scenario_olx": text})
    assert status in (200, 400), body
    if status == 400:
        assert json.dumps(block.scenario) == before and all(error["message"] for error in body["errors"])


def test_steps_that_can_be_negative_get_a_keyboard_with_a_minus_sign():
    # Farm profit: 2 ha × (2.2 t × 220 € − 457 €) − 600 € < 0 at a corner of the ranges.
    runtime, block = make('<wise_costing template="farm_gross_margin"/>')
    modes = {step["name"]: step["inputmode"] for step in block.student_view_data()["steps"]}
    assert modes["profit"] == "text" and modes["gross_output"] == "decimal"
    assert 'name="profit" type="text" inputmode="text"' in runtime.render(block, "student_view").content


def test_after_a_reload_the_named_mistakes_are_shown_again():
    runtime, block = make()
    env = block.learner_env(block.compiled())
    answers = {"price_net": f"{env['full_cost_item'] / (1 - env['markup']):.2f}", "price_gross": "1"}
    runtime.call(block, "submit", {"answers": answers})
    _status, state = runtime.call(block, "learner_state", {})
    assert state["results"]["price_net"]["mistake"] == "margin_vs_markup"
    assert "margin and mark-up" in state["results"]["price_net"]["message"]
    assert (
        state["results"]["price_gross"]["status"] == "incorrect" and state["results"]["price_gross"]["message"] is None
    )


def test_an_italian_learner_sees_and_types_italian_amounts():
    from django.utils import translation

    runtime, block = make('<wise_costing template="reuse_shop" showanswer="always"/>')
    env = block.learner_env(block.compiled())
    with translation.override("it"):
        html = runtime.render(block, "student_view").content
        assert "€" in html and "12,00 €" in html  # the collection line, Italian style
        amount = f"{env['variable_item']:.2f}".replace(".", ",")
        status, body = runtime.call(block, "submit", {"answers": {"variable_item": amount + " €"}})
    assert status == 200 and body["results"]["variable_item"]["status"] == "correct"
    assert body["chart"]["locale"] == "it" and body["solution"][0]["display"].endswith(" €")
