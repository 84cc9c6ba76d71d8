// The scenario as rows in the Studio editor: every field a labelled input, and for each list real
// buttons to add, move and remove rows. After each change a polite status says what happened and
// focus goes to a sensible place (the new row, the moved button, the row that took a removed
// row's place), so the editor works by keyboard and screen reader alone.
import { make } from "../common/js/dom.js";
import { BASES, CHART_FIELDS, NESTED, ROW_FIELDS, SCENARIO_FIELDS, TOP_LISTS, moveRow, newRow } from "./studio_model.js";

const ADD_KEYS = {
  parameters: "addParameter", cost_lines: "addCostLine", steps: "addStep", hints: "addHint", feedback: "addFeedback",
};
const HEADING_KEYS = { parameters: "parametersHeading", cost_lines: "costLinesHeading", steps: "stepsHeading" };
const HELP_KEYS = new Set(["feedback.mistake", "steps.decimals", "steps.tolerance", "steps.weight", "cost_lines.amount",
  "cost_lines.quantity", "parameters.min"]);

export function makeRowsEditor({ host, uid, t, choices, announce }) {
  let state = null;
  const idFor = (path) => `${uid}-f-${path.replace(/[^A-Za-z0-9_-]/g, "-")}`;

  function optionsFor(field) {
    if (field.choices === "units") return choices.units.map((value) => [value, t(`unit.${value}`)]);
    if (field.choices === "tolerance_kinds") return choices.tolerance_kinds.map((value) => [value, t(`tolerance.${value}`)]);
    if (field.choices === "bases") return choices.bases.map((entry) => [entry.value, entry.label]);
    if (field.choices === "currencies") return choices.currencies.map((value) => [value, value]);
    return choices.vat.map((entry) => [entry.value, t("vatOption", entry)]);
  }

  // One labelled input bound to record[field.key]; `labelKey` names its translated label.
  function control(record, field, path, labelKey) {
    const id = idFor(path);
    const wide = field.type === "formula" || field.type === "html" ? " wco-wide" : "";
    const wrap = make("div", { class: field.type === "checkbox" ? "wco-field wco-check" : `wco-field${wide}` });
    const label = make("label", { for: id }, t(`field.${labelKey}`));
    let input;
    if (field.type === "select") {
      input = make("select", { id });
      const options = optionsFor(field);
      if (!field.required) {
        const fallback = options.find(([value]) => value === field.fallback);
        input.appendChild(make("option", { value: "" }, fallback ? t("defaultOption", { value: fallback[1] }) : t("noVat")));
      }
      for (const [value, text] of options) input.appendChild(make("option", { value }, text));
      input.value = record[field.key];
    } else if (field.type === "html") {
      input = make("textarea", { id, rows: "3" });
      input.value = record[field.key];
    } else if (field.type === "checkbox") {
      input = make("input", { id, type: "checkbox" });
      input.checked = record[field.key];
    } else {
      input = make("input", { id, type: "text" });
      if (field.type === "number") input.setAttribute("inputmode", "decimal");
      if (field.type === "name" || field.type === "formula") {
        input.setAttribute("spellcheck", "false");
        input.setAttribute("autocapitalize", "off");
        input.setAttribute("autocomplete", "off");
        input.classList.add("wco-code");
      }
      if (field.suggest) input.setAttribute("list", `${uid}-mistakes`);
      input.value = record[field.key];
    }
    input.dataset.path = path;
    if (field.required) input.setAttribute("aria-required", "true");
    const described = [];
    if (HELP_KEYS.has(labelKey)) {
      const help = make("p", { class: "wco-help", id: `${id}-help` },
        t(`help.${labelKey}`, { names: choices.mistakes.join(", ") }));
      described.push(help.id);
      wrap.dataset.help = help.id;
      input.setAttribute("aria-describedby", described.join(" "));
      if (field.type === "checkbox") wrap.append(input, label, help);
      else wrap.append(label, input, help);
    } else if (field.type === "checkbox") {
      wrap.append(input, label);
    } else {
      wrap.append(label, input);
    }
    const update = () => {
      record[field.key] = field.type === "checkbox" ? input.checked : input.value;
    };
    input.addEventListener(field.type === "checkbox" || field.type === "select" ? "change" : "input", update);
    return wrap;
  }

  function rowName(kind, index, parentName) {
    const own = t(`row.${kind}`, { number: index + 1 });
    return parentName ? `${parentName}, ${own}` : own;
  }

  // A list of rows (parameters, cost lines, steps, or a step's hints / feedback rules).
  function renderList(listHost, kind, list, basePath, parentName) {
    listHost.textContent = "";
    const rows = make("ol", { class: "wco-rows" });
    list.forEach((record, index) => {
      const path = `${basePath}.${index}`;
      const name = rowName(kind, index, parentName);
      const item = make("li", { class: "wco-row-item" });
      const box = make("fieldset", { class: `wco-row wco-row-${kind}`, "data-row": path, "data-kind": kind });
      box.appendChild(make("legend", {}, name));
      const grid = make("div", { class: "wco-row-fields" });
      for (const field of ROW_FIELDS[kind]) {
        const fieldPath = kind === "hints" ? path : `${path}.${field.key}`;
        grid.appendChild(control(record, field, fieldPath, `${kind}.${field.key}`));
      }
      box.appendChild(grid);
      for (const nested of NESTED[kind] || []) {
        const section = make("div", { class: "wco-nested", "data-row": `${path}.${nested}` });
        section.appendChild(make("h5", { class: "wco-nested-heading" }, t(`field.${kind}.${nested}`)));
        const nestedHost = make("div");
        section.appendChild(nestedHost);
        box.appendChild(section);
        renderList(nestedHost, nested, record[nested], `${path}.${nested}`, name);
      }
      const actions = make("div", { class: "wco-row-actions" });
      const buttons = [
        ["up", "moveUp", "moveUpLabel", index === 0],
        ["down", "moveDown", "moveDownLabel", index === list.length - 1],
        ["remove", "remove", "removeLabel", false],
      ];
      for (const [action, text, labelKey, disabled] of buttons) {
        const button = make("button", {
          type: "button", class: `wco-button wco-row-${action}`, "data-action": action,
          "aria-label": t(labelKey, { row: name }), disabled,
        }, t(text));
        button.addEventListener("click", () => act(listHost, kind, list, basePath, parentName, index, action));
        actions.appendChild(button);
      }
      box.appendChild(actions);
      item.appendChild(box);
      rows.appendChild(item);
    });
    if (list.length) listHost.appendChild(rows);
    else listHost.appendChild(make("p", { class: "wco-help" }, t("empty")));
    const add = make("button", { type: "button", class: "wco-button wco-add", "data-action": "add" }, t(ADD_KEYS[kind]));
    add.addEventListener("click", () => act(listHost, kind, list, basePath, parentName, list.length, "add"));
    listHost.appendChild(add);
  }

  function rowBoxes(listHost) {
    return [...(listHost.querySelector(":scope > ol")?.children || [])].map((item) => item.firstElementChild);
  }

  function act(listHost, kind, list, basePath, parentName, index, action) {
    const label = (at) => rowName(kind, at, parentName);
    if (action === "add") {
      list.push(newRow(kind, state));
      renderList(listHost, kind, list, basePath, parentName);
      const box = rowBoxes(listHost)[list.length - 1];
      box.querySelector("input, textarea, select").focus();
      announce(t("added", { row: label(list.length - 1) }));
      return;
    }
    if (action === "remove") {
      list.splice(index, 1);
      renderList(listHost, kind, list, basePath, parentName);
      const boxes = rowBoxes(listHost);
      const next = boxes[Math.min(index, boxes.length - 1)];
      (next ? next.querySelector("input, textarea, select") : listHost.querySelector(":scope > .wco-add")).focus();
      announce(t("removed", { row: label(index) }));
      return;
    }
    const record = list[index];
    const to = moveRow(list, index, action === "up" ? index - 1 : index + 1);
    renderList(listHost, kind, list, basePath, parentName);
    const box = rowBoxes(listHost)[to];
    const same = box.querySelector(`:scope > .wco-row-actions > [data-action="${action}"]`);
    const other = box.querySelector(`:scope > .wco-row-actions > [data-action="${action === "up" ? "down" : "up"}"]`);
    (same.disabled ? other : same).focus();
    const item = record.name || record.label || label(to);
    announce(t("moved", { item, row: label(to), total: list.length }));
  }

  function scenarioSection() {
    const box = make("fieldset", { class: "wco-section" });
    box.appendChild(make("legend", {}, t("rowsHeading")));
    box.appendChild(make("p", { class: "wco-help" }, t("rowsHelp")));
    for (const field of SCENARIO_FIELDS) box.appendChild(control(state, field, field.key, field.key));
    const vat = box.querySelector(`[data-path="vat_country"]`);
    vat.addEventListener("change", () => {
      const entry = choices.vat.find((candidate) => candidate.value === vat.value);
      const currency = box.querySelector(`[data-path="currency"]`);
      if (entry && currency.value !== entry.currency) {
        currency.value = entry.currency;
        state.currency = entry.currency;
        announce(t("currencySet", { currency: entry.currency, country: entry.country }));
      }
    });
    for (const basis of BASES) box.appendChild(control(state.labels, { key: basis }, `labels.${basis}`, `labels.${basis}`));
    return box;
  }

  function chartSection() {
    const box = make("fieldset", { class: "wco-section", "data-row": "chart" });
    box.appendChild(make("legend", {}, t("field.chart")));
    box.appendChild(control(state, { key: "chartEnabled", type: "checkbox" }, "chart.enabled", "chart.enabled"));
    const fields = make("div", { class: "wco-row-fields" });
    for (const field of CHART_FIELDS) fields.appendChild(control(state.chart, field, `chart.${field.key}`, `chart.${field.key}`));
    fields.hidden = !state.chartEnabled;
    box.querySelector(`[data-path="chart.enabled"]`).addEventListener("change", (event) => {
      fields.hidden = !event.target.checked;
    });
    box.appendChild(fields);
    return box;
  }

  function render(newState) {
    state = newState;
    host.textContent = "";
    const mistakes = make("datalist", { id: `${uid}-mistakes` });
    for (const name of choices.mistakes) mistakes.appendChild(make("option", { value: name }));
    host.append(mistakes, scenarioSection());
    for (const kind of TOP_LISTS) {
      const section = make("section", { class: "wco-section", "data-row": kind, "aria-labelledby": `${uid}-h-${kind}` });
      section.appendChild(make("h4", { id: `${uid}-h-${kind}` }, t(HEADING_KEYS[kind])));
      const listHost = make("div");
      section.appendChild(listHost);
      host.appendChild(section);
      renderList(listHost, kind, state[kind], kind, "");
    }
    host.appendChild(chartSection());
  }

  return {
    render,
    state: () => state,
    // The input (or row, or section) an error path is about: the closest one that exists.
    find(path) {
      let parts = path ? path.split(".") : [];
      while (parts.length) {
        const key = CSS.escape(parts.join("."));
        const node = host.querySelector(`[data-path="${key}"]`) || host.querySelector(`[data-row="${key}"]`);
        if (node) return node;
        parts = parts.slice(0, -1);
      }
      return null;
    },
  };
}
