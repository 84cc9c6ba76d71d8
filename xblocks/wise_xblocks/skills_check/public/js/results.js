// The result section as markup: chart, legend, table, largest gaps with their units, and the
// progress since the start. Pure (strings in, string out), so Node tests cover it.
import { chartSvg } from "./chart.js";
import { escapeHtml, safeHref } from "./html.js";

function unitList(units, t) {
  if (!units.length) return `<p>${escapeHtml(t("noUnits"))}</p>`;
  const items = units
    .map((u) => `<li><a class="wsc-unit" href="${escapeHtml(safeHref(u.href))}" data-competence="${escapeHtml(u.competence)}">${escapeHtml(u.title)}</a></li>`)
    .join("");
  return `<ul class="wsc-units">${items}</ul>`;
}

export function gapText(gap, t) {
  return t("gapSteps", { steps: gap });
}

function table(result, t, showStart) {
  const head = [t("colSkill"), ...(showStart ? [t("colStart")] : []), t("colYou"),
    ...(result.has_role ? [t("colNeeded"), t("colGap")] : [])];
  const body = result.rows.map((row) => {
    const cells = [`<th scope="row">${escapeHtml(row.topic)}</th>`];
    if (showStart) cells.push(`<td>${escapeHtml(row.start_label ?? t("skipped"))}</td>`);
    cells.push(`<td>${escapeHtml(row.step_label ?? t("skipped"))}</td>`);
    if (result.has_role) {
      cells.push(`<td>${escapeHtml(row.required_label ?? "")}</td>`);
      cells.push(`<td>${row.gap === null ? "" : escapeHtml(String(row.gap))}</td>`);
    }
    return `<tr>${cells.join("")}</tr>`;
  });
  return (
    // A narrow phone scrolls the table sideways: the wrapper is a focusable, named region so a
    // keyboard user can scroll it too.
    `<div class="wsc-table-wrap" role="region" tabindex="0" aria-label="${escapeHtml(t("tableCaption"))}">` +
    `<table class="wsc-table"><caption>${escapeHtml(t("tableCaption"))}</caption>` +
    `<thead><tr>${head.map((h) => `<th scope="col">${escapeHtml(h)}</th>`).join("")}</tr></thead>` +
    `<tbody>${body.join("")}</tbody></table></div>`
  );
}

export function resultHtml(result, t, id) {
  const showStart = result.phase === "end" && result.has_start;
  const parts = [];
  if (result.phase === "end") {
    parts.push(`<h4>${escapeHtml(t("progressTitle"))}</h4>`);
    if (showStart) {
      const s = result.summary;
      parts.push(`<ul class="wsc-progress-list"><li>${escapeHtml(t("improved", { count: s.improved }))}</li>` +
        `<li>${escapeHtml(t("same", { count: s.same }))}</li><li>${escapeHtml(t("lower", { count: s.lower }))}</li></ul>`);
    } else {
      parts.push(`<p>${escapeHtml(t("noStart"))}</p>`);
    }
  }
  parts.push(`<h4>${escapeHtml(t("chartTitle"))}</h4>`);
  parts.push(chartSvg(result.rows, { id: `${id}-chart`, title: t("chartTitle"), desc: t("chartDesc"), showStart }));
  const legend = [`<li><span class="wsc-key wsc-key-now" aria-hidden="true"></span>${escapeHtml(t("legendNow"))}</li>`];
  if (showStart) legend.push(`<li><span class="wsc-key wsc-key-start" aria-hidden="true"></span>${escapeHtml(t("legendStart"))}</li>`);
  if (result.has_role) legend.push(`<li><span class="wsc-key wsc-key-needed" aria-hidden="true"></span>${escapeHtml(t("legendNeeded"))}</li>`);
  parts.push(`<ul class="wsc-legend">${legend.join("")}</ul>`);
  parts.push(table(result, t, showStart));
  if (result.has_role) {
    parts.push(`<h4>${escapeHtml(t("gapsTitle"))}</h4>`);
    if (!result.gaps.length) {
      parts.push(`<p>${escapeHtml(t("noGaps"))}</p>`);
    } else {
      const items = result.recommendations.map((rec) => {
        const gap = result.gaps.find((g) => g.key === rec.competence);
        return `<li><p><strong>${escapeHtml(rec.topic)}</strong> (${escapeHtml(gapText(gap ? gap.gap : 0, t))})</p>${unitList(rec.units, t)}</li>`;
      });
      parts.push(`<ol class="wsc-gaps">${items.join("")}</ol>`);
    }
  } else if (result.units.length) {
    parts.push(`<h4>${escapeHtml(t("unitsTitle"))}</h4>`);
    parts.push(`<ul class="wsc-unit-groups">${result.units.map((g) => `<li><p><strong>${escapeHtml(g.topic)}</strong></p>${unitList(g.units, t)}</li>`).join("")}</ul>`);
  }
  return parts.join("");
}
