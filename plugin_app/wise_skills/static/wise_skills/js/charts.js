// Charts are an enhancement: the table next to each chart holds the same numbers and is there without JavaScript.
// Colours: Okabe-Ito blue and orange (distinguishable with every common colour-vision deficiency), and the two
// series also differ by border style, so colour is never the only cue.

export const COLORS = { required: "#0072B2", current: "#E69F00" };

/** Chart.js configuration of a required-vs-current bar chart (pure: unit-tested under Node).
 * `locale` makes the axis and tooltips write numbers as the page's language does ("2,5" in Italian). */
export function levelsChartConfig(data, t, locale = undefined) {
  return {
    type: "bar",
    data: {
      labels: data.labels.slice(),
      datasets: [
        { label: t("required"), data: data.required.slice(), backgroundColor: COLORS.required,
          borderColor: "#000000", borderWidth: 2 },
        { label: t("current"), data: data.current.slice(), backgroundColor: COLORS.current,
          borderColor: COLORS.current, borderWidth: 0 },
      ],
    },
    options: {
      indexAxis: "y", // horizontal bars: long competence names stay readable on a 360 px phone
      responsive: true,
      maintainAspectRatio: false,
      animation: false,
      ...(locale ? { locale } : {}),
      scales: { x: { beginAtZero: true, title: { display: true, text: t("level") }, ticks: { precision: 0 } } },
      plugins: { legend: { position: "bottom" } },
    },
  };
}

/** Height in px that gives each label room (two bars per label). */
export function chartHeight(count) {
  return Math.max(180, 60 + count * 44);
}

/** Draw every <figure data-chart="levels"> whose data sits in the JSON script its data-chart-source names. */
export function renderCharts(doc, Chart, t, locale = undefined) {
  if (typeof Chart !== "function") return [];
  const charts = [];
  for (const figure of doc.querySelectorAll("figure[data-chart='levels']")) {
    const source = doc.getElementById(figure.dataset.chartSource);
    const box = figure.querySelector(".wise-chart-box");
    if (!source || !box) continue;
    const data = JSON.parse(source.textContent);
    const canvas = doc.createElement("canvas");
    canvas.setAttribute("role", "img");
    canvas.setAttribute("aria-label", t("chartHidden"));
    box.style.height = `${chartHeight(data.labels.length)}px`;
    box.appendChild(canvas);
    box.hidden = false;
    charts.push(new Chart(canvas, levelsChartConfig(data, t, locale)));
  }
  return charts;
}
