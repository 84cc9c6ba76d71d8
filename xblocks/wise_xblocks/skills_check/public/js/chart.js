// The learner's profile as an SVG bar chart, built as a string from the result rows (pure, so
// Node tests can check it). One horizontal bar per skill: easy to read on a 360 px phone, with
// the skill's name above its bar. The chart is role="img" with a title and a description;
// the table next to it carries the same numbers for screen readers and for anyone who
// prefers text.
import { escapeHtml } from "./html.js";

export const WIDTH = 320;
const LINE = 18;
const BAR = 14;
const GAP = 14;
const CHARS_PER_LINE = 38;

// Word-wrap a label into lines of at most `width` characters (a long word gets its own line).
export function wrapText(text, width = CHARS_PER_LINE) {
  const lines = [];
  let current = "";
  for (const word of String(text).split(/\s+/).filter(Boolean)) {
    if (current && current.length + 1 + word.length > width) {
      lines.push(current);
      current = word;
    } else {
      current = current ? `${current} ${word}` : word;
    }
  }
  if (current) lines.push(current);
  return lines.length ? lines : [""];
}

export function barWidth(step, maxStep, width = WIDTH) {
  if (step === null || step === undefined || !maxStep) return 0;
  return Math.round((Math.max(0, Math.min(step, maxStep)) / maxStep) * width);
}

export function chartSvg(rows, { id, title, desc, showStart = false }) {
  let y = 0;
  const parts = [];
  for (const row of rows) {
    const lines = wrapText(row.topic);
    lines.forEach((line) => {
      y += LINE;
      parts.push(`<text x="0" y="${y - 4}" class="wsc-chart-label">${escapeHtml(line)}</text>`);
    });
    if (showStart) {
      parts.push(`<rect x="0" y="${y + 2}" width="${barWidth(row.start_step, row.max_step)}" height="${BAR / 2}" class="wsc-bar-start"/>`);
      y += BAR / 2 + 2;
    }
    parts.push(`<rect x="0" y="${y + 2}" width="${WIDTH}" height="${BAR}" class="wsc-bar-track"/>`);
    parts.push(`<rect x="0" y="${y + 2}" width="${barWidth(row.step, row.max_step)}" height="${BAR}" class="wsc-bar-now"/>`);
    if (row.required_step !== null && row.required_step !== undefined) {
      const x = Math.min(WIDTH - 2, barWidth(row.required_step, row.max_step));
      parts.push(`<rect x="${x - 1}" y="${y}" width="3" height="${BAR + 4}" class="wsc-bar-needed"/>`);
    }
    y += BAR + GAP;
  }
  const height = Math.max(y, 1);
  return (
    `<svg class="wsc-chart" role="img" viewBox="0 0 ${WIDTH} ${height}" width="100%" ` +
    `preserveAspectRatio="xMinYMin meet" aria-labelledby="${id}-t ${id}-d" focusable="false">` +
    `<title id="${id}-t">${escapeHtml(title)}</title><desc id="${id}-d">${escapeHtml(desc)}</desc>` +
    parts.join("") +
    "</svg>"
  );
}
