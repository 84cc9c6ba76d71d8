import { test } from "node:test";
import assert from "node:assert/strict";
import { keyAction, nextIndex } from "../../../xblocks/wise_xblocks/waste_sorting/public/js/keyboard.js";

test("Ctrl+Z and Cmd+Z undo anywhere", () => {
  assert.deepEqual(keyAction("z", { ctrl: true }), { type: "undo" });
  assert.deepEqual(keyAction("Z", { ctrl: true, zone: "bin" }), { type: "undo" });
  assert.equal(keyAction("z", { ctrl: false }), null);
});

test("Escape cancels only when an item is selected", () => {
  assert.deepEqual(keyAction("Escape", { hasSelection: true }), { type: "cancel" });
  assert.equal(keyAction("Escape", { hasSelection: false }), null);
});

test("arrows, Home and End move within items or bins; Enter is left to the button's click", () => {
  assert.deepEqual(keyAction("ArrowDown", { zone: "item" }), { type: "move", delta: 1 });
  assert.deepEqual(keyAction("ArrowLeft", { zone: "bin" }), { type: "move", delta: -1 });
  assert.deepEqual(keyAction("End", { zone: "bin" }), { type: "move", delta: "last" });
  assert.equal(keyAction("ArrowDown", { zone: "other" }), null);
  assert.equal(keyAction("Enter", { zone: "item" }), null);
});

test("nextIndex wraps around both ends", () => {
  assert.equal(nextIndex(0, -1, 3), 2);
  assert.equal(nextIndex(2, 1, 3), 0);
  assert.equal(nextIndex(1, "first", 3), 0);
  assert.equal(nextIndex(1, "last", 3), 2);
  assert.equal(nextIndex(0, 1, 0), -1);
});
