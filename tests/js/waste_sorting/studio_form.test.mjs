import { test } from "node:test";
import assert from "node:assert/strict";
import {
  ROW_FIELDS, describeError, moveRow, parseErrorField, rowName, rowsToContent, toRow,
} from "../../../xblocks/wise_xblocks/waste_sorting/public/js/studio_form.js";

// A translator like the page's: English templates with {placeholders}.
const STRINGS = { studio_bin_row: "Bin {number}", studio_item_row: "Item {number}", studio_error_at: "{place}: {message}" };
const t = (key, values = {}) => (STRINGS[key] ?? key).replace(/\{(\w+)\}/g, (m, name) => String(values[name] ?? m));
const LABELS = { "items.bin": "Bin", "bins.colour": "Colour", bins: "Bins", display_name: "Display name" };
const labelOf = (where) => LABELS[where.key ? `${where.kind}.${where.key}` : where.kind || where.setting];

test("toRow gives every field as text, with the bin defaults the server would use", () => {
  assert.deepEqual(toRow("bins"), { id: "", name: "", colour: "#5a6270", icon: "other", stream: "recycling", description: "" });
  const item = toRow("items", { id: "jar", name: "Jar", bin: "glass", weight: 300, image: null });
  assert.equal(item.weight, "300");
  assert.equal(item.image, "");
  assert.deepEqual(Object.keys(item), ROW_FIELDS.items.map((field) => field.key));
});

test("rowsToContent drops empty fields and sends weights as numbers, or as typed when not a number", () => {
  const items = [
    toRow("items", { id: "a", name: "A", bin: "paper", weight: 120 }),
    { id: "b", name: "B", bin: "paper", weight: "lots" },
    { id: "c", name: "C", bin: "paper", weight: "  " },
  ];
  const content = rowsToContent("", [toRow("bins", { id: "paper", name: "Paper" })], items);
  assert.deepEqual(content.items[0], { id: "a", name: "A", bin: "paper", weight: 120 });
  assert.equal(content.items[1].weight, "lots"); // the server answers "Enter a whole number." for it
  assert.equal(content.items[2].weight, "  ");
  assert.deepEqual(content.bins[0], { id: "paper", name: "Paper", colour: "#5a6270", icon: "other", stream: "recycling" });
});

test("moveRow moves in place and ignores moves out of range", () => {
  const list = ["a", "b", "c"];
  assert.equal(moveRow(list, 2, 1), 1);
  assert.deepEqual(list, ["a", "c", "b"]);
  assert.equal(moveRow(list, 0, -1), 0);
  assert.equal(moveRow(list, 2, 3), 2);
  assert.equal(moveRow(list, -1, 0), -1);
  assert.deepEqual(list, ["a", "c", "b"]);
});

test("parseErrorField reads the server's error paths", () => {
  assert.deepEqual(parseErrorField("items[0].bin"), { kind: "items", index: 0, key: "bin" });
  assert.deepEqual(parseErrorField("bins[11].colour"), { kind: "bins", index: 11, key: "colour" });
  assert.deepEqual(parseErrorField("bins[2]"), { kind: "bins", index: 2, key: undefined });
  assert.deepEqual(parseErrorField("items[1].unknown"), { kind: "items", index: 1, key: undefined });
  assert.deepEqual(parseErrorField("bins"), { kind: "bins" });
  assert.deepEqual(parseErrorField("pool_size"), { setting: "pool_size" });
  assert.deepEqual(parseErrorField("intro"), { setting: "intro" });
  assert.deepEqual(parseErrorField("content"), {});
  assert.deepEqual(parseErrorField(undefined), {});
});

test("describeError names the row and field in words, counting rows from 1", () => {
  const message = '"cardbord" is not one of this block\'s bins (paper, glass).';
  assert.equal(describeError(t, { field: "items[0].bin", message }, labelOf), `Item 1, Bin: ${message}`);
  assert.equal(describeError(t, { field: "bins[2].colour", message: "Bad." }, labelOf), "Bin 3, Colour: Bad.");
  assert.equal(describeError(t, { field: "bins[4]", message: "Bad." }, labelOf), "Bin 5: Bad.");
  assert.equal(describeError(t, { field: "bins", message: "Add more." }, labelOf), "Bins: Add more.");
  assert.equal(describeError(t, { field: "display_name", message: "Required." }, labelOf), "Display name: Required.");
  assert.equal(describeError(t, { field: "", message: "Offline." }, labelOf), "Offline.");
  assert.equal(rowName(t, "items", 11), "Item 12");
});
