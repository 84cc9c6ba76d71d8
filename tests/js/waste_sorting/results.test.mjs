import { test } from "node:test";
import assert from "node:assert/strict";
import { feedbackMessage, percent, plainText, simulationLines } from "../../../xblocks/wise_xblocks/waste_sorting/public/js/results.js";
import { isDrag } from "../../../xblocks/wise_xblocks/waste_sorting/public/js/pointer.js";
import { readSettings, rowsToContent } from "../../../xblocks/wise_xblocks/waste_sorting/public/js/studio_form.js";

const t = (key, values = {}) => `${key}:${JSON.stringify(values)}`;

test("percent rounds to one decimal", () => {
  assert.equal(percent(0.5555), 55.6);
  assert.equal(percent(undefined), 0);
});

test("plainText strips tags and decodes the common entities for the live region", () => {
  assert.equal(plainText("<p>Grease &amp; paper <strong>do not</strong> mix</p>"), "Grease & paper do not mix");
});

test("feedbackMessage names the right bin only when the server revealed it", () => {
  assert.match(feedbackMessage(t, { correct: true }, "Jar", "Glass"), /^correct:/);
  assert.match(feedbackMessage(t, { correct: false }, "Jar", "Paper", "Glass"), /wrong_goes_in.*Glass/);
  assert.match(feedbackMessage(t, { correct: false }, "Jar", "Paper", null), /^wrong:/);
});

test("simulationLines reports rates, each target, contamination and unsorted items by name", () => {
  const outcome = {
    separate_collection_rate: 0.9, recycling_rate: 0.56, best_possible_rate: 0.7,
    targets: [{ year: 2025, target: 0.55, met: true }, { year: 2030, target: 0.6, met: false }],
    bins: [{ bin: "paper", weight: 300, contamination: 1 / 3 }, { bin: "glass", weight: 0, contamination: 0 }],
    contaminating_items: ["receipt"], unsorted: ["jar"],
  };
  const lines = simulationLines(t, outcome, { paper: "Paper", receipt: "Receipt", jar: "Jar" });
  assert.equal(lines.length, 6);
  assert.match(lines[0], /"separate":90,"recycling":56,"best":70/);
  assert.match(lines[1], /^sim_target_met:.*2025/);
  assert.match(lines[2], /^sim_target_missed:.*2030/);
  assert.match(lines[3], /Paper.*33.3/);
  assert.match(lines[4], /Receipt/);
  assert.match(lines[5], /^sim_unsorted:.*Jar/);
});

test("isDrag needs a few pixels of movement so a tap stays a click", () => {
  assert.equal(isDrag({ x: 0, y: 0 }, { x: 3, y: 3 }), false);
  assert.equal(isDrag({ x: 0, y: 0 }, { x: 6, y: 0 }), true);
});

test("studio rows become the studio_submit payload with numeric weights", () => {
  const content = rowsToContent("<p>x</p>", [{ id: "a", name: "A" }], [{ id: "i", name: "I", bin: "a", weight: "120" }, { id: "j", name: "J", bin: "a" }]);
  assert.deepEqual(content.items, [{ id: "i", name: "I", bin: "a", weight: 120 }, { id: "j", name: "J", bin: "a" }]);
  const form = { elements: { display_name: { value: "D" }, mode: { value: "practice" }, weight: { value: "1" },
    max_attempts: { value: "0" }, showanswer: { value: "finished" }, pool_size: { value: "0" }, shuffle: { checked: true },
    simulation: { checked: false }, simulation_pace: { value: "8" }, preset: { value: "eu" } } };
  assert.equal(readSettings(form).shuffle, true);
  assert.equal(readSettings(form).preset, "eu");
});
