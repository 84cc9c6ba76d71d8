import { test } from "node:test";
import assert from "node:assert/strict";
import { format, makeT, messages, pageCatalog, pageLocale } from "../../../plugin_app/wise_skills/static/wise_skills/js/strings.js";
import { chartHeight, COLORS, levelsChartConfig, renderCharts } from "../../../plugin_app/wise_skills/static/wise_skills/js/charts.js";
import { ACTIVE, applyStatus, pollExports, progressText } from "../../../plugin_app/wise_skills/static/wise_skills/js/exports.js";

// An Italian catalog as Django's JavaScriptCatalog would define it: django.gettext / django.ngettext.
const ITALIAN = { "Required level": "Richiesto", "Current level": "Attuale", Level: "Livello", Running: "In corso",
  Ready: "Pronto", Failed: "Fallito", Waiting: "In attesa", "{done} of {total} row": ["{done} di {total} riga",
    "{done} di {total} righe"], "{done} row": ["{done} riga", "{done} righe"], Download: "Scarica",
  "Export {name} is ready to download.": "{name} pronto", "Export {name} failed.": "{name} fallito",
  "Chart (the table below has the same numbers)": "Grafico" };
function fakeDjango(catalog, pluralidx) {
  return {
    gettext: (id) => (typeof catalog[id] === "string" ? catalog[id] : id),
    ngettext: (one, other, n) => (Array.isArray(catalog[one]) ? catalog[one][pluralidx(n)] : n === 1 ? one : other),
  };
}
const italian = pageCatalog({ django: fakeDjango(ITALIAN, (n) => (n === 1 ? 0 : 1)) });
const t = makeT(italian);

// A tiny stand-in for the DOM parts these modules touch (Node has no DOM).
class El {
  constructor(tag, attrs = {}) { this.tagName = tag; this.dataset = {}; this.children = []; this.attrs = {};
    this.style = {}; this.hidden = false; this.textContent = ""; Object.assign(this, attrs); }
  appendChild(child) { this.children.push(child); child.parent = this; return child; }
  setAttribute(k, v) { this.attrs[k] = v; }
  querySelector(sel) { return this.all().find((e) => e.matches(sel)) || null; }
  querySelectorAll(sel) { return this.all().filter((e) => e.matches(sel)); }
  all() { return this.children.flatMap((c) => [c, ...c.all()]); }
  matches(sel) {
    if (sel.startsWith(".")) return (this.className || "").split(" ").includes(sel.slice(1));
    if (sel === "li.wise-export") return this.tagName === "li" && this.className === "wise-export";
    if (sel === "figure[data-chart='levels']") return this.tagName === "figure" && this.dataset.chart === "levels";
    return this.tagName === sel;
  }
}
function fakeDoc(nodes) {
  const body = new El("body");
  nodes.forEach((n) => body.appendChild(n));
  return { body, createElement: (tag) => new El(tag), getElementById: (id) => body.all().find((e) => e.id === id) || null,
    querySelectorAll: (sel) => body.querySelectorAll(sel) };
}

test("format fills placeholders and leaves unknown ones", () => {
  assert.equal(format("{done} of {total}", { done: 3, total: 9 }), "3 of 9");
  assert.equal(format("{x} stays", {}), "{x} stays");
  assert.equal(makeT()("missing"), "missing");
});

test("the page's catalog is Django's when loaded, English otherwise; plurals follow the language", () => {
  assert.equal(makeT(pageCatalog({}))("progress", { done: 1, total: 1 }), "1 of 1 row");
  assert.equal(makeT(pageCatalog({}))("progress", { done: 2, total: 5 }), "2 of 5 rows");
  assert.equal(makeT(pageCatalog({ django: {} }))("download"), "Download", "a half-loaded catalog: English");
  // Polish has three forms: 1 wiersz, 2-4 wiersze (not 12-14), 5 wierszy.
  const polishIndex = (n) => (n === 1 ? 0 : n % 10 >= 2 && n % 10 <= 4 && (n % 100 < 10 || n % 100 >= 20) ? 1 : 2);
  const polish = makeT(pageCatalog({ django: fakeDjango({ "{done} row": ["{done} wiersz", "{done} wiersze",
    "{done} wierszy"] }, polishIndex) }));
  assert.deepEqual([1, 3, 12, 22, 25].map((done) => polish("progressUnknown", { done })),
    ["1 wiersz", "3 wiersze", "12 wierszy", "22 wiersze", "25 wierszy"]);
});

test("every message key the modules use has a message", () => {
  const keys = Object.keys(messages(pageCatalog({})));
  for (const key of ["required", "current", "level", "pending", "running", "done", "failed", "progress",
    "progressUnknown", "download", "exportReady", "exportFailed", "chartHidden"]) assert.ok(keys.includes(key), key);
});

