// The Studio editor: settings, a template to start from, the scenario as rows, and the same
// scenario as readable OLX behind "Advanced: edit as OLX". Switching converts on the server
// (rows_to_olx / olx_to_rows), so both views are read and written by the same code as an import.
// The server validates every save; errors come back as {field, message}, are shown next to their
// fields and in a summary, and nothing is saved.
import { makeAnnouncer } from "../common/js/announce.js";
import { makeTranslator } from "../common/js/i18n.js";
import { makeServer } from "../common/js/server.js";
import { fromScenario, toPayload } from "./studio_model.js";
import { makeRowsEditor } from "./studio_rows.js";

const SETTINGS = ["display_name", "weight", "max_attempts", "showanswer"];

export function initStudio(runtime, element, args) {
  const root = element.querySelector(".wise-costing-studio") || element;
  const uid = root.id || "wco";
  const { t } = makeTranslator(args.strings || {});
  const server = makeServer(runtime, element);
  const form = root.querySelector(".wco-studio-form");
  const summary = root.querySelector(".wco-summary");
  const announcer = makeAnnouncer(root.querySelector(".wco-status"));
  const announce = (message) => announcer.say(message);
  const notify = (name, data) => (runtime.notify ? runtime.notify(name, data) : undefined);
  const rowsHost = root.querySelector("[data-role=rows]");
  const toggle = root.querySelector(".wco-olx-toggle");
  const panel = root.querySelector(".wco-olx-panel");
  const textarea = form.elements.scenario_olx;
  const olxErrors = root.querySelector(`[id$="-err-scenario"]`);
  const editor = makeRowsEditor({ host: rowsHost, uid, t, choices: args.choices, announce });
  // The scenario comes as a json_script element (escaped by the server), not in the init args.
  editor.render(fromScenario(JSON.parse(root.querySelector('script[type="application/json"]').textContent)));
  const olxOpen = () => toggle.getAttribute("aria-expanded") === "true";

  function clearErrors() {
    summary.textContent = "";
    olxErrors.textContent = "";
    for (const node of root.querySelectorAll("p.wco-error")) {
      if (node.dataset.inline) node.remove();
      else node.textContent = "";
    }
    for (const node of root.querySelectorAll("[aria-invalid]")) {
      node.removeAttribute("aria-invalid");
      const help = node.closest(".wco-field")?.dataset.help;
      if (node.dataset.path) {
        if (help) node.setAttribute("aria-describedby", help);
        else node.removeAttribute("aria-describedby");
      }
    }
  }

  // An error next to an editor input (aria-invalid + aria-describedby), or at the top of its row.
  function showInline(target, error) {
    const isControl = target.matches("input, select, textarea");
    const note = document.createElement("p");
    note.className = "wco-error";
    note.dataset.inline = "true";
    note.id = `${uid}-err-${Math.random().toString(36).slice(2, 10)}`;
    note.textContent = error.message;
    if (isControl) {
      target.setAttribute("aria-invalid", "true");
      const described = (target.getAttribute("aria-describedby") || "").split(" ").filter(Boolean);
      target.setAttribute("aria-describedby", [...described, note.id].join(" "));
      target.closest(".wco-field").appendChild(note);
    } else {
      const legend = target.querySelector(":scope > legend, :scope > h4, :scope > h5");
      if (legend) legend.after(note);
      else target.prepend(note);
    }
    return isControl ? target : null;
  }

  function showErrors(errors) {
    let first = null;
    const items = [];
    const olxList = document.createElement("ul");
    for (const error of errors) {
      let control = null;
      if (error.field.startsWith("scenario") && olxOpen()) {
        const li = document.createElement("li");
        li.textContent = error.message;
        olxList.appendChild(li);
        control = textarea;
        control.setAttribute("aria-invalid", "true");
      } else if (error.field === "scenario" || error.field.startsWith("scenario.")) {
        const target = editor.find(error.field.slice("scenario.".length));
        control = target ? showInline(target, error) : null;
      } else if (SETTINGS.includes(error.field)) {
        control = form.elements[error.field];
        root.querySelector(`[id$="-err-${error.field}"]`).textContent = error.message;
        control.setAttribute("aria-invalid", "true");
      }
      items.push([error.message, control]);
      first = first || control;
    }
    if (olxList.children.length) olxErrors.appendChild(olxList);
    const title = document.createElement("p");
    title.textContent = t("summaryTitle");
    const list = document.createElement("ul");
    for (const [message, control] of items) {
      const li = document.createElement("li");
      if (control && control.id) {
        const link = document.createElement("a");
        link.href = `#${control.id}`;
        link.textContent = message;
        link.addEventListener("click", (event) => {
          event.preventDefault();
          control.focus();
        });
        li.appendChild(link);
      } else {
        li.textContent = message;
      }
      list.appendChild(li);
    }
    summary.append(title, list);
    if (first) first.focus();
  }

  async function openOlx() {
    clearErrors();
    try {
      const body = await server.call("rows_to_olx", { scenario: toPayload(editor.state()) });
      textarea.value = body.olx;
    } catch (error) {
      announce(t("olxFixRows"));
      showErrors((error.body && error.body.errors) || [{ field: "scenario", message: error.message }]);
      return;
    }
    toggle.setAttribute("aria-expanded", "true");
    panel.hidden = false;
    rowsHost.hidden = true;
    announce(t("olxShown"));
  }

  async function closeOlx() {
    clearErrors();
    try {
      const body = await server.call("olx_to_rows", { olx: textarea.value });
      editor.render(fromScenario(body.scenario));
    } catch (error) {
      announce(t("olxFixText"));
      showErrors((error.body && error.body.errors) || [{ field: "scenario", message: error.message }]);
      return;
    }
    toggle.setAttribute("aria-expanded", "false");
    panel.hidden = true;
    rowsHost.hidden = false;
    announce(t("rowsShown"));
  }

  toggle.addEventListener("click", () => (olxOpen() ? closeOlx() : openOlx()));

  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    clearErrors();
    announce(t("studioSaving"));
    notify("save", { state: "start", message: t("studioSaving") });
    const payload = Object.fromEntries(SETTINGS.map((name) => [name, form.elements[name].value]));
    // The view the author is looking at is the one saved: the rows, or the OLX as typed.
    if (olxOpen()) payload.scenario_olx = textarea.value;
    else payload.scenario = toPayload(editor.state());
    try {
      await server.call("studio_submit", payload);
      announce(t("studioSaved"));
      notify("save", { state: "end" });
    } catch (error) {
      announce(t("studioError"));
      notify("error", { title: t("studioError"), message: error.message });
      showErrors((error.body && error.body.errors) || [{ field: "", message: error.message }]);
    }
  });

  root.querySelector(".wco-load-template").addEventListener("click", async () => {
    const select = root.querySelector('[id$="-template"]');
    try {
      const body = await server.call("template_olx", { template: select.value });
      clearErrors();
      textarea.value = body.olx;
      editor.render(fromScenario(body.scenario));
      announce(t("templateLoaded"));
    } catch (error) {
      announce(error.message);
    }
  });

  root.querySelector(".wco-cancel").addEventListener("click", () => notify("cancel", {}));
  root.dataset.ready = "true"; // every control is wired (tests and scripts wait for this)
}
