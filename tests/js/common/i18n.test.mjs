import { test } from "node:test";
import assert from "node:assert/strict";
import { makeTranslator, pluralIndex } from "../../../xblocks/wise_xblocks/common/public/js/i18n.js";

// Polish: 1 wiersz, 2-4 wiersze (not 12-14), else wierszy; the table is what common/i18n.py sends.
const polish = (n) => (n === 1 ? 0 : n % 10 >= 2 && n % 10 <= 4 && (n % 100 < 10 || n % 100 >= 20) ? 1 : 2);
const polishTable = Array.from({ length: 200 }, (_, n) => polish(n));

test("pluralIndex follows the table below 200 and repeats its last hundred above", () => {
  for (const n of [0, 1, 2, 4, 5, 12, 22, 25, 101, 102, 112, 122, 1000, 1002, 1012, 12345]) {
    assert.equal(pluralIndex(polishTable, n), polish(n), `n = ${n}`);
  }
});

test("without a table, English: one form for 1, the other for everything else", () => {
  assert.equal(pluralIndex(undefined, 1), 0);
  assert.equal(pluralIndex(undefined, 0), 1);
  assert.equal(pluralIndex(undefined, 7), 1);
});

test("t() picks the form for the count placeholder and fills every placeholder", () => {
  const strings = {
    "@plural": polishTable,
    rows: { forms: ["{done} z {total} wiersza", "{done} z {total} wierszy", "{done} z {total} wierszy"], count: "total" },
    count: { forms: ["{count} przedmiot", "{count} przedmioty", "{count} przedmiotów"], count: "count" },
    plain: "Zapisz",
  };
  const { t } = makeTranslator(strings, { namespace: "NoSuchNamespace", scope: {} });
  assert.equal(t("count", { count: 1 }), "1 przedmiot");
  assert.equal(t("count", { count: 3 }), "3 przedmioty");
  assert.equal(t("count", { count: 13 }), "13 przedmiotów");
  assert.equal(t("count", { count: 23 }), "23 przedmioty");
  assert.equal(t("rows", { done: 2, total: 5 }), "2 z 5 wierszy");
  assert.equal(t("plain"), "Zapisz");
});

test("a string the server did not send falls back to the runtime catalog, then to the English text", () => {
  const scope = { WiseXBlockI18N: { gettext: (text) => (text === "Save" ? "Zapisz" : text) } };
  assert.equal(makeTranslator({}, { scope }).t("save", {}, "Save"), "Zapisz");
  assert.equal(makeTranslator({}, { scope: {} }).t("save", {}, "Save"), "Save");
});

test("with a locale, numbers are written the language's way; strings are left as they are", () => {
  const strings = { score: "{earned} von {possible}", year: "Ziel {year}" };
  const { t } = makeTranslator(strings, { scope: {}, locale: "de" });
  assert.equal(t("score", { earned: 2.5, possible: 12000 }), "2,5 von 12.000");
  assert.equal(t("year", { year: "2030" }), "Ziel 2030");
});
