"""The Studio editor's rows (studio.py) through a real XBlock runtime: rows -> scenario -> OLX and
back without loss for every shipped template; every kind of wrong row answers 400 with a message
naming the row and the field, and the block keeps its content; odd payloads never answer 500."""

import copy
import json
import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from wise_xblocks.costing import CostingXBlock, olx, studio
from wise_xblocks.costing.block import sanitize_scenario
from wise_xblocks.costing.scenario import TEMPLATES, load_template

from tests.xblock_runtime import RecordingRuntime


def make(template="reuse_shop"):
    runtime = RecordingRuntime(is_staff=True, block_classes={"wise_costing": CostingXBlock})
    return runtime, runtime.load(f'<wise_costing display_name="Shop" template="{template}"/>')


def as_form(value):
    """What the editor's JavaScript posts: every number as the text of its input."""
    if isinstance(value, bool) or value is None:
        return value
    if isinstance(value, (int, float)):
        return str(value)
    if isinstance(value, list):
        return [as_form(item) for item in value]
    if isinstance(value, dict):
        return {key: as_form(item) for key, item in value.items()}
    return value


def template_rows(name="reuse_shop"):
    return as_form(json.loads(json.dumps(studio.editor_scenario(olx.normalize(load_template(name))))))


def snapshot(block):
    return json.dumps([block.scenario, block.display_name, block.weight, block.max_attempts, block.showanswer])


# --- round trips ------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", TEMPLATES)
def test_rows_of_a_template_build_the_template_and_its_olx(name):
    template = olx.normalize(load_template(name))
    built = studio.build_scenario(template_rows(name))
    assert built == template
    assert olx.to_string({}, built) == olx.to_string({}, template)


@pytest.mark.parametrize("name", TEMPLATES)
def test_saving_the_rows_of_a_template_stores_what_its_olx_import_stores(name):
    runtime, block = make("tourism_package" if name != "tourism_package" else "reuse_shop")
    status, body = runtime.call(block, "studio_submit", {"scenario": template_rows(name)})
    assert status == 200, body
    assert block.scenario == sanitize_scenario(olx.normalize(load_template(name)))
    by_olx_runtime, by_olx = make(name)
    assert olx.to_string({}, block.scenario_data()) == olx.to_string({}, by_olx.scenario_data())


@pytest.mark.parametrize("name", TEMPLATES)
def test_switching_between_rows_and_olx_loses_nothing(name):
    runtime, block = make(name)
    text = olx.to_string({}, block.scenario_data())
    status, body = runtime.call(block, "olx_to_rows", {"olx": text})
    assert status == 200, body
    status, back = runtime.call(block, "rows_to_olx", {"scenario": as_form(body["scenario"])})
    assert status == 200, back
    assert back["olx"] == text
    status, again = runtime.call(block, "olx_to_rows", {"olx": back["olx"]})
    assert again == body


def test_edited_rows_are_saved_in_their_new_order_and_exported_as_olx():
    runtime, block = make()
    rows = template_rows()
    rows["cost_lines"].append({"name": "packaging", "label": "Packaging", "basis": "per_participant", "amount": "4.5"})
    rows["cost_lines"].insert(0, rows["cost_lines"].pop())  # moved to the top
    del rows["cost_lines"][6]  # "tools" removed
    rows["steps"][0]["hints"].append("Packaging is per machine too.")
    rows["parameters"][0]["randomize"] = False
    rows["chart"] = None
    status, body = runtime.call(block, "studio_submit", {"display_name": "Shop 2", "scenario": rows})
    assert status == 200, body
    names = [line["name"] for line in block.scenario["cost_lines"]]
    assert names == ["packaging", "collection", "labour", "spare_parts", "safety_test", "shop_rent", "supervisor"]
    assert block.scenario["cost_lines"][0]["amount"] == "4.5"
    assert block.scenario["steps"][0]["hints"][-1] == "Packaging is per machine too."
    assert "randomize" not in block.scenario["parameters"][0] and block.scenario["chart"] is None
    assert block.display_name == "Shop 2"
    exported = olx.to_string({}, block.scenario_data())
    assert exported.index('name="packaging"') < exported.index('name="collection"')
    assert "<chart" not in exported


