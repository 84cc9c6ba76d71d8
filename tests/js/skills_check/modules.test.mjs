// Pure modules of the skills self-assessment page, run with Node's own test runner:
//   node --test tests/js/skills_check/
import assert from "node:assert/strict";
import { test } from "node:test";

import { barWidth, chartSvg, wrapText, WIDTH } from "../../../xblocks/wise_xblocks/skills_check/public/js/chart.js";
import { escapeHtml, safeHref } from "../../../xblocks/wise_xblocks/skills_check/public/js/html.js";
import { countAnswered, readRatings } from "../../../xblocks/wise_xblocks/skills_check/public/js/ratings.js";
import { gapText, resultHtml } from "../../../xblocks/wise_xblocks/skills_check/public/js/results.js";
import { parseUnitLines } from "../../../xblocks/wise_xblocks/skills_check/public/js/units.js";

const t = (key, values = {}) => [key, ...Object.entries(values).map(([k, v]) => `${k}=${v}`)].join(" ");

const row = (over = {}) => ({
  key: "digcomp:1.1", topic: "Find information on the internet.", step: 1, step_label: "I can do this with help.",
  required_step: 2, required_label: "I can do this on my own.", start_step: null, start_label: null,
  change: null, gap: 1, max_step: 4, ...over,
});

const result = (over = {}) => ({
  phase: "start", has_role: true, role_name: "Sorting operator", has_start: false, rows: [row()],
  gaps: [{ key: "digcomp:1.1", topic: "Find information on the internet.", gap: 1 }],
  recommendations: [{ competence: "digcomp:1.1", topic: "Find information on the internet.",
    units: [{ competence: "digcomp:1.1", href: "/jump_to_id/x", title: "Searching & finding" }] }],
  units: [], summary: { rated: 1, skipped: 0, improved: 0, same: 0, lower: 0 }, ...over,
});

test("a checked step becomes a number, no choice or the skip choice become null", () => {
  const ratings = readRatings([
    { key: "a", value: "2" }, { key: "b", value: "" }, { key: "c", value: null }, { key: "d", value: "0" },
    { key: "e", value: "x" },
  ]);
  assert.deepEqual(ratings, { a: 2, b: null, c: null, d: 0, e: null });
  assert.equal(countAnswered(ratings), 2);
});

test("labels wrap on words and never lose a word", () => {
  const text = "Know what you still need to learn about phones and computers.";
  const lines = wrapText(text, 20);
  assert.ok(lines.every((line) => line.length <= 20));
  assert.equal(lines.join(" "), text);
  assert.deepEqual(wrapText("", 10), [""]);
  assert.deepEqual(wrapText("Supercalifragilistic word", 5), ["Supercalifragilistic", "word"]);
});

test("bar widths are proportional and clamped", () => {
  assert.equal(barWidth(2, 4), WIDTH / 2);
  assert.equal(barWidth(4, 4), WIDTH);
  assert.equal(barWidth(9, 4), WIDTH);
  assert.equal(barWidth(null, 4), 0);
  assert.equal(barWidth(0, 4), 0);
});

test("the chart is an image with a title and description, one bar per skill and a needed marker", () => {
  const svg = chartSvg([row(), row({ key: "b", step: null, required_step: null })],
    { id: "c1", title: "Your skills", desc: "One bar for each skill." });
  assert.match(svg, /^<svg class="wsc-chart" role="img"[^>]*aria-labelledby="c1-t c1-d"/);
  assert.match(svg, /<title id="c1-t">Your skills<\/title><desc id="c1-d">One bar for each skill.<\/desc>/);
  assert.equal((svg.match(/class="wsc-bar-now"/g) || []).length, 2);
  assert.equal((svg.match(/class="wsc-bar-needed"/g) || []).length, 1);
  assert.equal((svg.match(/class="wsc-bar-start"/g) || []).length, 0);
});

test("author text cannot inject markup into the chart or the result", () => {
  const evil = '<img src=x onerror="alert(1)">';
  const svg = chartSvg([row({ topic: evil })], { id: "c", title: evil, desc: "d" });
  assert.ok(!svg.includes("<img"));
  const html = resultHtml(result({ rows: [row({ topic: evil, step_label: evil })],
    recommendations: [{ competence: "digcomp:1.1", topic: evil,
      units: [{ competence: "digcomp:1.1", href: "javascript:alert(1)", title: evil }] }] }), t, "r");
  assert.ok(!html.includes("<img") && !html.includes("javascript:"));
  assert.match(html, /href="#"/);
});

test("escaping and safe links", () => {
  assert.equal(escapeHtml(`<a href="x">'&'</a>`), "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;");
  assert.equal(safeHref("/jump_to_id/x"), "/jump_to_id/x");
  assert.equal(safeHref("https://example.org/a"), "https://example.org/a");
  assert.equal(safeHref("//evil.example"), "#");
  assert.equal(safeHref("data:text/html,x"), "#");
});

test("the result has the same data as a table, the gaps and their units", () => {
  const html = resultHtml(result(), t, "r");
  assert.match(html, /<div class="wsc-table-wrap" role="region" tabindex="0" aria-label="tableCaption"><table class="wsc-table"><caption>tableCaption<\/caption>/);
  assert.match(html, /<th scope="row">Find information on the internet.<\/th><td>I can do this with help.<\/td><td>I can do this on my own.<\/td><td>1<\/td>/);
  assert.match(html, /<ol class="wsc-gaps"><li><p><strong>Find information on the internet.<\/strong> \(gapSteps steps=1\)/);
  assert.match(html, /<a class="wsc-unit" href="\/jump_to_id\/x" data-competence="digcomp:1.1">Searching &amp; finding<\/a>/);
});

test("no role: no gaps section, authored units listed instead", () => {
  const html = resultHtml(result({ has_role: false, gaps: [], recommendations: [],
    units: [{ competence: "digcomp:1.1", topic: "Find", units: [{ competence: "digcomp:1.1", href: "/u", title: "U" }] }] }), t, "r");
  assert.ok(!html.includes("gapsTitle") && !html.includes("colNeeded"));
  assert.match(html, /unitsTitle/);
});

test("the end check shows progress and the start bars when the start answers exist", () => {
  const end = result({ phase: "end", has_start: true, rows: [row({ start_step: 0, start_label: "I have not done this yet.", change: 1 })],
    summary: { rated: 1, skipped: 0, improved: 1, same: 0, lower: 0 } });
  const html = resultHtml(end, t, "r");
  assert.match(html, /improved count=1/);
  assert.match(html, /colStart/);
  assert.match(html, /wsc-bar-start/);
  const missing = resultHtml(result({ phase: "end", has_start: false }), t, "r");
  assert.match(missing, /noStart/);
  assert.ok(!missing.includes("wsc-bar-start"));
});

test("gap text names the number of steps (plural-free wording)", () => {
  assert.equal(gapText(1, t), "gapSteps steps=1");
  assert.equal(gapText(3, t), "gapSteps steps=3");
});

test("unit lines: competence | address | title, with line numbers for mistakes", () => {
  const { units, errors } = parseUnitLines("digcomp:1.1 | /a | Search\n\n  bad line\nx | /b | A | B\n | /c | T");
  assert.deepEqual(units, [
    { competence: "digcomp:1.1", href: "/a", title: "Search" },
    { competence: "x", href: "/b", title: "A | B" },
  ]);
  assert.deepEqual(errors, [3, 5]);
});
