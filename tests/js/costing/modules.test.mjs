// Pure modules of the costing page, run with Node's own test runner:
//   node --test tests/js/costing/
import assert from "node:assert/strict";
import { test } from "node:test";

import { axisStep, chartSvg, escapeXml, niceTicks, pointAt, tableRows, whatIf } from "../../../xblocks/wise_xblocks/costing/public/js/chart.js";
import { baseLocale, makeFormatter, parseAmount } from "../../../xblocks/wise_xblocks/costing/public/js/format.js";
import { collectAnswers, stepFeedback, summary } from "../../../xblocks/wise_xblocks/costing/public/js/results.js";

const t = (key, values = {}) => [key, ...Object.entries(values).map(([k, v]) => `${k}=${v}`)].join(" ");
// The tourism template with its default values: F = 1590, v = 254, kept per participant 496.93.
const TOUR = { fixed: 1590, variable: 254, unit_revenue: 496.9285714, from: 1, to: 30, x_label: "Participants" };
const labels = { title: "What if", desc: "Cost, revenue, profit", cost: "Cost", revenue: "Revenue", profit: "Profit",
  breakEven: "Break-even", xLabel: "Participants" };

test("what-if model: cost, revenue and profit per group size, break-even where they meet", () => {
  const model = whatIf(TOUR);
  assert.equal(model.points.length, 30);
  const at10 = pointAt(model, 10);
  assert.equal(at10.cost, 1590 + 254 * 10); // 4130
  assert.ok(Math.abs(at10.revenue - 4969.285714) < 1e-6);
  assert.ok(Math.abs(at10.profit - (4969.285714 - 4130)) < 1e-6);
  // 1590 / (496.93 − 254) = 6.545
  assert.ok(Math.abs(model.breakEven - 6.5451) < 1e-3);
});

test("a what-if price at or below the variable cost has no break-even", () => {
  assert.equal(whatIf(TOUR, 254).breakEven, null);
  assert.equal(whatIf(TOUR, 100).breakEven, null);
  assert.ok(whatIf(TOUR, 600).breakEven < 5);
});

test("continuous axes get twenty steps; group sizes whole numbers", () => {
  assert.equal(axisStep(1, 30), 1);
  assert.equal(axisStep(0, 5), 0.25);
  assert.equal(axisStep(0, 1000), 10);
  const farm = whatIf({ fixed: 457, variable: 0, unit_revenue: 247, from: 0, to: 5 });
  assert.equal(farm.points.length, 21);
  assert.ok(Math.abs(farm.breakEven - 1.8502) < 1e-4);
});

test("nice ticks cover the range", () => {
  assert.deepEqual(niceTicks(0, 100, 5), [0, 20, 40, 60, 80, 100]);
  const ticks = niceTicks(-1590, 13000);
  assert.deepEqual(ticks, [-5000, 0, 5000, 10000, 15000]);
});

test("the SVG is labelled, escapes text, marks break-even and the cursor", () => {
  const format = makeFormatter("en", "EUR");
  const svg = chartSvg(whatIf(TOUR), { labels: { ...labels, xLabel: "<b>People</b>" }, format, cursor: 7, idPrefix: "t1" });
  assert.match(svg, /^<svg [^>]*role="img" aria-labelledby="t1-svg-title t1-svg-desc"/);
  assert.match(svg, /<title id="t1-svg-title">What if<\/title>/);
  assert.ok(svg.includes("&lt;b&gt;People&lt;/b&gt;") && !svg.includes("<b>"));
  assert.equal((svg.match(/<polyline /g) || []).length, 3);
  assert.match(svg, /class="wco-break-even-label"[^>]*>Break-even: 6.5</);
  assert.equal((svg.match(/class="wco-dot"/g) || []).length, 3);
  assert.ok(svg.includes('stroke-dasharray="8 4"') && svg.includes('stroke-dasharray="2 3"'));
});

test("no break-even line when the price does not cover the variable cost", () => {
  const svg = chartSvg(whatIf(TOUR, 200), { labels, format: makeFormatter("en", "EUR") });
  assert.ok(!svg.includes("wco-break-even"));
});

test("table rows are formatted in the learner's locale", () => {
  const rows = tableRows(whatIf({ ...TOUR, to: 2 }), makeFormatter("de", "EUR"));
  assert.deepEqual(rows[0].map((cell) => cell.replace(/\u00a0/g, " ")), ["1", "1.844,00 €", "496,93 €", "-1.347,07 €"]);
  const pln = makeFormatter("pl", "PLN").money(1234.5).replace(/\u00a0/g, " ");
  assert.equal(pln, "1234,50 zł");
});

test("escapeXml", () => {
  assert.equal(escapeXml(`<a href="x">'&'</a>`), "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;");
});

test("parseAmount follows the server's rules in every locale", () => {
  for (const locale of ["en", "it", "sl", "hr", "pl", "fr", "nl", "de"]) {
    for (const [text, value] of [["1234.5", 1234.5], ["1.234,50", 1234.5], ["1,234.50", 1234.5], ["1 234,50", 1234.5],
      ["1'234.50", 1234.5], ["€1,234.50", 1234.5], ["1.234,50 €", 1234.5], ["1 234,50 zł", 1234.5], ["-12,5", -12.5],
      ["1.234.567", 1234567], ["1234,5678", 1234.5678]]) {
      assert.equal(parseAmount(text, locale), value, `${text} in ${locale}`);
    }
  }
  assert.equal(parseAmount("1,234", "en"), 1234);
  assert.equal(parseAmount("1.234", "en"), 1.234);
  assert.equal(parseAmount("1.234", "de"), 1234);
  assert.equal(parseAmount("1,234", "it"), 1.234);
  for (const bad of ["", "abc", "12.34.567", "5.", "1 234.567,8", "x".repeat(41)]) assert.equal(parseAmount(bad, "it"), null, bad);
  assert.equal(baseLocale("pt-BR"), "en");
  assert.equal(baseLocale("de_DE"), "de");
});

test("step feedback and summary", () => {
  assert.deepEqual(stepFeedback({ status: "incorrect", message: "Mark-up, not margin." }, t),
    { status: "incorrect", text: "incorrect Mark-up, not margin." });
  assert.deepEqual(stepFeedback({ status: "unanswered", message: "No answer given." }, t), { status: "unanswered", text: "unanswered" });
  assert.deepEqual(stepFeedback(undefined, t), { status: null, text: "" });
  const results = { a: { status: "correct", possible: 1 }, b: { status: "incorrect", possible: 2 } };
  assert.equal(summary(results, t), "submitted earned=1 possible=3");
  assert.deepEqual(collectAnswers([{ name: "a", value: " 12 " }, { name: "b", value: "" }]), { a: "12", b: "" });
});
