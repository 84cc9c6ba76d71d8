import { test } from "node:test";
import assert from "node:assert/strict";
import * as S from "../../../xblocks/wise_xblocks/waste_sorting/public/js/state.js";

const items = [{ id: "jar", name: "Jar" }, { id: "receipt", name: "Receipt" }];
const bins = [{ id: "glass", name: "Glass" }, { id: "residual", name: "Residual" }];

test("createState drops placements of unknown items or bins (stale state after an author edit)", () => {
  const state = S.createState({ items, bins, placements: { jar: "glass", gone: "glass", receipt: "nowhere" } });
  assert.deepEqual(state.placements, { jar: "glass" });
  assert.deepEqual(S.unplaced(state).map((i) => i.id), ["receipt"]);
});

test("place, move and undo walk back through history", () => {
  let state = S.createState({ items, bins });
  state = S.select(state, "jar");
  assert.equal(state.selected, "jar");
  state = S.place(state, "jar", "residual");
  assert.equal(state.selected, null);
  state = S.place(state, "jar", "glass");
  assert.deepEqual(S.itemsIn(state, "glass").map((i) => i.id), ["jar"]);
  let result = S.undo(state);
  assert.equal(result.undone, "jar");
  assert.equal(result.to, "residual");
  assert.equal(result.state.placements.jar, "residual");
  result = S.undo(result.state);
  assert.equal(result.to, null);
  assert.deepEqual(result.state.placements, {});
  assert.equal(S.undo(result.state).undone, null);
});

test("placing clears stale feedback; takeBack returns the item to the list", () => {
  let state = S.createState({ items, bins });
  state = S.withFeedback(S.place(state, "jar", "residual"), "jar", { correct: false });
  assert.ok(state.feedback.jar);
  state = S.place(state, "jar", "glass");
  assert.equal(state.feedback.jar, undefined);
  state = S.takeBack(state, "jar");
  assert.ok(!("jar" in state.placements));
  assert.equal(S.allPlaced(state), false);
});

test("unknown ids change nothing", () => {
  const state = S.createState({ items, bins });
  assert.equal(S.place(state, "nope", "glass"), state);
  assert.equal(S.place(state, "jar", "nope"), state);
  assert.equal(S.select(state, "nope"), state);
  assert.equal(S.takeBack(state, "jar"), state);
});

test("allPlaced and reset", () => {
  let state = S.place(S.place(S.createState({ items, bins }), "jar", "glass"), "receipt", "residual");
  assert.equal(S.allPlaced(state), true);
  state = S.reset(state);
  assert.equal(S.unplaced(state).length, 2);
  assert.equal(state.history.length, 0);
});