def test_an_unticked_carry_forward_is_saved_and_a_ticked_one_is_the_default():
    runtime, block = make()
    rows = template_rows()
    rows["carry_forward"] = False
    assert runtime.call(block, "studio_submit", {"scenario": rows})[0] == 200
    assert block.scenario["carry_forward"] is False
    rows["carry_forward"] = True
    assert runtime.call(block, "studio_submit", {"scenario": rows})[0] == 200
    assert "carry_forward" not in block.scenario


def test_template_handler_gives_rows_and_olx():
    runtime, block = make()
    status, body = runtime.call(block, "template_olx", {"template": "farm_gross_margin"})
    assert status == 200
    assert body["scenario"] == json.loads(json.dumps(olx.normalize(load_template("farm_gross_margin"))))
    assert "break_even_yield" in body["olx"]


def test_studio_view_sends_the_rows_choices_and_translated_labels():
    runtime, block = make()
    fragment = block.studio_view()
    args = fragment.json_init_args
    assert "scenario" not in args  # author text never rides in the init args (see the XSS test)
    data = re.search(r'<script type="application/json">(.*?)</script>', fragment.content, re.S).group(1)
    assert json.loads(data)["cost_lines"][2] == {
        "name": "spare_parts",
        "label": "Spare parts",
        "basis": "per_participant",
        "amount": "parts",
    }
    assert args["choices"]["units"] == ["money", "count", "percent", "number"]
    assert {"value": "BE", "country": "Belgium", "currency": "EUR", "standard": 21.0, "accommodation": 6.0} in args[
        "choices"
    ]["vat"]
    assert args["strings"]["field.cost_lines.amount"] == "Amount"
    assert args["strings"]["row.cost_lines"] == "Cost line {number}"
    assert "Advanced: edit as OLX" in fragment.content


# --- wrong rows: 400, row and field named, nothing changed ----------------------------------------


def set_path(rows, path, value):
    *parents, last = path
    target = rows
    for key in parents:
        target = target[key]
    target[last] = value


