// The costing Studio editor's model (studio_model.js: no DOM), run with Node's own test runner:
//   node --test tests/js/costing/
// The server's side of the same row shape is xblocks/wise_xblocks/costing/studio.py (parse_rows);
// the shapes below are copied from it, so a field added on one side only fails here.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";

import {
  BASES, CHART_FIELDS, NESTED, ROW_FIELDS, SCENARIO_FIELDS, TOP_LISTS, fromScenario, moveRow, newRow, toPayload,
} from "../../../xblocks/wise_xblocks/costing/public/js/studio_model.js";

// studio.py: the keys of PARAMETER, COST_LINE, STEP, FEEDBACK, CHART, SCENARIO (and the required ones).
const SERVER = {
  parameters: { keys: ["name", "label", "value", "min", "max", "step", "unit", "suffix", "randomize"],
    required: ["name", "label", "value"] },
  cost_lines: { keys: ["name", "label", "basis", "amount", "quantity", "quantity_label"],
    required: ["name", "label", "basis", "amount"] },
  steps: { keys: ["name", "label", "prompt", "formula", "unit", "suffix", "decimals", "tolerance", "tolerance_kind",
    "weight", "explanation", "hints", "feedback"], required: ["name", "label", "formula"] },
  feedback: { keys: ["mistake", "formula", "message"], required: ["mistake", "formula"] },
  chart: { keys: ["x_label", "x_from", "x_to", "fixed", "variable", "unit_revenue"],
    required: ["x_from", "x_to", "fixed", "variable", "unit_revenue"] },
  scenario: { keys: ["title", "currency", "vat_country", "carry_forward", "intro", "source_note"],
    required: ["title", "currency"] },
};
// studio.py TOP_KEYS: anything else in the payload is refused as an unknown field.
const TOP_KEYS = [...SERVER.scenario.keys, "parameters", "cost_lines", "steps", "labels", "chart"].sort();

// A scenario as the server sends it (olx.normalize): numbers as numbers, optional keys absent.
const SCENARIO = {
  title: "Bike repair café",
  intro: "<p>Price one repair evening.</p>",
  source_note: "Rates from the 2024 survey.",
  currency: "PLN",
  vat_country: "PL",
  carry_forward: false,
  labels: { per_group: "per evening", percent: "of the price" },
  parameters: [
    { name: "hours", label: "Hours", value: 3, min: 0, max: 4.5, step: 0.5, unit: "count", randomize: true },
    { name: "rate", label: "Hourly rate", value: 42.5 },
  ],
  cost_lines: [
    { name: "labour", label: "Labour", basis: "per_participant", amount: "rate", quantity: "hours",
      quantity_label: "hours" },
    { name: "rent", label: "Room rent", basis: "per_group", amount: "300" },
  ],
  steps: [
    { name: "total", label: "Total cost", prompt: "<p>Add up.</p>", formula: "labour + rent", unit: "money",
      decimals: 2, tolerance: 0.01, tolerance_kind: "absolute", weight: 2, explanation: "<p>The sum.</p>",
      hints: ["Add the lines.", "Rent is per evening."],
      feedback: [
        { mistake: "forgot_rent", formula: "labour", message: "Include the rent." },
        { mistake: "per_person_vs_per_group", formula: "labour * 2" },
      ] },
    { name: "per_hour", label: "Cost per hour", formula: "total / hours", hints: [], feedback: [] },
  ],
  chart: { x_label: "Hours", x_from: 0, x_to: 8, fixed: "rent", variable: "rate", unit_revenue: "60" },
};

const clone = (value) => structuredClone(value);
// Frozen all the way down: a write to it throws (ES modules are strict), so "does not mutate" is checked.
function deepFreeze(value) {
  if (value && typeof value === "object") {
    Object.values(value).forEach(deepFreeze);
    Object.freeze(value);
  }
  return value;
}
const keysOf = (fields) => fields.map((field) => field.key);
const requiredOf = (fields) => fields.filter((field) => field.required).map((field) => field.key);

