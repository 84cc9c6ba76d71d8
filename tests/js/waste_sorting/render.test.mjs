import { test } from "node:test";
import assert from "node:assert/strict";
import { renderExercise } from "../../../xblocks/wise_xblocks/waste_sorting/public/js/render.js";
import * as S from "../../../xblocks/wise_xblocks/waste_sorting/public/js/state.js";

// The smallest DOM render.js needs: enough to read back text, attributes and classes.
class Node {
  constructor(tag) {
    this.tag = tag;
    this.children = [];
    this.attributes = {};
    this.text = "";
    this.html = "";
    this.ownerDocument = doc;
    this.classList = { add: (c) => { this.className = `${this.className || ""} ${c}`.trim(); } };
  }
  setAttribute(name, value) { this.attributes[name] = value; if (name === "class") this.className = value; }
  getAttribute(name) { return this.attributes[name] ?? null; }
  appendChild(child) { this.children.push(child); return child; }
  set textContent(value) { this.text = value; this.children = []; }
  get textContent() { return this.text + this.children.map((c) => c.textContent).join(" "); }
  set innerHTML(value) { this.html = value; }
  all() { return [this, ...this.children.flatMap((c) => c.all())]; }
}
const doc = { createElement: (tag) => new Node(tag) };

const items = [{ id: "jar", name: "Jar" }, { id: "receipt", name: "Receipt" }];
const bins = [{ id: "glass", name: "Glass", colour: "#2e8b3a", icon: "glass", description: "Bottles and jars only." },
  { id: "residual", name: "Residual", colour: "#6b6f76", icon: "residual" }];
const t = (key, values = {}) => ({ mark_correct: "Correct", mark_wrong: "Wrong" }[key] || `${key} ${JSON.stringify(values)}`);

test("unplaced items are buttons; bins show their name and an icon pattern, not only a colour", () => {
  const root = new Node("div");
  renderExercise(root, S.select(S.createState({ items, bins }), "jar"), t, { uid: "u" });
  const nodes = root.all();
  const itemButtons = nodes.filter((n) => n.attributes["data-item"]);
  assert.deepEqual(itemButtons.map((n) => n.attributes["data-item"]), ["jar", "receipt"]);
  assert.equal(itemButtons[0].attributes["aria-pressed"], "true");
  const binButtons = nodes.filter((n) => n.attributes["data-bin"]);
  assert.equal(binButtons.length, 2);
  for (const button of binButtons) {
    assert.ok(button.textContent.includes(bins.find((b) => b.id === button.attributes["data-bin"]).name));
    assert.ok(button.all().some((n) => /wise-ws__icon--/.test(n.className || "")));
  }
  assert.ok(binButtons[0].textContent.includes("Bottles and jars only."));
});

test("feedback marks carry a word and a symbol, and the sanitised explanation", () => {
  let state = S.place(S.place(S.createState({ items, bins }), "jar", "glass"), "receipt", "glass");
  state = S.withFeedback(state, "jar", { correct: true, explanation: "<p>Glass packaging.</p>" });
  state = S.withFeedback(state, "receipt", { correct: false });
  const root = new Node("div");
  renderExercise(root, state, t, { uid: "u" });
  const marks = root.all().filter((n) => n.className === "wise-ws__mark").map((n) => n.text);
  assert.deepEqual(marks, ["\u2713 Correct", "\u2717 Wrong"]);
  assert.ok(root.all().some((n) => n.html === "<p>Glass packaging.</p>"));
  const takeBack = root.all().filter((n) => n.attributes["data-placed"]);
  assert.equal(takeBack.length, 2);
  const locked = new Node("div");
  renderExercise(locked, state, t, { uid: "u", locked: true });
  assert.equal(locked.all().filter((n) => n.attributes["data-placed"]).length, 0);
});
