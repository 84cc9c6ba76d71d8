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

/** "{done} of {total} rows" + {done: 3, total: 9} -> "3 of 9 rows"; unknown placeholders stay as they are.
 * With a `locale` ("fr", "de"...), numbers are written as that language writes them: 12000 -> "12 000". */
export function format(template, values, locale = undefined) {
  const numbers = locale ? new Intl.NumberFormat(locale) : null;
  const show = (value) => (numbers && typeof value === "number" ? numbers.format(value) : String(value));
  return String(template ?? "").replace(/\{(\w+)\}/g, (whole, name) =>
    Object.prototype.hasOwnProperty.call(values, name) ? show(values[name]) : whole);
}

/** A translator with a fallback: t("download") -> the server's string, or the key itself if it is missing.
 * `locale` is the page's language (<html lang>), for the numbers in the messages. */
export function makeT(strings, locale = undefined) {
  return (key, values = {}) => format(strings[key] ?? key, values, locale);
}

/** The page's language as Intl and Chart.js want it ("pt-br" -> "pt-BR"), or undefined when the page has none. */
export function pageLocale(doc) {
  const lang = doc.documentElement && doc.documentElement.lang;
  if (!lang) return undefined;
  try {
    return Intl.getCanonicalLocales(lang)[0];
  } catch {
    return undefined;
  }
}