INVALID = [
    # (path in the rows, value, error field, message start)
    (("parameters", 0, "value"), "abc", "parameters.0.value", "Parameter 1, Value: Write a number"),
    (("parameters", 0, "value"), "1e400", "parameters.0.value", "Parameter 1, Value: Write a number"),
    (("parameters", 2, "value"), "99", "parameters.2.value", "Parameter 3, Value: The value 99.0 must lie between"),
    (("parameters", 1, "max"), "", "parameters.1.min", "Parameter 2, Minimum: Give both a minimum and a maximum"),
    (("parameters", 4, "unit"), "euro", "parameters.4.unit", "Parameter 5, Unit: Choose one of"),
    (("parameters", 0, "randomize"), "yes", "parameters.0.randomize", "Parameter 1, A different value"),
    (("cost_lines", 2, "amount"), "parts +", "cost_lines.2.amount", "Cost line 3, Amount: "),
    (("cost_lines", 2, "amount"), "prts", "cost_lines.2.amount", "Cost line 3, Amount: Unknown name “prts”"),
    (("cost_lines", 2, "amount"), "", "cost_lines.2.amount", "Cost line 3, Amount: This field is required."),
    (
        ("cost_lines", 4, "amount"),
        "900 / (machines_month - 40)",
        "cost_lines.4.amount",
        "Cost line 5, Amount: Division by zero",
    ),
    (("cost_lines", 1, "quantity"), "hours", "cost_lines.1.quantity", "Cost line 2, Quantity: Unknown name"),
    (("cost_lines", 0, "basis"), "weekly", "cost_lines.0.basis", "Cost line 1, Basis: Choose one of"),
    (("cost_lines", 1, "label"), "  ", "cost_lines.1.label", "Cost line 2, Label: This field is required."),
    (("cost_lines", 1, "label"), "x" * 201, "cost_lines.1.label", "Cost line 2, Label: Write at most 200"),
    (("cost_lines", 1, "label"), "bell\x07", "cost_lines.1.label", "Cost line 2, Label: Contains a control"),
    (("cost_lines", 3, "name"), "parts", "cost_lines.3.name", "Cost line 4, Name (used in formulas): The name “parts”"),
    (("cost_lines", 3, "name"), "3rd", "cost_lines.3.name", "Cost line 4, Name (used in formulas): Use letters"),
    (
        ("cost_lines", 3, "name"),
        "sum_percent",
        "cost_lines.3.name",
        "Cost line 4, Name (used in formulas): “sum_percent”",
    ),
    (
        ("steps", 3, "formula"),
        "full_cost_item * (1 + markp)",
        "steps.3.formula",
        "Step 4, Answer formula: Unknown name",
    ),
    (("steps", 0, "formula"), "break_even_machines", "steps.", "Step "),  # a cycle through step 7
    (("steps", 3, "tolerance"), "2", "steps.3.tolerance", "Step 4, Answer tolerance: A relative tolerance"),
    (("steps", 3, "tolerance"), "-1", "steps.3.tolerance", "Step 4, Answer tolerance: Must be at least 0"),
    (("steps", 0, "decimals"), "7", "steps.0.decimals", "Step 1, Decimals: Must be at most 6."),
    (("steps", 0, "decimals"), "1.5", "steps.0.decimals", "Step 1, Decimals: Write a whole number."),
    (("steps", 0, "weight"), "101", "steps.0.weight", "Step 1, Weight: Must be at most 100"),
    (("steps", 0, "tolerance_kind"), "loose", "steps.0.tolerance_kind", "Step 1, Tolerance kind: Choose one of"),
    (("steps", 0, "hints", 0), "", "steps.0.hints.0", "Step 1, Hint 1: This field is required."),
    (
        ("steps", 1, "feedback", 0, "formula"),
        "sum_per_grop",
        "steps.1.feedback.0.formula",
        "Step 2, Feedback rule 1, Formula of the mistaken answer: Unknown name",
    ),
    (
        ("steps", 1, "feedback", 0, "mistake"),
        "guess",
        "steps.1.feedback.0.mistake",
        "Step 2, Feedback rule 1, Mistake name: The mistake “guess” is not one the engine knows",
    ),
    (("chart", "x_from"), "90", "chart.x_to", "What-if chart, Axis to: The end of the axis"),
    (("chart", "x_to"), "-5", "chart.x_to", "What-if chart, Axis to: Must be more than 0"),
    (("parameters", 0, "step"), "0", "parameters.0.step", "Parameter 1, Step between values: Must be more than 0"),
    (("chart", "fixed"), "sum_per_grp", "chart.fixed", "What-if chart, Fixed cost (formula): Unknown name"),
    (("labels", "per_group"), "y" * 81, "labels.per_group", "Basis label: per group: Write at most 80"),
    (("title",), "", "title", "Exercise title: This field is required."),
    (("currency",), "USD", "currency", "Currency: Choose one of"),
    (("vat_country",), "FR", "vat_country", "VAT rates: Choose one of"),
    (("steps",), [], "steps", "Add at least one step."),
]


@pytest.mark.parametrize(("path", "value", "field", "message"), INVALID)
def test_a_wrong_row_is_a_400_naming_row_and_field_and_changes_nothing(path, value, field, message):
    runtime, block = make()
    before = snapshot(block)
    rows = template_rows()
    set_path(rows, path, value)
    status, body = runtime.call(
        block, "studio_submit", {"display_name": "Changed", "weight": "5", "showanswer": "always", "scenario": rows}
    )
    assert status == 400, body
    matching = [
        error
        for error in body["errors"]
        if error["field"].startswith("scenario." + field) and error["message"].startswith(message)
    ]
    assert matching, body["errors"]
    assert snapshot(block) == before