test("the editor's fields are the server's: same keys, same required ones", () => {
  for (const kind of ["parameters", "cost_lines", "feedback"]) {
    assert.deepEqual(keysOf(ROW_FIELDS[kind]), SERVER[kind].keys, kind);
    assert.deepEqual(requiredOf(ROW_FIELDS[kind]), SERVER[kind].required, kind);
  }
  // A step's hints and feedback rules are nested lists, not inputs.
  assert.deepEqual([...keysOf(ROW_FIELDS.steps), ...NESTED.steps], SERVER.steps.keys);
  assert.deepEqual(requiredOf(ROW_FIELDS.steps), SERVER.steps.required);
  assert.deepEqual(ROW_FIELDS.hints, [{ key: "text", type: "html", required: true }]);
  assert.deepEqual(keysOf(CHART_FIELDS), SERVER.chart.keys);
  assert.deepEqual(requiredOf(CHART_FIELDS), SERVER.chart.required);
  assert.deepEqual(keysOf(SCENARIO_FIELDS), SERVER.scenario.keys);
  assert.deepEqual(requiredOf(SCENARIO_FIELDS), SERVER.scenario.required);
  assert.deepEqual(TOP_LISTS, ["parameters", "cost_lines", "steps"]);
  assert.deepEqual(BASES, ["per_group", "per_participant", "per_participant_night", "percent"]); // scenario.BASES
  assert.deepEqual(Object.keys(NESTED), ["steps"]);
});

test("the empty option of a select names the server's default, never a value of its own", () => {
  const fallback = (kind, key) => ROW_FIELDS[kind].find((field) => field.key === key).fallback;
  assert.equal(fallback("parameters", "unit"), "number"); // block.py: p.get("unit", "number")
  assert.equal(fallback("steps", "unit"), "money"); // scenario.py: step.get("unit", "money")
  assert.equal(fallback("steps", "tolerance_kind"), "absolute");
});

test("fromScenario: every row value as typed text, absent ones empty, checkboxes true or false", () => {
  const state = fromScenario(SCENARIO);
  assert.deepEqual(state.parameters, [
    { name: "hours", label: "Hours", value: "3", min: "0", max: "4.5", step: "0.5", unit: "count", suffix: "",
      randomize: true },
    { name: "rate", label: "Hourly rate", value: "42.5", min: "", max: "", step: "", unit: "", suffix: "",
      randomize: false },
  ]);
  assert.deepEqual(state.cost_lines, [
    { name: "labour", label: "Labour", basis: "per_participant", amount: "rate", quantity: "hours",
      quantity_label: "hours" },
    { name: "rent", label: "Room rent", basis: "per_group", amount: "300", quantity: "", quantity_label: "" },
  ]);
  assert.deepEqual(state.steps[0], {
    name: "total", label: "Total cost", prompt: "<p>Add up.</p>", formula: "labour + rent", unit: "money",
    suffix: "", decimals: "2", tolerance: "0.01", tolerance_kind: "absolute", weight: "2",
    explanation: "<p>The sum.</p>",
    hints: [{ text: "Add the lines." }, { text: "Rent is per evening." }],
    feedback: [
      { mistake: "forgot_rent", formula: "labour", message: "Include the rent." },
      { mistake: "per_person_vs_per_group", formula: "labour * 2", message: "" },
    ],
  });
  assert.deepEqual(state.steps[1], {
    name: "per_hour", label: "Cost per hour", prompt: "", formula: "total / hours", unit: "", suffix: "",
    decimals: "", tolerance: "", tolerance_kind: "", weight: "", explanation: "", hints: [], feedback: [],
  });
});

