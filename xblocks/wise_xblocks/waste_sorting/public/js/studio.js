// Studio editor: settings, a preset picker, and rows for bins and items. The server validates
// every save (studio_submit); on 400 the errors are listed next to their fields and nothing
// is saved, and the author's unsaved edits stay in the form.
import { makeTranslator } from "../common/js/i18n.js";
import { makeServer } from "../common/js/server.js";
import { readSettings, rowsToContent } from "./studio_form.js";

const BIN_FIELDS = [["id", "text"], ["name", "text"], ["colour", "color"], ["icon", "text"], ["stream", "text"],
  ["description", "text"]];
const ITEM_FIELDS = [["id", "text"], ["name", "text"], ["bin", "text"], ["weight", "number"], ["explanation", "textarea"],
  ["description", "text"], ["image", "text"], ["image_alt", "text"], ["source", "text"]];

export function init(runtime, element, args) {
  const t = makeTranslator(args.strings).t;
  const server = makeServer(runtime, element);
  const form = element.querySelector("[data-role=form]");
  const errorsBox = element.querySelector("[data-role=errors]");
  const statusBox = element.querySelector("[data-role=status]");
  const binsBox = element.querySelector("[data-role=bins]");
  const itemsBox = element.querySelector("[data-role=items]");
  form.elements.intro.value = args.content.intro || "";

  function row(kind, fields, values, index) {
    const box = document.createElement("fieldset");
    box.className = "wise-ws-studio__row";
    box.dataset.kind = kind;
    const legend = document.createElement("legend");
    legend.textContent = `${kind} ${index + 1}`;
    box.appendChild(legend);
    for (const [name, type] of fields) {
      const label = document.createElement("label");
      label.textContent = `${name} `;
      const input = document.createElement(type === "textarea" ? "textarea" : "input");
      if (type !== "textarea") input.type = type;
      input.name = `${kind}s[${index}].${name}`;
      input.dataset.field = name;
      input.value = values[name] ?? "";
      label.appendChild(input);
      box.appendChild(label);
    }
    const remove = document.createElement("button");
    remove.type = "button";
    remove.textContent = t("studio_remove");
    remove.addEventListener("click", () => { box.remove(); });
    box.appendChild(remove);
    return box;
  }
  function fill(content) {
    binsBox.textContent = "";
    itemsBox.textContent = "";
    content.bins.forEach((bin, i) => binsBox.appendChild(row("bin", BIN_FIELDS, bin, i)));
    content.items.forEach((item, i) => itemsBox.appendChild(row("item", ITEM_FIELDS, item, i)));
    form.elements.intro.value = content.intro || "";
    for (const [box, kind, fields] of [[binsBox, "bin", BIN_FIELDS], [itemsBox, "item", ITEM_FIELDS]]) {
      const add = document.createElement("button");
      add.type = "button";
      add.textContent = t(kind === "bin" ? "studio_add_bin" : "studio_add_item");
      add.addEventListener("click", () => {
        box.insertBefore(row(kind, fields, {}, box.querySelectorAll(".wise-ws-studio__row").length), add);
      });
      box.appendChild(add);
    }
  }
  function collect(box) {
    return [...box.querySelectorAll(".wise-ws-studio__row")].map((rowBox) => {
      const values = {};
      rowBox.querySelectorAll("[data-field]").forEach((input) => {
        if (input.value !== "") values[input.dataset.field] = input.value;
      });
      return values;
    });
  }
  function showErrors(errors) {
    errorsBox.textContent = "";
    const intro = document.createElement("p");
    intro.textContent = t("studio_errors");
    const list = document.createElement("ul");
    for (const error of errors) {
      const li = document.createElement("li");
      li.textContent = `${error.field}: ${error.message}`;
      list.appendChild(li);
    }
    errorsBox.append(intro, list);
    errorsBox.focus();
  }

  fill(args.content);
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const payload = {
      settings: readSettings(form),
      content: rowsToContent(form.elements.intro.value, collect(binsBox), collect(itemsBox)),
    };
    if (runtime.notify) runtime.notify("save", { state: "start" });
    server.call("studio_submit", payload).then(() => {
      errorsBox.textContent = "";
      statusBox.textContent = t("studio_saved");
      if (runtime.notify) runtime.notify("save", { state: "end" });
    }, (error) => {
      if (runtime.notify) runtime.notify("error", { title: t("studio_errors"), message: error.message });
      showErrors((error.body && error.body.errors) || [{ field: "", message: error.message }]);
    });
  });
  element.querySelector("[data-action=load-preset]").addEventListener("click", () => {
    server.call("load_preset", { preset: form.elements.preset.value }).then((body) => {
      fill(body.content);
      statusBox.textContent = t("studio_preset_loaded");
    }, (error) => showErrors([{ field: "preset", message: error.message }]));
  });
  element.querySelector("[data-action=cancel]").addEventListener("click", () => {
    if (runtime.notify) runtime.notify("cancel", {});
  });
}
