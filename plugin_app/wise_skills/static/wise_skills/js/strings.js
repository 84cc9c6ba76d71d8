// Every string the dashboard's JavaScript shows. The literal gettext/ngettext calls below are what
// `scripts/i18n.py extract` collects into locale/djangojs.pot; at run time they come from the plugin's
// JavaScript catalog (Django's JavaScriptCatalog at wise_skills:jsi18n, loaded by the page before this module),
// which also brings the language's plural rule (Polish: 1 wiersz, 2 wiersze, 5 wierszy).

/** The messages, keyed by what the code calls them; each takes the values its text will be filled with. */
export function messages({ gettext, ngettext }) {
  return {
    required: () => gettext("Required level"),
    current: () => gettext("Current level"),
    level: () => gettext("Level"),
    pending: () => gettext("Waiting"),
    running: () => gettext("Running"),
    done: () => gettext("Ready"),
    failed: () => gettext("Failed"),
    progress: ({ total }) => ngettext("{done} of {total} row", "{done} of {total} rows", total),
    progressUnknown: ({ done }) => ngettext("{done} row", "{done} rows", done),
    download: () => gettext("Download"),
    exportReady: () => gettext("Export {name} is ready to download."),
    exportFailed: () => gettext("Export {name} failed."),
    chartHidden: () => gettext("Chart (the table below has the same numbers)"),
  };
}

const ENGLISH = { gettext: (text) => text, ngettext: (one, other, count) => (count === 1 ? one : other) };

/** gettext and ngettext of the page: Django's JavaScript catalog when the page loaded it, English otherwise
 * (a template that left the catalog out still works, in the source language). */
export function pageCatalog(scope = globalThis) {
  const django = scope.django;
  if (django && typeof django.gettext === "function" && typeof django.ngettext === "function") {
    return { gettext: (text) => django.gettext(text), ngettext: (one, other, count) => django.ngettext(one, other, count) };
  }
  return ENGLISH;
}

/** "{done} of {total} rows" + {done: 3, total: 9} -> "3 of 9 rows"; unknown placeholders stay as they are.
 * With a `locale` ("fr", "de"...), numbers are written as that language writes them: 12000 -> "12 000". */
export function format(template, values, locale = undefined) {
  const numbers = locale ? new Intl.NumberFormat(locale) : null;
  const show = (value) => (numbers && typeof value === "number" ? numbers.format(value) : String(value));
  return String(template ?? "").replace(/\{(\w+)\}/g, (whole, name) =>
    Object.prototype.hasOwnProperty.call(values, name) ? show(values[name]) : whole);
}

/** t("progress", {done: 3, total: 9}) -> the message in the catalog's language with the values filled in;
 * an unknown key comes back as itself. `locale` is the page's language (<html lang>), for the numbers. */
export function makeT(catalog = ENGLISH, locale = undefined) {
  const table = messages(catalog);
  return (key, values = {}) =>
    format(Object.prototype.hasOwnProperty.call(table, key) ? table[key](values) : key, values, locale);
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