test("fromScenario: scenario fields, basis labels for all four bases, the chart as text", () => {
  const state = fromScenario(SCENARIO);
  assert.equal(state.title, "Bike repair café");
  assert.equal(state.intro, "<p>Price one repair evening.</p>");
  assert.equal(state.source_note, "Rates from the 2024 survey.");
  assert.equal(state.currency, "PLN");
  assert.equal(state.vat_country, "PL");
  assert.equal(state.carry_forward, false);
  assert.deepEqual(state.labels, { per_group: "per evening", per_participant: "", per_participant_night: "",
    percent: "of the price" });
  assert.equal(state.chartEnabled, true);
  assert.deepEqual(state.chart, { x_label: "Hours", x_from: "0", x_to: "8", fixed: "rent", variable: "rate",
    unit_revenue: "60" });
});

test("fromScenario: a bare scenario gets empty lists, no chart, no VAT, and carry-forward on (its default)", () => {
  const state = fromScenario({ title: "T", currency: "EUR", vat_country: null, chart: null });
  assert.deepEqual(state, {
    title: "T", currency: "EUR", vat_country: "", carry_forward: true, intro: "", source_note: "",
    labels: { per_group: "", per_participant: "", per_participant_night: "", percent: "" },
    parameters: [], cost_lines: [], steps: [],
    chartEnabled: false,
    chart: { x_label: "", x_from: "", x_to: "", fixed: "", variable: "", unit_revenue: "" },
  });
  assert.equal(fromScenario({ ...SCENARIO, carry_forward: true }).carry_forward, true);
  // Small and large numbers keep a form the server's float() reads back to the same value.
  const odd = fromScenario({ ...SCENARIO, parameters: [{ name: "p", label: "P", value: 1e-7, max: 1e21 }] });
  assert.equal(odd.parameters[0].value, "1e-7");
  assert.equal(odd.parameters[0].max, "1e+21");
});

test("toPayload: the JSON studio_submit checks, top keys the server knows and nothing else", () => {
  const payload = toPayload(fromScenario(SCENARIO));
  assert.deepEqual(Object.keys(payload).sort(), TOP_KEYS);
  assert.deepEqual(payload, {
    title: "Bike repair café", currency: "PLN", vat_country: "PL", carry_forward: false,
    intro: "<p>Price one repair evening.</p>", source_note: "Rates from the 2024 survey.",
    labels: { per_group: "per evening", per_participant: "", per_participant_night: "", percent: "of the price" },
    parameters: [
      { name: "hours", label: "Hours", value: "3", min: "0", max: "4.5", step: "0.5", unit: "count", suffix: "",
        randomize: true },
      { name: "rate", label: "Hourly rate", value: "42.5", min: "", max: "", step: "", unit: "", suffix: "",
        randomize: false },
    ],
    cost_lines: [
      { name: "labour", label: "Labour", basis: "per_participant", amount: "rate", quantity: "hours",
        quantity_label: "hours" },
      { name: "rent", label: "Room rent", basis: "per_group", amount: "300", quantity: "", quantity_label: "" },
    ],
    steps: [
      { name: "total", label: "Total cost", prompt: "<p>Add up.</p>", formula: "labour + rent", unit: "money",
        suffix: "", decimals: "2", tolerance: "0.01", tolerance_kind: "absolute", weight: "2",
        explanation: "<p>The sum.</p>", hints: ["Add the lines.", "Rent is per evening."],
        feedback: [
          { mistake: "forgot_rent", formula: "labour", message: "Include the rent." },
          { mistake: "per_person_vs_per_group", formula: "labour * 2", message: "" },
        ] },
      { name: "per_hour", label: "Cost per hour", prompt: "", formula: "total / hours", unit: "", suffix: "",
        decimals: "", tolerance: "", tolerance_kind: "", weight: "", explanation: "", hints: [], feedback: [] },
    ],
    chart: { x_label: "Hours", x_from: "0", x_to: "8", fixed: "rent", variable: "rate", unit_revenue: "60" },
  });
  // Every row carries exactly the server's keys (parse_rows refuses any other by name).
  for (const kind of ["parameters", "cost_lines", "steps"]) {
    for (const row of payload[kind]) assert.deepEqual(Object.keys(row), SERVER[kind].keys, kind);
  }
  assert.deepEqual(Object.keys(payload.steps[0].feedback[0]), SERVER.feedback.keys);
});

