// The Studio editor's model (pure, no DOM): which fields a bin and an item have, the rows as
// the JSON studio_submit expects, moving rows, and a server error path ("items[0].bin") turned
// into words a course team reads ("Item 1, Bin"). The server validates everything.

// key: the content field; type: the input; help: a short help text is shown under the input.
export const ROW_FIELDS = {
  bins: [
    { key: "id", type: "code", required: true, help: true },
    { key: "name", type: "text", required: true },
    { key: "colour", type: "color" },
    { key: "icon", type: "select", choices: "icons", help: true },
    { key: "stream", type: "select", choices: "streams", help: true },
    { key: "description", type: "text" },
  ],
  items: [
    { key: "id", type: "code", required: true, help: true },
    { key: "name", type: "text", required: true },
    { key: "bin", type: "code", required: true, help: true, list: "bins" },
    { key: "weight", type: "number", help: true },
    { key: "explanation", type: "textarea", help: true },
    { key: "description", type: "text" },
    { key: "image", type: "code", help: true },
    { key: "image_alt", type: "text", help: true },
    { key: "source", type: "text", help: true },
  ],
};
export const KINDS = ["bins", "items"];
// The Settings inputs, by the name the server uses in its errors.
export const SETTINGS = ["display_name", "mode", "weight", "max_attempts", "showanswer", "pool_size", "shuffle",
  "simulation", "simulation_pace", "preset"];
const DEFAULTS = { bins: { colour: "#5a6270", icon: "other", stream: "recycling" }, items: {} };

// A stored bin or item -> an editor row: every field as text (what the inputs hold).
export function toRow(kind, data = {}) {
  const row = {};
  for (const field of ROW_FIELDS[kind]) {
    const value = data[field.key] ?? DEFAULTS[kind][field.key];
    row[field.key] = value === undefined || value === null ? "" : String(value);
  }
  return row;
}

export function rowsToContent(intro, binRows, itemRows) {
  const clean = (row) => Object.fromEntries(Object.entries(row).filter(([, value]) => value !== ""));
  const bins = binRows.map(clean);
  const items = itemRows.map((row) => {
    const item = clean(row);
    if (item.weight !== undefined) {
      const number = Number(item.weight);
      // Not a number: send the text as typed, so the server names the field ("Enter a whole number.").
      item.weight = item.weight.trim() !== "" && Number.isFinite(number) ? number : item.weight;
    }
    return item;
  });
  return { intro, bins, items };
}

export function readSettings(form) {
  const value = (name) => form.elements[name].value;
  return {
    display_name: value("display_name"), mode: value("mode"), weight: value("weight"),
    max_attempts: value("max_attempts"), showanswer: value("showanswer"), pool_size: value("pool_size"),
    shuffle: form.elements.shuffle.checked, simulation: form.elements.simulation.checked,
    simulation_pace: value("simulation_pace"), preset: value("preset"),
  };
}

// Move list[from] to list[to] in place; returns the new index (unchanged when either is out of range).
export function moveRow(list, from, to) {
  const outside = (index) => !Number.isInteger(index) || index < 0 || index >= list.length;
  if (outside(from) || outside(to) || from === to) return from;
  const [row] = list.splice(from, 1);
  list.splice(to, 0, row);
  return to;
}

// "items[0].bin" -> {kind: "items", index: 0, key: "bin"}; "bins" -> {kind: "bins"};
// "display_name" -> {setting: "display_name"}; anything else -> {}.
export function parseErrorField(field) {
  const text = typeof field === "string" ? field : "";
  const row = /^(bins|items)\[(\d+)\](?:\.(\w+))?$/.exec(text);
  if (row) {
    const key = row[3] && ROW_FIELDS[row[1]].some((f) => f.key === row[3]) ? row[3] : undefined;
    return { kind: row[1], index: Number(row[2]), key };
  }
  if (KINDS.includes(text)) return { kind: text };
  if (SETTINGS.includes(text) || text === "intro") return { setting: text };
  return {};
}

// The row's name as a course team reads it ("Item 3"); `t` is the editor's translator.
export function rowName(t, kind, index) {
  return t(kind === "bins" ? "studio_bin_row" : "studio_item_row", { number: index + 1 });
}

// What the summary says about one error: "Item 1, Bin: <message>", "Bins: <message>", "<label>: <message>".
// `labelOf(where)` gives a field's visible label ({kind, key} or {setting}).
export function describeError(t, error, labelOf) {
  const where = parseErrorField(error.field);
  const parts = [];
  if (where.kind && where.index !== undefined) {
    parts.push(rowName(t, where.kind, where.index));
    if (where.key) parts.push(labelOf(where));
  } else if (where.kind || where.setting) {
    parts.push(labelOf(where));
  }
  const place = parts.filter(Boolean).join(", ");
  return place ? t("studio_error_at", { place, message: error.message }) : error.message;
}
