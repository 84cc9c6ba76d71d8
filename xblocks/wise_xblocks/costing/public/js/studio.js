// The Studio editor: settings, a template to start from, and the scenario as readable OLX.
// The server validates everything; errors come back as {field, message} and nothing is saved.
import { makeAnnouncer } from "../common/js/announce.js";
import { makeTranslator } from "../common/js/i18n.js";
import { makeServer } from "../common/js/server.js";

export function initStudio(runtime, element, args) {
  const root = element.querySelector(".wise-costing-studio") || element;
  const { t } = makeTranslator(args.strings || {});
  const server = makeServer(runtime, element);
  const form = root.querySelector(".wco-studio-form");
  const announcer = makeAnnouncer(root.querySelector(".wco-status"));
  const notify = (name, data) => (runtime.notify ? runtime.notify(name, data) : undefined);

  function clearErrors() {
    for (const node of root.querySelectorAll(".wco-error")) node.textContent = "";
    for (const node of root.querySelectorAll("[aria-invalid]")) node.removeAttribute("aria-invalid");
  }

  function showErrors(errors) {
    let first = null;
    const scenarioList = document.createElement("ul");
    for (const error of errors) {
      const key = error.field.startsWith("scenario") ? "scenario" : error.field;
      const control = form.elements[key === "scenario" ? "scenario_olx" : key];
      const holder = root.querySelector(`[id$="-err-${key}"]`);
      if (key === "scenario") {
        const li = document.createElement("li");
        li.textContent = error.message;
        scenarioList.appendChild(li);
      } else if (holder) {
        holder.textContent = error.message;
      }
      if (control) {
        control.setAttribute("aria-invalid", "true");
        first = first || control;
      }
    }
    if (scenarioList.children.length) root.querySelector('[id$="-err-scenario"]').appendChild(scenarioList);
    if (first) first.focus();
  }

  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    clearErrors();
    announcer.say(t("studioSaving"));
    notify("save", { state: "start", message: t("studioSaving") });
    const payload = {
      display_name: form.elements.display_name.value,
      weight: form.elements.weight.value,
      max_attempts: form.elements.max_attempts.value,
      showanswer: form.elements.showanswer.value,
      scenario_olx: form.elements.scenario_olx.value,
    };
    try {
      await server.call("studio_submit", payload);
      announcer.say(t("studioSaved"));
      notify("save", { state: "end" });
    } catch (error) {
      announcer.say(t("studioError"));
      notify("error", { title: t("studioError"), message: error.message });
      if (error.body && error.body.errors) showErrors(error.body.errors);
    }
  });

  root.querySelector(".wco-load-template").addEventListener("click", async () => {
    const select = root.querySelector('[id$="-template"]');
    try {
      const body = await server.call("template_olx", { template: select.value });
      form.elements.scenario_olx.value = body.olx;
      form.elements.scenario_olx.focus();
    } catch (error) {
      announcer.say(error.message);
    }
  });

  root.querySelector(".wco-cancel").addEventListener("click", () => notify("cancel", {}));
}
