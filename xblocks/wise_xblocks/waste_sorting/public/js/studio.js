// Studio editor: settings, a preset picker, and rows for bins and items. Every field has a
// translated label (and a short help where a course team needs one); each row has real buttons
// to move it up or down and to remove it; a polite status says what happened and focus goes to a
// sensible place. The server validates every save (studio_submit): on 400 each error is shown
// next to its field (aria-invalid, aria-describedby) and in a summary naming the row and field in
// words, nothing is saved, and the author's unsaved edits stay in the form.
import { makeAnnouncer } from "../common/js/announce.js";
import { make } from "../common/js/dom.js";
import { makeTranslator } from "../common/js/i18n.js";
import { makeServer } from "../common/js/server.js";
import { KINDS, ROW_FIELDS, describeError, moveRow, parseErrorField, readSettings, rowName, rowsToContent,
  toRow } from "./studio_form.js";

const ADD_KEYS = { bins: "studio_add_bin", items: "studio_add_item" };
const FIRST_FIELD = "input, select, textarea";

export function init(runtime, element, args) {
  const root = element.querySelector(".wise-ws-studio") || element;
  const uid = root.id || "wise-ws";
  const { t } = makeTranslator(args.strings);
  const server = makeServer(runtime, element);
  const form = root.querySelector("[data-role=form]");
  const errorsBox = root.querySelector("[data-role=errors]");
  const announcer = makeAnnouncer(root.querySelector("[data-role=status]"));
  const announce = (message) => announcer.say(message);
  const notify = (name, data) => (runtime.notify ? runtime.notify(name, data) : undefined);
  const hosts = { bins: root.querySelector("[data-role=bins]"), items: root.querySelector("[data-role=items]") };
  const choices = args.choices || { icons: [], streams: [] };
  const state = { bins: [], items: [] };
  const binIds = make("datalist", { id: `${uid}-bin-ids` });
  hosts.items.before(binIds);

  const fieldId = (kind, index, key) => `${uid}-${kind}-${index}-${key}`;
  const label = (kind, key) => t(`studio_${kind}_${key}`);

  function refreshBinIds() {
    binIds.textContent = "";
    for (const bin of state.bins) if (bin.id) binIds.appendChild(make("option", { value: bin.id }));
  }

  function control(kind, index, record, field) {
    const id = fieldId(kind, index, field.key);
    const wrap = make("div", { class: "wise-ws-studio__field" });
    let input;
    if (field.type === "select") {
      input = make("select", { id });
      const values = choices[field.choices] || [];
      // A value from an older release stays selectable, so opening the editor never changes it.
      for (const value of values.includes(record[field.key]) ? values : [...values, record[field.key]]) {
        input.appendChild(make("option", { value }, t(`studio_${field.choices}_${value}`, {}, value)));
      }
    } else if (field.type === "textarea") {
      input = make("textarea", { id, rows: "3" });
    } else {
      const type = { color: "color", number: "number" }[field.type] || "text";
      input = make("input", { id, type });
      if (field.type === "number") input.setAttribute("min", "1");
      if (field.type === "code") {
        for (const [name, value] of [["spellcheck", "false"], ["autocapitalize", "off"], ["autocomplete", "off"]]) {
          input.setAttribute(name, value);
        }
      }
      if (field.list) input.setAttribute("list", binIds.id);
    }
    input.value = record[field.key];
    input.dataset.field = field.key;
    input.dataset.path = `${kind}[${index}].${field.key}`;
    if (field.required) input.setAttribute("aria-required", "true");
    wrap.appendChild(make("label", { for: id }, label(kind, field.key)));
    wrap.appendChild(input);
    if (field.help) {
      const help = make("p", { class: "wise-ws-studio__help", id: `${id}-help` }, t(`studio_help_${kind}_${field.key}`));
      input.setAttribute("aria-describedby", help.id);
      input.dataset.help = help.id;
      wrap.appendChild(help);
    }
    input.addEventListener(field.type === "select" ? "change" : "input", () => {
      record[field.key] = input.value;
      if (kind === "bins" && field.key === "id") refreshBinIds();
    });
    return wrap;
  }

  function renderList(kind) {
    const host = hosts[kind];
    const list = state[kind];
    host.textContent = "";
    const rows = make("ol", { class: "wise-ws-studio__rows" });
    list.forEach((record, index) => {
      const name = rowName(t, kind, index);
      const box = make("fieldset", { class: "wise-ws-studio__row", "data-kind": kind, "data-row": `${kind}[${index}]` });
      box.appendChild(make("legend", {}, name));
      const fields = make("div", { class: "wise-ws-studio__fields" });
      for (const field of ROW_FIELDS[kind]) fields.appendChild(control(kind, index, record, field));
      box.appendChild(fields);
      const actions = make("div", { class: "wise-ws-studio__actions" });
      for (const [action, text, disabled] of [
        ["up", "studio_move_up", index === 0],
        ["down", "studio_move_down", index === list.length - 1],
        ["remove", "studio_remove", false],
      ]) {
        const button = make("button", {
          type: "button", class: "wise-ws-studio__button", "data-action": action,
          "aria-label": t(`${text}_label`, { row: name }), disabled,
        }, t(text));
        button.addEventListener("click", () => act(kind, index, action));
        actions.appendChild(button);
      }
      box.appendChild(actions);
      const item = make("li");
      item.appendChild(box);
      rows.appendChild(item);
    });
    if (list.length) host.appendChild(rows);
    else host.appendChild(make("p", { class: "wise-ws-studio__help" }, t("studio_no_rows")));
    const add = make("button", { type: "button", class: "wise-ws-studio__button", "data-action": "add" }, t(ADD_KEYS[kind]));
    add.addEventListener("click", () => act(kind, list.length, "add"));
    host.appendChild(add);
    if (kind === "bins") refreshBinIds();
  }

  const rowBox = (kind, index) => hosts[kind].querySelector(`[data-row="${kind}[${index}]"]`);

  // Add, move or remove a row, re-render its list, move focus and say what happened. Errors from
  // the last save name rows by position, so they are cleared: the next save checks again.
  function act(kind, index, action) {
    const list = state[kind];
    clearErrors();
    if (action === "add") {
      list.push(toRow(kind));
      renderList(kind);
      rowBox(kind, list.length - 1).querySelector(FIRST_FIELD).focus();
      announce(t("studio_added", { row: rowName(t, kind, list.length - 1) }));
    } else if (action === "remove") {
      list.splice(index, 1);
      renderList(kind);
      const next = rowBox(kind, Math.min(index, list.length - 1));
      (next ? next.querySelector(FIRST_FIELD) : hosts[kind].querySelector("[data-action=add]")).focus();
      announce(t("studio_removed", { row: rowName(t, kind, index) }));
    } else {
      const record = list[index];
      const to = moveRow(list, index, action === "up" ? index - 1 : index + 1);
      renderList(kind);
      const box = rowBox(kind, to);
      const same = box.querySelector(`[data-action="${action}"]`);
      (same.disabled ? box.querySelector(`[data-action="${action === "up" ? "down" : "up"}"]`) : same).focus();
      const item = record.name || record.id || rowName(t, kind, to);
      announce(t("studio_moved", { item, row: rowName(t, kind, to), total: list.length }));
    }
  }

  function fill(content) {
    for (const kind of KINDS) state[kind] = (content[kind] || []).map((row) => toRow(kind, row));
    form.elements.intro.value = content.intro || "";
    clearErrors();
    for (const kind of KINDS) renderList(kind);
  }

  function clearErrors() {
    errorsBox.textContent = "";
    for (const note of root.querySelectorAll(".wise-ws-studio__error")) note.remove();
    for (const node of root.querySelectorAll("[aria-invalid]")) {
      node.removeAttribute("aria-invalid");
      if (node.dataset.help) node.setAttribute("aria-describedby", node.dataset.help);
      else node.removeAttribute("aria-describedby");
    }
  }

  // The input an error is about ({kind, index, key} or {setting}), or what stands for a whole list or row.
  function targetOf(where) {
    if (where.setting) return form.elements[where.setting] || null;
    if (where.kind && where.index !== undefined) {
      const box = rowBox(where.kind, where.index);
      if (!box) return null;
      return where.key ? box.querySelector(`[data-field="${where.key}"]`) : box.querySelector(FIRST_FIELD);
    }
    if (where.kind) return hosts[where.kind].querySelector("[data-action=add]");
    return null;
  }

  function labelOf(where) {
    if (where.key) return label(where.kind, where.key);
    if (where.kind) return root.querySelector(`#${uid}-${where.kind}-heading`).textContent;
    const input = form.elements[where.setting];
    return input ? root.querySelector(`label[for="${input.id}"]`).textContent : where.setting;
  }

  let errorCount = 0;
  function showInline(target, message, isInput) {
    errorCount += 1;
    const note = make("p", { class: "wise-ws-studio__error", id: `${uid}-error-${errorCount}` }, message);
    if (isInput) {
      target.setAttribute("aria-invalid", "true");
      const described = (target.getAttribute("aria-describedby") || "").split(" ").filter(Boolean);
      target.setAttribute("aria-describedby", [...described, note.id].join(" "));
      target.closest(".wise-ws-studio__field").appendChild(note);
    } else {
      target.before(note); // a list's problem ("Add from 2 to 12 bins."): above its Add button
    }
  }

  function showErrors(errors) {
    clearErrors();
    const list = make("ul");
    for (const error of errors) {
      const where = parseErrorField(error.field);
      const target = targetOf(where);
      const isInput = Boolean(target && (where.key || where.setting));
      if (target) showInline(target, error.message, isInput);
      const text = describeError(t, error, labelOf);
      const li = make("li");
      if (target && target.id) {
        const link = make("a", { href: `#${target.id}` }, text);
        link.addEventListener("click", (event) => {
          event.preventDefault();
          target.focus();
        });
        li.appendChild(link);
      } else {
        li.textContent = text;
      }
      list.appendChild(li);
    }
    errorsBox.append(make("p", {}, t("studio_errors")), list);
    errorsBox.focus();
  }

  fill(args.content);
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const payload = {
      settings: readSettings(form),
      content: rowsToContent(form.elements.intro.value, state.bins, state.items),
    };
    notify("save", { state: "start" });
    server.call("studio_submit", payload).then(() => {
      clearErrors();
      announce(t("studio_saved"));
      notify("save", { state: "end" });
    }, (error) => {
      notify("error", { title: t("studio_errors"), message: error.message });
      showErrors((error.body && error.body.errors) || [{ field: "", message: error.message }]);
    });
  });
  root.querySelector("[data-action=load-preset]").addEventListener("click", () => {
    server.call("load_preset", { preset: form.elements.preset.value }).then((body) => {
      fill(body.content);
      announce(t("studio_preset_loaded"));
    }, (error) => showErrors([{ field: "preset", message: error.message }]));
  });
  root.querySelector("[data-action=cancel]").addEventListener("click", () => notify("cancel", {}));
  root.dataset.ready = "true"; // every control is wired (tests and scripts wait for this)
}
