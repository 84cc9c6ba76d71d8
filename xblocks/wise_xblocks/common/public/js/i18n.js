// Translations for block JavaScript. The LMS serves a JS catalog for third-party blocks under
// the block's i18n_js_namespace; when the runtime offers none (workbench, tests), the server
// passes the same strings, already translated, in the init arguments.
export const JS_NAMESPACE = "WiseXBlockI18N";

// The server sends the language's plural form index for 0..199 under this key (common/i18n.py).
const PLURAL_TABLE_KEY = "@plural";
const PLURAL_TABLE_SIZE = 200;

/** Which form a number takes: table[n] below 200, else table[100 + n % 100] (the formulas repeat there). */
export function pluralIndex(table, number) {
  const n = Math.abs(Math.trunc(Number(number)));
  if (!Array.isArray(table) || !Number.isFinite(n)) return n === 1 ? 0 : 1;
  return n < PLURAL_TABLE_SIZE ? table[n] : table[100 + (n % 100)];
}

/** `t(key, values)` in the page's language. With a `locale` ("de", "pl"...), numbers among the values are
 * written as that language writes them (2.5 -> "2,5"); pass years and ids as strings. */
export function makeTranslator(strings = {}, { namespace = JS_NAMESPACE, scope = globalThis, locale } = {}) {
  const catalog = scope[namespace];
  let numbers = null;
  try {
    numbers = locale ? new Intl.NumberFormat(locale) : null;
  } catch {
    numbers = null; // a tag Intl does not know: plain digits rather than a broken page
  }
  const show = (value) => (numbers && typeof value === "number" ? numbers.format(value) : String(value));
  const interpolate = (text, values) =>
    text.replace(/\{(\w+)\}/g, (match, key) => (key in values ? show(values[key]) : match));
  // A message with a number comes as {forms, count}: the form for values[count] in the page's language.
  const pick = (entry, values) => {
    const index = pluralIndex(strings[PLURAL_TABLE_KEY], values[entry.count]);
    return entry.forms[index] ?? entry.forms[entry.forms.length - 1];
  };
  return {
    // `key` names a string the server sent; `fallback` is the English msgid.
    t(key, values = {}, fallback = key) {
      const entry = strings[key];
      if (entry && Array.isArray(entry.forms)) return interpolate(pick(entry, values), values);
      const message = entry ?? (catalog && catalog.gettext ? catalog.gettext(fallback) : fallback);
      return interpolate(message, values);
    },
  };
}
