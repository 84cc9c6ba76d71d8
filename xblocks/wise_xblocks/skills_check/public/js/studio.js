// The Studio editor: collect the form, let the server validate, show its {field, message}
// errors next to each field. Nothing is stored unless the whole form is valid.
import { makeAnnouncer } from "../common/js/announce.js";
import { makeTranslator } from "../common/js/i18n.js";
import { makeServer } from "../common/js/server.js";
import { parseUnitLines } from "./units.js";

export function start(runtime, element, args) {
  const root = element.querySelector(".wise-skills-check-studio");
  const form = root.querySelector(".wsc-studio-form");
  const { t } = makeTranslator(args.strings || {});
  const server = makeServer(runtime, element);
  const announcer = makeAnnouncer(root.querySelector(".wsc-studio-status"));

  function clearErrors() {
    root.querySelectorAll(".wsc-field-error").forEach((node) => { node.textContent = ""; });
    root.querySelectorAll("[aria-invalid]").forEach((node) => node.removeAttribute("aria-invalid"));
  }

  function showErrors(errors) {
    for (const { field, message } of errors) {
      const box = root.querySelector(`.wsc-field[data-field="${field}"]`) || root;
      const slot = box.querySelector(".wsc-field-error");
      if (slot) slot.textContent = slot.textContent ? `${slot.textContent} ${message}` : message;
      const input = box.querySelector("input, select, textarea");
      if (input) input.setAttribute("aria-invalid", "true");
    }
    const first = root.querySelector("[aria-invalid=true]");
    if (first) first.focus();
  }

  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    clearErrors();
    const parsed = parseUnitLines(form.elements.units.value);
    if (parsed.errors.length) {
      showErrors(parsed.errors.map((line) => ({ field: "units", message: t("unitLine", { line }) })));
      announcer.say(t("studioError"));
      return;
    }
    const payload = {
      display_name: form.elements.display_name.value,
      phase: form.elements.phase.value,
      group: form.elements.group.value,
      role: form.elements.role.value,
      competences: [...form.querySelectorAll("input[name=competences]:checked")].map((box) => box.value),
      units: parsed.units,
      intro: form.elements.intro.value,
    };
    if (runtime.notify) runtime.notify("save", { state: "start" });
    announcer.say(t("studioSaving"));
    try {
      await server.call("studio_submit", payload);
      announcer.say(t("studioSaved"));
      if (runtime.notify) runtime.notify("save", { state: "end" });
    } catch (error) {
      showErrors((error.body && error.body.errors) || [{ field: "", message: error.message }]);
      announcer.say(t("studioError"));
      if (runtime.notify) runtime.notify("error", { title: t("studioError"), message: error.message });
    }
  });

  root.querySelector(".wsc-cancel").addEventListener("click", () => {
    if (runtime.notify) runtime.notify("cancel", {});
  });
}