def test_errors_go_through_the_authors_language():
    catalog = {
        "Cost line {number}": "Riga di costo {number}",
        "Amount": "Importo",
        "{where}: {message}": "{where} – {message}",
        "This field is required.": "Campo obbligatorio.",
    }
    rows = template_rows()
    rows["cost_lines"][2]["amount"] = ""
    with pytest.raises(studio.ScenarioInvalid) as invalid:
        studio.build_scenario(rows)
    errors = studio.row_errors(invalid.value, rows, lambda message: catalog.get(message, message))
    assert errors == [
        {"field": "scenario.cost_lines.2.amount", "message": "Riga di costo 3, Importo – Campo obbligatorio."}
    ]


# --- unknown keys, wrong types, odd payloads: 400, never 500 ----------------------------------------

ODD = [
    (lambda rows: rows.update(extra=1), "scenario.extra", "extra: Unknown field “extra”."),
    (lambda rows: rows["cost_lines"][0].update(colour="red"), "scenario.cost_lines.0.colour", "Cost line 1, colour"),
    (
        lambda rows: rows["steps"][1]["feedback"][0].update(x=1),
        "scenario.steps.1.feedback.0.x",
        "Step 2, Feedback rule 1, x",
    ),
    (lambda rows: rows.update(cost_lines={"a": 1}), "scenario.cost_lines", "Send the rows as a JSON list."),
    (lambda rows: rows.update(cost_lines="guide"), "scenario.cost_lines", "Send the rows as a JSON list."),
    (lambda rows: rows["cost_lines"].__setitem__(0, "guide"), "scenario.cost_lines.0", "Cost line 1: Send this row"),
    (lambda rows: rows["cost_lines"].__setitem__(0, None), "scenario.cost_lines.0", "Cost line 1: Send this row"),
    (
        lambda rows: rows["parameters"][0].update(value=[1]),
        "scenario.parameters.0.value",
        "Parameter 1, Value: Must be a number.",
    ),
    (
        lambda rows: rows["parameters"][0].update(value=True),
        "scenario.parameters.0.value",
        "Parameter 1, Value: Must be a number.",
    ),
    (
        lambda rows: rows["parameters"][0].update(value={"v": 1}),
        "scenario.parameters.0.value",
        "Parameter 1, Value: Must be a",
    ),
    (
        lambda rows: rows["cost_lines"][0].update(label=5),
        "scenario.cost_lines.0.label",
        "Cost line 1, Label: Must be text.",
    ),
    (lambda rows: rows["steps"][0].update(hints="one hint"), "scenario.steps.0.hints", "Step 1, Hints: Send the rows"),
    (
        lambda rows: rows["steps"][0].update(hints=[["nested"]]),
        "scenario.steps.0.hints.0",
        "Step 1, Hint 1: Must be text.",
    ),
    (
        lambda rows: rows["steps"][1].update(feedback=[7]),
        "scenario.steps.1.feedback.0",
        "Step 2, Feedback rule 1: Send this",
    ),
    (lambda rows: rows.update(chart="yes"), "scenario.chart", "What-if chart: Send this row"),
    (lambda rows: rows.update(labels=[]), "scenario.labels", "Send this row"),
    (lambda rows: rows.update(cost_lines=rows["cost_lines"] * 6), "scenario.cost_lines", "At most 40 rows."),
    (
        lambda rows: rows["steps"][0].update(hints=["h"] * 11),
        "scenario.steps.0.hints",
        "Step 1, Hints: At most 10 rows.",
    ),
]


@pytest.mark.parametrize(("mutate", "field", "message"), ODD)
def test_unknown_keys_and_wrong_types_are_refused_by_name(mutate, field, message):
    runtime, block = make()
    before = snapshot(block)
    rows = template_rows()
    mutate(rows)
    status, body = runtime.call(block, "studio_submit", {"scenario": rows})
    assert status == 400, body
    assert any(e["field"] == field and message in e["message"] for e in body["errors"]), body["errors"]
    assert snapshot(block) == before