test("defaults are left to the server: an empty optional field goes as '', never as the default's value", () => {
  const state = fromScenario({ title: "T", currency: "EUR" });
  state.parameters.push(newRow("parameters", state));
  state.steps.push(newRow("steps", state));
  const payload = toPayload(state);
  // parse_rows reads '' as "not given" (unit money / number, tolerance absolute, weight 1, carry-forward on).
  assert.equal(payload.parameters[0].unit, "");
  assert.equal(payload.parameters[0].randomize, false);
  assert.equal(payload.steps[0].unit, "");
  assert.equal(payload.steps[0].tolerance_kind, "");
  assert.equal(payload.steps[0].weight, "");
  assert.equal(payload.steps[0].decimals, "");
  assert.equal(payload.carry_forward, true);
  assert.equal(payload.vat_country, null); // no VAT rates: null, not ""
  assert.equal(payload.chart, null);
});

test("no checks in the browser: what the author typed reaches the server unchanged, to be named there", () => {
  const state = fromScenario(SCENARIO);
  state.title = "  Spaced title  ";
  state.currency = "USD";
  state.parameters[0].value = "12,5";
  state.parameters[1].name = "hourly rate";
  state.cost_lines[1].name = "labour"; // a duplicate name
  state.steps[0].hints[0].text = "";
  state.steps[0].feedback[0].mistake = "";
  const payload = toPayload(state);
  assert.equal(payload.title, "  Spaced title  ");
  assert.equal(payload.currency, "USD");
  assert.equal(payload.parameters[0].value, "12,5");
  assert.equal(payload.parameters[1].name, "hourly rate");
  assert.deepEqual(payload.cost_lines.map((row) => row.name), ["labour", "labour"]);
  assert.deepEqual(payload.steps[0].hints, ["", "Rent is per evening."]); // an empty hint row is not dropped
  assert.equal(payload.steps[0].feedback[0].mistake, "");
});

test("the chart: unticked sends null even with fields filled in; ticked sends the fields", () => {
  const state = fromScenario(SCENARIO);
  state.chartEnabled = false;
  assert.equal(toPayload(state).chart, null);
  assert.equal(state.chart.fixed, "rent"); // kept in the editor, so ticking again brings it back
  state.chartEnabled = true;
  state.chart.x_to = "12";
  assert.deepEqual(toPayload(state).chart, { x_label: "Hours", x_from: "0", x_to: "12", fixed: "rent",
    variable: "rate", unit_revenue: "60" });
  assert.equal("chartEnabled" in toPayload(state), false);
  // A chart turned on in a scenario that had none starts empty.
  const bare = fromScenario({ title: "T", currency: "EUR", chart: null });
  bare.chartEnabled = true;
  assert.deepEqual(toPayload(bare).chart, { x_label: "", x_from: "", x_to: "", fixed: "", variable: "",
    unit_revenue: "" });
});

test("the VAT country goes as chosen; the currency is its own field (the rows editor couples them, not the model)", () => {
  const state = fromScenario(SCENARIO);
  state.vat_country = "IT";
  assert.deepEqual([toPayload(state).vat_country, toPayload(state).currency], ["IT", "PLN"]);
  state.vat_country = "";
  assert.deepEqual([toPayload(state).vat_country, toPayload(state).currency], [null, "PLN"]);
});

test("rows -> payload -> rows gives the same rows, after edits too", () => {
  const state = fromScenario(SCENARIO);
  state.parameters[1].randomize = true;
  state.parameters[1].min = "30";
  state.steps[1].hints.push({ text: "Divide by the hours." });
  state.labels.per_participant_night = "per night";
  assert.deepEqual(fromScenario(toPayload(state)), state);
});

