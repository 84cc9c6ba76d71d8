// The learner's page: step inputs, hints on request, checking, what-if chart and worked solution.
import { makeAnnouncer } from "../common/js/announce.js";
import { makeTranslator } from "../common/js/i18n.js";
import { makeServer } from "../common/js/server.js";
import { chartSvg, escapeXml, pointAt, tableRows, whatIf } from "./chart.js";
import { makeFormatter, parseAmount } from "./format.js";
import { collectAnswers, stepFeedback, summary } from "./results.js";

export function initLearner(runtime, element, args) {
  const root = element.querySelector(".wise-costing") || element;
  const { t } = makeTranslator(args.strings || {}, { locale: args.locale });
  const server = makeServer(runtime, element);
  const status = root.querySelector(".wco-status");
  const announcer = makeAnnouncer(status);
  const form = root.querySelector(".wco-form");
  const inputs = [...root.querySelectorAll(".wco-input")];
  const submitButton = root.querySelector(".wco-submit");
  const scoreLine = root.querySelector(".wco-score");
  const stepNode = (name) => root.querySelector(`.wco-step[data-step="${CSS.escape(name)}"]`);
  const publish = (eventType, fields = {}) => server.call("publish_event", { event_type: eventType, ...fields }).catch(() => {});

  function showResults(results) {
    for (const [name, result] of Object.entries(results || {})) {
      const node = stepNode(name);
      if (!node) continue;
      const { status: state, text } = stepFeedback(result, t);
      node.dataset.status = state || "";
      node.querySelector(".wco-feedback").textContent = text;
      node.querySelector(".wco-input").removeAttribute("aria-invalid");
    }
  }

  function showErrors(errors) {
    let first = null;
    for (const error of errors) {
      const node = stepNode(error.field);
      if (!node) continue;
      node.querySelector(".wco-feedback").textContent = error.message;
      const input = node.querySelector(".wco-input");
      input.setAttribute("aria-invalid", "true");
      first = first || input;
    }
    if (first) first.focus();
  }

  let noAttemptsLeft = false;
  function showAttempts(scoring) {
    const span = root.querySelector(".wco-attempts");
    if (span && scoring && scoring.max_attempts) span.textContent = t("attemptsLeft", { count: scoring.attempts_left });
    noAttemptsLeft = Boolean(scoring && scoring.attempts_left === 0);
    submitButton.disabled = noAttemptsLeft;
  }

  // --- what-if chart ---------------------------------------------------------------------
  const whatIfSection = root.querySelector(".wco-whatif");
  let chartState = null;

  function drawChart() {
    const { chart, price, cursor, format } = chartState;
    const model = whatIf(chart, price);
    const idPrefix = `${root.id || "wco"}-chart`;
    const breakEvenText = model.breakEven === null ? t("noBreakEven") : format.number(model.breakEven, 1);
    const labels = {
      title: t("chartTitle"), cost: t("cost"), revenue: t("revenue"), profit: t("profit"), breakEven: t("breakEven"),
      xLabel: chart.x_label,
      desc: t("chartDesc", { from: format.number(chart.from), to: format.number(chart.to), breakEven: breakEvenText }),
    };
    // Draw at the container's own width so text stays readable on a phone (no scaling down).
    const box = root.querySelector(".wco-chart");
    const width = Math.max(300, Math.min(960, Math.round(box.clientWidth || 640)));
    const height = Math.round(Math.max(260, Math.min(400, width * 0.6)));
    box.innerHTML = chartSvg(model, { labels, format, cursor, idPrefix, width, height });
    const rows = tableRows(model, format);
    const head = `<tr><th scope="col">${escapeXml(chart.x_label)}</th><th scope="col">${escapeXml(labels.cost)}</th>` +
      `<th scope="col">${escapeXml(labels.revenue)}</th><th scope="col">${escapeXml(labels.profit)}</th></tr>`;
    const body = rows.map((row) => `<tr><th scope="row">${escapeXml(row[0])}</th>${row.slice(1).map((c) => `<td class="wco-num">${escapeXml(c)}</td>`).join("")}</tr>`).join("");
    root.querySelector(".wco-chart-table").innerHTML =
      `<table class="wco-table"><caption>${escapeXml(t("tableCaption"))}</caption><thead>${head}</thead><tbody>${body}</tbody></table>`;
    return model;
  }

  function readout(announce) {
    const { format } = chartState;
    const model = whatIf(chartState.chart, chartState.price);
    const point = pointAt(model, chartState.cursor);
    const text = t("at", { x: `${format.number(point.x)} (${chartState.chart.x_label})`, cost: format.money(point.cost),
      revenue: format.money(point.revenue), profit: format.money(point.profit) });
    root.querySelector(".wco-x-value").textContent = format.number(point.x);
    const line = root.querySelector(".wco-readout");
    if (announce) line.textContent = text;
    else line.textContent = "";
    line.dataset.text = text;
  }

  function showChart(chart) {
    if (!chart || !whatIfSection) return;
    const format = makeFormatter(chart.locale || args.locale, chart.currency);
    const cursor = chart.break_even !== null && chart.break_even <= chart.to ? Math.min(chart.to, Math.ceil(chart.break_even))
      : chart.from;
    chartState = { chart, price: chart.unit_revenue, cursor, format };
    const model = drawChart();
    const slider = root.querySelector(".wco-x");
    slider.min = String(chart.from);
    slider.max = String(chart.to);
    slider.step = String(model.step);
    slider.value = String(cursor);
    root.querySelector(".wco-x-label").textContent = chart.x_label;
    root.querySelector(".wco-price").value = format.number(chart.unit_revenue, 2);
    whatIfSection.hidden = false;
    readout(false);
  }

  let exploreTimer = null;
  function explored() {
    clearTimeout(exploreTimer);
    exploreTimer = setTimeout(() => publish("wise.costing.chart_explored", { x: chartState.cursor, price: chartState.price }), 1500);
  }

  const slider = root.querySelector(".wco-x");
  if (slider) {
    slider.addEventListener("input", () => {
      chartState.cursor = Number(slider.value);
      drawChart();
      readout(true);
      explored();
    });
  }
  const priceInput = root.querySelector(".wco-price");
  if (priceInput) {
    priceInput.addEventListener("change", () => {
      const value = parseAmount(priceInput.value, args.locale);
      if (value === null || value < 0) {
        priceInput.setAttribute("aria-invalid", "true");
        return;
      }
      priceInput.removeAttribute("aria-invalid");
      chartState.price = value;
      drawChart();
      readout(true);
      explored();
    });
  }

  // --- worked solution -------------------------------------------------------------------
  function showSolution(solution) {
    const section = root.querySelector(".wco-solution");
    if (!solution || !section) return;
    const labels = Object.fromEntries(inputs.map((input) => [input.name, stepNode(input.name).querySelector(".wco-label").textContent]));
    section.querySelector(".wco-solution-steps").innerHTML = solution.map((step) =>
      `<li><p><strong>${escapeXml(labels[step.name] || step.name)}</strong></p>` +
      `<p><code>${escapeXml(step.name)} = ${escapeXml(step.formula)}</code></p>` +
      `<p><code>= ${escapeXml(step.substituted)}</code> = <strong class="wco-solution-value">${escapeXml(step.display)}</strong></p>` +
      // explanation is author HTML already sanitised on the server
      `${step.explanation || ""}</li>`).join("");
    const wasHidden = section.hidden;
    section.hidden = false;
    if (wasHidden) publish("wise.costing.solution_viewed", { steps: solution.length });
  }

  // --- hints ------------------------------------------------------------------------------
  for (const button of root.querySelectorAll(".wco-hint-button")) {
    button.addEventListener("click", async () => {
      const node = button.closest(".wco-step");
      const name = node.dataset.step;
      const total = Number(node.dataset.hints);
      const index = Number(node.dataset.hintIndex || 0);
      if (index >= total) {
        announcer.say(t("noMoreHints"));
        return;
      }
      try {
        const body = await server.call("hint", { step: name, index });
        const p = document.createElement("p");
        p.className = "wco-hint";
        p.innerHTML = `<span class="wco-hint-label">${escapeXml(t("hintShown", { index: index + 1, total: body.total }))}:</span> ${body.hint}`;
        node.querySelector(".wco-hints").appendChild(p);
        node.dataset.hintIndex = String(index + 1);
        announcer.say(`${t("hintShown", { index: index + 1, total: body.total })}: ${p.textContent.replace(/^[^:]*:\s*/, "")}`);
      } catch (error) {
        announcer.say(error.message || t("error"));
      }
    });
  }

  // --- checking ---------------------------------------------------------------------------
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    submitButton.disabled = true;
    announcer.say(t("submitting"));
    try {
      const body = await server.call("submit", { answers: collectAnswers(inputs) });
      if (body.accepted === false) {
        // Numbers we could not read: nothing was counted; say where.
        showErrors(body.errors);
        announcer.say(body.errors.map((e) => e.message).join(" "));
        return;
      }
      showResults(body.results);
      const text = summary(body.results, t);
      scoreLine.textContent = text;
      announcer.say(text);
      showAttempts(body.scoring);
      showChart(body.chart);
      showSolution(body.solution);
      scoreLine.focus();
    } catch (error) {
      if (error.status === 400 && error.body && error.body.errors) {
        showErrors(error.body.errors);
        announcer.say(error.body.errors.map((e) => e.message).join(" "));
      } else {
        announcer.say(error.message || t("error"));
      }
    } finally {
      submitButton.disabled = noAttemptsLeft;
    }
  });

  // --- start ------------------------------------------------------------------------------
  const state = args.state || {};
  showResults(state.results);
  showAttempts(state.scoring);
  showChart(state.chart);
  showSolution(state.solution);
  publish("wise.costing.loaded", { steps: inputs.length, attempts: state.scoring ? state.scoring.attempts : 0 });
  root.dataset.ready = "true";
  return { showChart, showResults };
}
