// Translated strings come from the server in a JSON script tag (the page's language); the JS never hard-codes text.

/** The string map in <script type="application/json" id=...>, or {} when the page has none. */
export function readStrings(doc, id = "wise-dashboard-strings") {
  const node = doc.getElementById(id);
  if (!node) return {};
  try {
    return JSON.parse(node.textContent);
  } catch {
    return {};
  }
}

/** "{done} of {total} rows" + {done: 3, total: 9} -> "3 of 9 rows"; unknown placeholders stay as they are. */
export function format(template, values) {
  return String(template ?? "").replace(/\{(\w+)\}/g, (whole, name) =>
    Object.prototype.hasOwnProperty.call(values, name) ? String(values[name]) : whole);
}

/** A translator with a fallback: t("download") -> the server's string, or the key itself if it is missing. */
export function makeT(strings) {
  return (key, values = {}) => format(strings[key] ?? key, values);
}