test("the levels chart has the table's numbers, translated labels and two distinguishable series", () => {
  const data = { labels: ["Safety", "Resources"], required: [3, 2.5], current: [1.25, 2] };
  const config = levelsChartConfig(data, t);
  assert.deepEqual(config.data.labels, data.labels);
  assert.deepEqual(config.data.datasets.map((d) => d.label), ["Richiesto", "Attuale"]);
  assert.deepEqual(config.data.datasets[0].data, [3, 2.5]);
  assert.deepEqual(config.data.datasets[1].data, [1.25, 2]);
  assert.notEqual(COLORS.required, COLORS.current);
  assert.notEqual(config.data.datasets[0].borderWidth, config.data.datasets[1].borderWidth);
  assert.equal(config.options.indexAxis, "y");
  assert.equal(config.options.animation, false);
  data.labels.push("mutated");
  assert.equal(config.data.labels.length, 2, "the config holds copies");
});

test("numbers in messages and charts follow the page's language", () => {
  const fr = makeT(italian, "fr");
  assert.equal(fr("progress", { done: 12000, total: 40000 }), "12\u202f000 di 40\u202f000 righe");
  assert.equal(makeT(italian, "de")("progress", { done: 12000, total: 40000 }), "12.000 di 40.000 righe");
  assert.equal(t("progress", { done: 12000, total: 40000 }), "12000 di 40000 righe", "no locale: as given");
  assert.equal(fr("exportReady", { name: "1000 rows.csv" }), "1000 rows.csv pronto", "text stays text");
  assert.equal(levelsChartConfig({ labels: [], required: [], current: [] }, t, "it").options.locale, "it");
  assert.equal("locale" in levelsChartConfig({ labels: [], required: [], current: [] }, t).options, false);
  assert.equal(pageLocale({ documentElement: { lang: "pt-br" } }), "pt-BR");
  assert.equal(pageLocale({ documentElement: { lang: "" } }), undefined);
  assert.equal(pageLocale({ documentElement: { lang: "not a locale!" } }), undefined);
  assert.equal(pageLocale({}), undefined);
});

test("chart height grows with the number of labels", () => {
  assert.equal(chartHeight(0), 180);
  assert.ok(chartHeight(10) > chartHeight(5));
});

test("renderCharts draws one chart per figure and does nothing without the library", () => {
  const figure = new El("figure", { dataset: { chart: "levels", chartSource: "src" } });
  const box = figure.appendChild(new El("div", { className: "wise-chart-box", hidden: true }));
  const source = new El("script", { id: "src", textContent: JSON.stringify({ labels: ["A"], required: [2], current: [1] }) });
  const doc = fakeDoc([figure, source]);
  assert.deepEqual(renderCharts(doc, undefined, t), []);
  const made = [];
  function FakeChart(canvas, config) { made.push({ canvas, config }); }
  const charts = renderCharts(doc, FakeChart, t);
  assert.equal(charts.length, 1);
  assert.equal(box.hidden, false);
  assert.equal(made[0].canvas.attrs.role, "img");
  assert.equal(made[0].canvas.attrs["aria-label"], "Grafico");
  assert.deepEqual(made[0].config.data.datasets[0].data, [2]);
});

test("progress text with and without a total", () => {
  assert.equal(progressText({ rows_done: 5, rows_total: 10 }, t), "5 di 10 righe");
  assert.equal(progressText({ rows_done: 5, rows_total: null }, t), "5 righe");
  assert.equal(progressText({ rows_done: 0, rows_total: null }, t), "");
  assert.ok(ACTIVE.has("running") && !ACTIVE.has("done"));
});

function jobItem(status) {
  const li = new El("li", { className: "wise-export", dataset: { status, statusUrl: "/s/1/", name: "Heatmap (CSV)" } });
  li.ownerDocument = { createElement: (tag) => new El(tag) };
  li.appendChild(new El("span", { className: "wise-export-status" }));
  li.appendChild(new El("progress"));
  li.appendChild(new El("span", { className: "wise-export-count" }));
  li.appendChild(new El("span", { className: "wise-export-download" }));
  return li;
}

test("a running status updates the bar; done adds one download link and is announced once", () => {
  const li = jobItem("pending");
  assert.equal(applyStatus(li, { status: "running", rows_done: 40, rows_total: 100 }, t), "");
  assert.equal(li.querySelector("progress").value, 40);
  assert.equal(li.querySelector("progress").max, 100);
  assert.equal(li.querySelector(".wise-export-count").textContent, "40 di 100 righe");
  const done = { status: "done", rows_done: 100, rows_total: 100, download_url: "/d/1/" };
  assert.equal(applyStatus(li, done, t), "Heatmap (CSV) pronto");
  assert.equal(applyStatus(li, done, t), "", "announced only on the change");
  assert.equal(li.querySelectorAll("a").length, 1);
  assert.equal(li.querySelector("a").href, "/d/1/");
  assert.equal(li.querySelector("progress").hidden, true);
  assert.equal(li.querySelector(".wise-export-status").textContent, "Pronto");
});

test("polling stops when no job is active and announces a failure", async () => {
  const li = jobItem("running");
  const root = new El("section");
  root.appendChild(li);
  const live = { textContent: "" };
  const queue = [];
  const answers = [{ status: "running", rows_done: 1, rows_total: 2 }, { status: "failed", rows_done: 1, rows_total: 2 }];
  pollExports(root, async () => answers.shift(), t, { live, schedule: (fn) => queue.push(fn) });
  while (queue.length) await queue.shift()();
  assert.equal(live.textContent, "Heatmap (CSV) fallito");
  assert.equal(li.dataset.status, "failed");
  assert.equal(answers.length, 0);
});
