// The Studio editor's model (pure, no DOM): which fields each row has, the scenario as editable
// text, and back to the JSON studio_submit checks. The server validates everything; this module
// only shapes the data, so the rows and the OLX view always describe the same scenario.

const NAME = { key: "name", type: "name", required: true };
const LABEL = { key: "label", required: true };

export const ROW_FIELDS = {
  parameters: [
    NAME, LABEL, { key: "value", type: "number", required: true },
    { key: "min", type: "number" }, { key: "max", type: "number" }, { key: "step", type: "number" },
    { key: "unit", type: "select", choices: "units", fallback: "number" }, { key: "suffix" },
    { key: "randomize", type: "checkbox" },
  ],
  cost_lines: [
    NAME, LABEL, { key: "basis", type: "select", choices: "bases", required: true },
    { key: "amount", type: "formula", required: true }, { key: "quantity", type: "formula" }, { key: "quantity_label" },
  ],
  steps: [
    NAME, LABEL, { key: "prompt", type: "html" }, { key: "formula", type: "formula", required: true },
    { key: "unit", type: "select", choices: "units", fallback: "money" }, { key: "suffix" },
    { key: "decimals", type: "number" }, { key: "tolerance", type: "number" },
    { key: "tolerance_kind", type: "select", choices: "tolerance_kinds", fallback: "absolute" },
    { key: "weight", type: "number" }, { key: "explanation", type: "html" },
  ],
  hints: [{ key: "text", type: "html", required: true }],
  feedback: [
    { key: "mistake", type: "name", required: true, suggest: "mistakes" },
    { key: "formula", type: "formula", required: true }, { key: "message", type: "html" },
  ],
};
// Lists inside a row: a step's hints and feedback rules.
export const NESTED = { steps: ["hints", "feedback"] };
export const TOP_LISTS = ["parameters", "cost_lines", "steps"];
export const SCENARIO_FIELDS = [
  { key: "title", required: true }, { key: "currency", type: "select", choices: "currencies", required: true },
  { key: "vat_country", type: "select", choices: "vat" }, { key: "carry_forward", type: "checkbox" },
  { key: "intro", type: "html" }, { key: "source_note", type: "html" },
];
export const BASES = ["per_group", "per_participant", "per_participant_night", "percent"];
export const CHART_FIELDS = [
  { key: "x_label" }, { key: "x_from", type: "number", required: true }, { key: "x_to", type: "number", required: true },
  { key: "fixed", type: "formula", required: true }, { key: "variable", type: "formula", required: true },
  { key: "unit_revenue", type: "formula", required: true },
];
const NAME_PREFIX = { parameters: "parameter", cost_lines: "line", steps: "step" };

function asText(value) {
  if (value === null || value === undefined) return "";
  return typeof value === "number" ? String(value) : value;
}

function rowFromData(kind, data) {
  if (kind === "hints") return { text: asText(data) };
  const row = {};
  for (const field of ROW_FIELDS[kind]) {
    row[field.key] = field.type === "checkbox" ? data[field.key] === true : asText(data[field.key]);
  }
  for (const nested of NESTED[kind] || []) row[nested] = (data[nested] || []).map((item) => rowFromData(nested, item));
  return row;
}

// The stored scenario (as the server sends it) -> the editor's state: every value as typed text.
export function fromScenario(scenario) {
  const state = {};
  for (const field of SCENARIO_FIELDS) state[field.key] = asText(scenario[field.key]);
  state.carry_forward = scenario.carry_forward !== false; // absent means true
  state.labels = Object.fromEntries(BASES.map((basis) => [basis, asText((scenario.labels || {})[basis])]));
  for (const kind of TOP_LISTS) state[kind] = (scenario[kind] || []).map((row) => rowFromData(kind, row));
  state.chartEnabled = Boolean(scenario.chart);
  state.chart = Object.fromEntries(CHART_FIELDS.map((field) => [field.key, asText((scenario.chart || {})[field.key])]));
  return state;
}

function rowToPayload(kind, row) {
  if (kind === "hints") return row.text;
  const out = {};
  for (const field of ROW_FIELDS[kind]) out[field.key] = row[field.key];
  for (const nested of NESTED[kind] || []) out[nested] = row[nested].map((item) => rowToPayload(nested, item));
  return out;
}

// The editor's state -> the JSON the server checks (numbers stay as typed: the server reads them).
export function toPayload(state) {
  const payload = {};
  for (const field of SCENARIO_FIELDS) payload[field.key] = state[field.key];
  payload.vat_country = state.vat_country || null;
  payload.labels = { ...state.labels };
  for (const kind of TOP_LISTS) payload[kind] = state[kind].map((row) => rowToPayload(kind, row));
  payload.chart = state.chartEnabled ? { ...state.chart } : null;
  return payload;
}

function usedNames(state) {
  const names = new Set();
  for (const kind of TOP_LISTS) for (const row of state[kind]) names.add(row.name);
  return names;
}

// A new, empty row; top-level rows get a free name ("line_4") so formulas can use them at once.
export function newRow(kind, state) {
  const row = rowFromData(kind, kind === "hints" ? "" : {});
  if (kind === "cost_lines") row.basis = "per_group";
  if (NAME_PREFIX[kind]) {
    const names = usedNames(state);
    let number = state[kind].length + 1;
    while (names.has(`${NAME_PREFIX[kind]}_${number}`)) number += 1;
    row.name = `${NAME_PREFIX[kind]}_${number}`;
  }
  return row;
}

// Move list[from] to list[to] in place; returns the new index (unchanged when out of range).
// `from` is checked too: splice would otherwise insert `undefined` (or, for -1, move the last row).
export function moveRow(list, from, to) {
  const outside = (index) => index < 0 || index >= list.length;
  if (outside(from) || outside(to) || from === to) return from;
  const [row] = list.splice(from, 1);
  list.splice(to, 0, row);
  return to;
}
