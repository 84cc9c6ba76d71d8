// Translations for block JavaScript. The LMS serves a JS catalog for third-party blocks under
// the block's i18n_js_namespace; when the runtime offers none (workbench, tests), the server
// passes the same strings, already translated, in the init arguments.
export const JS_NAMESPACE = "WiseXBlockI18N";

export function makeTranslator(strings = {}, namespace = JS_NAMESPACE, scope = globalThis) {
  const catalog = scope[namespace];
  const interpolate = (text, values) =>
    text.replace(/\{(\w+)\}/g, (match, key) => (key in values ? String(values[key]) : match));
  return {
    // `key` names a string the server sent; `fallback` is the English msgid.
    t(key, values = {}, fallback = key) {
      const message = strings[key] ?? (catalog && catalog.gettext ? catalog.gettext(fallback) : fallback);
      return interpolate(message, values);
    },
  };
}
