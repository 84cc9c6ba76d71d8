// Builds the exercise's DOM from the state. Every bin shows its name and an icon pattern, and
// every mark shows a word and a symbol, so colour is never the only cue (WCAG 1.4.1).
import { itemsIn, unplaced } from "./state.js";

function el(doc, tag, attrs = {}, text = null) {
  const node = doc.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === null || value === undefined || value === false) continue;
    if (name === "className") node.className = value;
    else node.setAttribute(name, value === true ? "" : String(value));
  }
  if (text !== null) node.textContent = text;
  return node;
}

export function itemCard(doc, item, { selected = false, draggable = true, uid = "" } = {}) {
  const button = el(doc, "button", {
    type: "button", className: "wise-ws__item" + (selected ? " is-selected" : ""),
    "data-item": item.id, "data-drag-item": draggable ? item.id : null, "aria-pressed": selected ? "true" : "false",
    id: uid ? `${uid}-item-${item.id}` : null,
  });
  if (item.image) button.appendChild(el(doc, "img", { src: item.image, alt: item.image_alt || "", loading: "lazy" }));
  button.appendChild(el(doc, "span", { className: "wise-ws__item-name" }, item.name));
  if (item.description) button.appendChild(el(doc, "span", { className: "wise-ws__item-desc" }, item.description));
  return button;
}

export function binCard(doc, bin, t, { count = null, hover = false, armed = false } = {}) {
  const button = el(doc, "button", {
    type: "button", className: "wise-ws__bin-target" + (hover ? " is-hover" : "") + (armed ? " is-armed" : ""),
    "data-bin": bin.id, "data-drop-bin": bin.id, style: `--bin-colour: ${bin.colour}`,
  });
  button.appendChild(el(doc, "span", { className: `wise-ws__icon wise-ws__icon--${bin.icon}`, "aria-hidden": "true" }));
  button.appendChild(el(doc, "span", { className: "wise-ws__bin-name" }, bin.name));
  if (bin.description) button.appendChild(el(doc, "span", { className: "wise-ws__bin-desc" }, bin.description));
  if (count !== null) button.appendChild(el(doc, "span", { className: "wise-ws__bin-count" }, t("bin_count", { count })));
  return button;
}

function placedEntry(doc, item, bin, feedback, t, canTakeBack) {
  const li = el(doc, "li", { className: "wise-ws__placed" });
  if (canTakeBack) {
    li.appendChild(el(doc, "button", { type: "button", className: "wise-ws__placed-item", "data-placed": item.id,
      "aria-label": t("take_back", { item: item.name }) }, item.name));
  } else {
    li.appendChild(el(doc, "span", { className: "wise-ws__placed-item" }, item.name));
  }
  if (feedback) {
    const ok = feedback.correct;
    li.classList.add(ok ? "is-correct" : "is-wrong");
    li.appendChild(el(doc, "span", { className: "wise-ws__mark" }, (ok ? "\u2713 " : "\u2717 ") + t(ok ? "mark_correct" : "mark_wrong")));
    if (feedback.explanation) {
      // The server sanitised this author HTML with nh3 (common.sanitize) when it parsed the
      // content: links and emphasis stay, scripts and event attributes never reach the page.
      const why = el(doc, "div", { className: "wise-ws__why" });
      why.innerHTML = feedback.explanation;
      li.appendChild(why);
    }
  }
  return li;
}

// Renders the whole exercise into `root`; returns nothing. `view` carries hover/armed/locked flags.
export function renderExercise(root, state, t, view = {}) {
  const doc = root.ownerDocument;
  root.textContent = "";
  const left = unplaced(state);
  const pool = el(doc, "div", { className: "wise-ws__pool" });
  pool.appendChild(el(doc, "h4", { id: `${view.uid}-items` }, t("items_heading")));
  if (!left.length) pool.appendChild(el(doc, "p", { className: "wise-ws__done" }, t("no_items_left")));
  const list = el(doc, "ul", { className: "wise-ws__items", "aria-labelledby": `${view.uid}-items` });
  for (const item of left) {
    const li = el(doc, "li");
    li.appendChild(itemCard(doc, item, { selected: state.selected === item.id, draggable: !view.locked, uid: view.uid }));
    list.appendChild(li);
  }
  pool.appendChild(list);
  root.appendChild(pool);

  const binsBox = el(doc, "div", { className: "wise-ws__bins-box" });
  binsBox.appendChild(el(doc, "h4", { id: `${view.uid}-bins` }, t("bins_heading")));
  const bins = el(doc, "ul", { className: "wise-ws__bins", "aria-labelledby": `${view.uid}-bins` });
  for (const bin of state.bins) {
    const inside = itemsIn(state, bin.id);
    const li = el(doc, "li", { className: "wise-ws__bin", "data-drop-bin": bin.id });
    li.appendChild(binCard(doc, bin, t, { count: inside.length, hover: view.hover === bin.id, armed: !!state.selected }));
    if (inside.length) {
      const placed = el(doc, "ul", { className: "wise-ws__placed-list" });
      for (const item of inside) placed.appendChild(placedEntry(doc, item, bin, state.feedback[item.id], t, !view.locked));
      li.appendChild(placed);
    }
    bins.appendChild(li);
  }
  binsBox.appendChild(bins);
  root.appendChild(binsBox);
}