test("the shipped templates: every value they set reaches the payload, as text", () => {
  for (const name of ["tourism_package", "farm_gross_margin", "reuse_shop"]) {
    const url = new URL(`../../../xblocks/wise_xblocks/costing/scenarios/${name}.json`, import.meta.url);
    const scenario = JSON.parse(readFileSync(url, "utf8"));
    const payload = toPayload(fromScenario(scenario));
    const text = (value) => (typeof value === "number" ? String(value) : value);
    for (const kind of TOP_LISTS) {
      assert.equal(payload[kind].length, scenario[kind].length, `${name} ${kind}`);
      scenario[kind].forEach((row, index) => {
        for (const [key, value] of Object.entries(row)) {
          const sent = payload[kind][index][key];
          if (key === "hints") assert.deepEqual(sent, value, `${name} ${kind}.${index}.hints`);
          else if (key === "feedback") {
            assert.deepEqual(sent, value.map((rule) => ({ message: "", ...rule })), `${name} ${kind}.${index}.feedback`);
          } else assert.equal(sent, text(value), `${name} ${kind}.${index}.${key}`);
        }
      });
    }
    for (const [key, value] of Object.entries(scenario.chart)) assert.equal(payload.chart[key], text(value), name);
    for (const [basis, label] of Object.entries(scenario.labels || {})) assert.equal(payload.labels[basis], label, name);
    assert.equal(payload.vat_country, scenario.vat_country ?? null, name);
    assert.equal(payload.title, scenario.title, name);
  }
});

test("fromScenario and toPayload leave their input alone, and share no object with their result", () => {
  const scenario = deepFreeze(clone(SCENARIO));
  const state = fromScenario(scenario); // throws if it writes to the frozen scenario
  state.parameters[0].value = "99";
  state.steps[0].hints[0].text = "changed";
  state.steps[0].feedback.pop();
  state.labels.per_group = "changed";
  state.chart.fixed = "changed";
  assert.deepEqual(scenario, SCENARIO);

  const frozen = deepFreeze(fromScenario(SCENARIO));
  const payload = toPayload(frozen); // throws if it writes to the frozen state
  payload.labels.per_group = "changed";
  payload.chart.fixed = "changed";
  payload.parameters[0].value = "changed";
  payload.steps[0].hints.push("changed");
  payload.steps[0].feedback[0].formula = "changed";
  assert.deepEqual(frozen, fromScenario(SCENARIO));
});

test("newRow: an empty row of each kind; top-level rows get the next free name, cost lines a basis", () => {
  const state = fromScenario(SCENARIO);
  assert.deepEqual(newRow("parameters", state), { name: "parameter_3", label: "", value: "", min: "", max: "",
    step: "", unit: "", suffix: "", randomize: false });
  assert.deepEqual(newRow("cost_lines", state), { name: "line_3", label: "", basis: "per_group", amount: "",
    quantity: "", quantity_label: "" });
  assert.deepEqual(newRow("steps", state), { name: "step_3", label: "", prompt: "", formula: "", unit: "",
    suffix: "", decimals: "", tolerance: "", tolerance_kind: "", weight: "", explanation: "", hints: [],
    feedback: [] });
  assert.deepEqual(newRow("hints", state), { text: "" });
  assert.deepEqual(newRow("feedback", state), { mistake: "", formula: "", message: "" });
});

test("newRow: names are shared by all three lists, so a taken name is skipped wherever it is", () => {
  const state = fromScenario({ title: "T", currency: "EUR",
    parameters: [{ name: "line_3", label: "P", value: 1 }, { name: "line_4", label: "Q", value: 2 }],
    cost_lines: [{ name: "a", label: "A", basis: "per_group", amount: "1" },
      { name: "b", label: "B", basis: "per_group", amount: "2" }],
    steps: [{ name: "step_1", label: "S", formula: "a" }] });
  assert.equal(newRow("cost_lines", state).name, "line_5");
  assert.equal(newRow("steps", state).name, "step_2");
  assert.equal(newRow("parameters", state).name, "parameter_3");
});