@pytest.mark.parametrize("payload", [{"scenario": None}, {"scenario": []}, {"scenario": "rows"}, {"scenario": 3}])
def test_a_scenario_that_is_not_an_object_is_a_400(payload):
    runtime, block = make()
    before = snapshot(block)
    status, body = runtime.call(block, "studio_submit", payload)
    assert status == 400 and body["errors"] == [{"field": "scenario", "message": "Send the scenario as a JSON object."}]
    assert snapshot(block) == before


def test_rows_and_olx_together_are_refused():
    runtime, block = make()
    text = olx.to_string({}, block.scenario_data())
    status, body = runtime.call(block, "studio_submit", {"scenario": template_rows(), "scenario_olx": text})
    assert status == 400 and body["errors"][0]["field"] == "scenario"


def test_a_lone_surrogate_in_raw_json_is_refused_not_a_500():
    runtime, block = make()
    rows = template_rows()
    rows["cost_lines"][0]["label"] = "SURROGATE"
    body = json.dumps({"scenario": rows}).replace("SURROGATE", "\\ud800")
    status, answer = runtime.call(block, "studio_submit", body, raw=True)
    assert status == 400
    assert answer["errors"][0]["message"].startswith("Cost line 1, Label: Contains a control character")


def test_conversion_handlers_refuse_what_they_cannot_read():
    runtime, block = make()
    for payload in (None, [], {"olx": 5}, {"olx": "<wise_costing"}, {"olx": "<other/>"}, {"olx": "x" * 200_001}):
        status, body = runtime.call(block, "olx_to_rows", payload)
        assert status == 400 and body["errors"][0]["field"] == "scenario", payload
    rows = template_rows()
    rows["cost_lines"][0]["basis"] = "weekly"
    status, body = runtime.call(block, "rows_to_olx", {"scenario": rows})
    assert status == 400 and body["errors"][0]["message"].startswith("Cost line 1, Basis: ")
    assert runtime.call(block, "rows_to_olx", [])[0] == 400


def test_the_olx_view_shows_rows_whose_formulas_do_not_compile_yet():
    """Switching views checks the fields, not the formulas: a half-typed formula can be fixed in either view."""
    runtime, block = make()
    rows = template_rows()
    rows["steps"][0]["formula"] = "sum_per_participant +"
    status, body = runtime.call(block, "rows_to_olx", {"scenario": rows})
    assert status == 200 and "<formula>sum_per_participant +</formula>" in body["olx"]


FIELD_PATHS = [
    ("title",),
    ("currency",),
    ("labels",),
    ("chart",),
    ("parameters",),
    ("parameters", 0),
    ("parameters", 0, "value"),
    ("parameters", 0, "randomize"),
    ("cost_lines", 1, "amount"),
    ("cost_lines", 1),
    ("steps", 0),
    ("steps", 0, "hints"),
    ("steps", 1, "feedback", 0),
    ("steps", 1, "feedback", 0, "formula"),
    ("steps", 2, "decimals"),
    ("chart", "x_from"),
]
JSONISH = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True) | st.text(max_size=30),
    lambda children: st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=8), children, max_size=3),
    max_leaves=8,
)


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.sampled_from(FIELD_PATHS), JSONISH, st.sampled_from(["studio_submit", "rows_to_olx"]))
def test_fuzz_any_value_in_any_field_is_200_or_400(path, value, handler):
    runtime, block = make()
    before = snapshot(block)
    rows = copy.deepcopy(ROWS)
    set_path(rows, path, value)
    status, _body = runtime.call(block, handler, {"scenario": rows})
    assert status in (200, 400), (path, value, status)
    if status == 400:
        assert snapshot(block) == before


ROWS = template_rows()


def test_author_text_reaches_the_studio_page_escaped():
    runtime, block = make()
    rows = template_rows()
    rows["cost_lines"][0]["label"] = "</script><img src=x onerror=alert(1)>"
    assert runtime.call(block, "studio_submit", {"scenario": rows})[0] == 200
    html = block.studio_view().content
    assert "</script><img" not in html and "\\u003C/script\\u003E\\u003Cimg" in html
