// Numbers for the what-if chart and table, in the learner's locale, and reading a what-if price
// the learner types. The reading rules are the server's (numbers.py), so "1.234,50" and
// "1,234.50" mean the same thing on the page and in grading.
const CONTINENTAL = new Set(["it", "sl", "hr", "pl", "fr", "nl", "de"]);
const GROUP_MARKS = /[\s\u00a0\u202f\u2009'\u2019]/g;
const CURRENCY_MARKS = /^(?:eur|pln|hrk|zł|zl|kn|€)\s*|\s*(?:eur|pln|hrk|zł|zl|kn|€)$/i;

export function baseLocale(locale) {
  const base = String(locale || "en").replace("_", "-").split("-")[0].toLowerCase();
  return base === "en" || CONTINENTAL.has(base) ? base : "en";
}

export function makeFormatter(locale = "en", currency = "EUR") {
  const lang = baseLocale(locale);
  const money = new Intl.NumberFormat(lang, { style: "currency", currency, maximumFractionDigits: 2, minimumFractionDigits: 2 });
  const compactMoney = new Intl.NumberFormat(lang, { style: "currency", currency, maximumFractionDigits: 0 });
  return {
    money: (value) => money.format(value),
    axisMoney: (value) => compactMoney.format(value),
    number: (value, decimals = 2) =>
      new Intl.NumberFormat(lang, { maximumFractionDigits: decimals, minimumFractionDigits: 0 }).format(value),
  };
}

// Returns a number or null when the text cannot be read unambiguously.
export function parseAmount(text, locale = "en") {
  if (typeof text !== "string" || text.length > 40) return null;
  let s = text.trim();
  for (let i = 0; i < 3; i += 1) s = s.replace(CURRENCY_MARKS, "").trim();
  let negative = false;
  if (/^[-\u2212+]/.test(s)) {
    negative = s[0] !== "+";
    s = s.slice(1).trim();
  }
  if (!s || !/^[0-9.,\s\u00a0\u202f\u2009'\u2019]+$/.test(s)) return null;
  const spaced = GROUP_MARKS.test(s);
  GROUP_MARKS.lastIndex = 0;
  s = s.replace(GROUP_MARKS, "_");
  const dots = (s.match(/\./g) || []).length;
  const commas = (s.match(/,/g) || []).length;
  let decimal = null;
  let group = null;
  if (dots && commas) {
    decimal = s.lastIndexOf(".") > s.lastIndexOf(",") ? "." : ",";
    group = decimal === "." ? "," : ".";
    if (s.split(decimal).length > 2) return null;
  } else if (dots > 1 || commas > 1) {
    group = dots ? "." : ",";
  } else if (dots || commas) {
    const mark = dots ? "." : ",";
    const [before, after] = s.split(mark);
    const continental = baseLocale(locale) !== "en";
    const readsAsGroup = (mark === ".") === continental;
    if (after.length === 3 && /^\d+$/.test(after) && !spaced && readsAsGroup && /^\d{1,3}$/.test(before)) group = mark;
    else decimal = mark;
  }
  if (spaced) {
    if (group !== null && group !== "_") return null;
    group = "_";
  }
  let [integer, fraction = ""] = decimal ? s.split(decimal) : [s, ""];
  if (decimal && !/^\d+$/.test(fraction)) return null;
  if (group) {
    const grouped = integer.split(group);
    if (!/^\d{1,3}$/.test(grouped[0]) || grouped.slice(1).some((g) => !/^\d{3}$/.test(g))) return null;
    integer = grouped.join("");
  }
  if (integer === "") integer = "0";
  if (!/^\d+$/.test(integer)) return null;
  const value = Number(`${integer}.${fraction || "0"}`);
  if (!Number.isFinite(value) || value > 1e15) return null;
  return negative ? -value : value;
}