test("newRow after a removal does not reuse a name still in use; after removing the last row it starts at 1", () => {
  const state = fromScenario({ title: "T", currency: "EUR", cost_lines: [
    { name: "line_1", label: "A", basis: "per_group", amount: "1" },
    { name: "line_2", label: "B", basis: "per_group", amount: "2" },
    { name: "line_3", label: "C", basis: "per_group", amount: "3" },
  ] });
  state.cost_lines.splice(0, 1); // the rows editor removes a row this way
  assert.equal(newRow("cost_lines", state).name, "line_4"); // line_3 is still there
  state.cost_lines.splice(0, 2);
  assert.deepEqual(toPayload(state).cost_lines, []);
  assert.equal(newRow("cost_lines", state).name, "line_1");
});

test("newRow leaves the state alone and gives each new step its own lists", () => {
  const state = deepFreeze(fromScenario(SCENARIO));
  const first = newRow("steps", state); // throws if it writes to the frozen state
  const second = newRow("steps", state);
  assert.equal(state.steps.length, 2);
  assert.equal(first.name, second.name); // not added: the caller pushes it
  first.hints.push({ text: "only mine" });
  assert.deepEqual(second.hints, []);
  assert.notEqual(first.feedback, second.feedback);
});

test("moveRow moves in place and returns the row's new index", () => {
  const [a, b, c, d] = [{ name: "a" }, { name: "b" }, { name: "c" }, { name: "d" }];
  const list = [a, b, c, d];
  assert.equal(moveRow(list, 2, 1), 1); // up
  assert.deepEqual(list, [a, c, b, d]);
  assert.equal(list[1], c); // the same object, not a copy
  assert.equal(moveRow(list, 1, 2), 2); // down again
  assert.deepEqual(list, [a, b, c, d]);
  assert.equal(moveRow(list, 0, 3), 3); // further than one place
  assert.deepEqual(list, [b, c, d, a]);
  assert.equal(list.length, 4);
});

test("moveRow at the bounds: the first row up and the last row down stay where they are", () => {
  const list = ["a", "b", "c"];
  assert.equal(moveRow(list, 0, -1), 0);
  assert.deepEqual(list, ["a", "b", "c"]);
  assert.equal(moveRow(list, 2, 3), 2);
  assert.deepEqual(list, ["a", "b", "c"]);
  assert.equal(moveRow(list, 1, 1), 1);
  assert.deepEqual(list, ["a", "b", "c"]);
  const single = ["only"];
  assert.equal(moveRow(single, 0, -1), 0);
  assert.equal(moveRow(single, 0, 1), 0);
  assert.deepEqual(single, ["only"]);
});

test("moveRow with a row that is not there changes nothing", () => {
  const list = ["a", "b", "c"];
  assert.equal(moveRow(list, 3, 1), 3);
  assert.deepEqual(list, ["a", "b", "c"]);
  assert.equal(moveRow(list, -1, 0), -1);
  assert.deepEqual(list, ["a", "b", "c"]);
  const empty = [];
  assert.equal(moveRow(empty, 0, 0), 0);
  assert.deepEqual(empty, []);
});

test("moveRow on a step's hints reorders what the server gets", () => {
  const state = fromScenario(SCENARIO);
  assert.equal(moveRow(state.steps[0].hints, 1, 0), 0);
  assert.deepEqual(toPayload(state).steps[0].hints, ["Rent is per evening.", "Add the lines."]);
  assert.equal(moveRow(state.steps, 1, 0), 0);
  assert.deepEqual(toPayload(state).steps.map((step) => step.name), ["per_hour", "total"]);
});
