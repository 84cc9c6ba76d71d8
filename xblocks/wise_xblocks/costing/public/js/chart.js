// The what-if model and its SVG drawing. Pure: no DOM, so Node tests it and the page inserts the
// markup. Cost = fixed + variable × x, revenue = unit revenue × x, profit = revenue − cost;
// break-even where revenue meets cost (none when a unit brings in no more than it costs).
export const COLORS = { cost: "#b3261e", revenue: "#1d4ed8", profit: "#166534", breakEven: "#1f2937" };

export function axisStep(from, to) {
  const span = to - from;
  if (Number.isInteger(from) && Number.isInteger(to) && span >= 10) return Math.max(1, Math.ceil(span / 100));
  return span / 20;
}

export function whatIf({ fixed, variable, unit_revenue: unitRevenue, from, to }, price = unitRevenue) {
  const step = axisStep(from, to);
  const points = [];
  const count = Math.round((to - from) / step);
  for (let i = 0; i <= count; i += 1) {
    const x = Number((from + i * step).toFixed(6));
    const cost = fixed + variable * x;
    const revenue = price * x;
    points.push({ x, cost, revenue, profit: revenue - cost });
  }
  const margin = price - variable;
  const breakEven = margin > 0 ? fixed / margin : null;
  return { points, breakEven, step, price };
}

export function niceTicks(low, high, count = 5) {
  if (low === high) return [low];
  const raw = (high - low) / count;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const nice = [1, 2, 2.5, 5, 10].map((f) => f * magnitude).find((f) => f >= raw);
  const ticks = [];
  // Outward to whole ticks, so the axis always covers every value.
  const last = Math.ceil(high / nice - 1e-9) * nice;
  for (let v = Math.floor(low / nice + 1e-9) * nice; v <= last + nice * 1e-9; v += nice) ticks.push(Number(v.toFixed(10)));
  return ticks;
}

export function escapeXml(text) {
  return String(text).replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]);
}

// model: whatIf(...) result; opts: {width, height, labels: {cost, revenue, profit, breakEven, title, desc, xLabel},
// format: {axisMoney, number}, cursor: x value or null, idPrefix}
export function chartSvg(model, opts) {
  const { width = 640, height = 360, labels, format, cursor = null, idPrefix = "wco" } = opts;
  const series = [["cost", ""], ["revenue", "8 4"], ["profit", "2 3"]];
  // Legend first (words and line styles, so colour is never the only cue), wrapped to the width.
  const legend = [];
  let lx = 8;
  let row = 0;
  for (const [key, dash] of series) {
    const needed = 30 + Math.ceil(7.5 * String(labels[key]).length) + 16;
    if (lx > 8 && lx + needed > width) {
      lx = 8;
      row += 1;
    }
    const y = 14 + row * 18;
    legend.push(`<line x1="${lx}" x2="${lx + 24}" y1="${y}" y2="${y}" stroke="${COLORS[key]}" stroke-width="3"${dash ? ` stroke-dasharray="${dash}"` : ""}/>`);
    legend.push(`<text class="wco-legend" x="${lx + 30}" y="${y + 4}">${escapeXml(labels[key])}</text>`);
    lx += needed;
  }
  const pad = { left: 76, right: 16, top: 44 + row * 18, bottom: 48 };
  const xs = model.points.map((p) => p.x);
  const values = model.points.flatMap((p) => [p.cost, p.revenue, p.profit]).concat([0]);
  const yTicks = niceTicks(Math.min(...values), Math.max(...values), height < 300 ? 4 : 5);
  const yLow = Math.min(yTicks[0], ...values);
  const yHigh = Math.max(yTicks[yTicks.length - 1], ...values);
  const xLow = xs[0];
  const xHigh = xs[xs.length - 1];
  const px = (x) => pad.left + ((x - xLow) / (xHigh - xLow || 1)) * (width - pad.left - pad.right);
  const py = (y) => height - pad.bottom - ((y - yLow) / (yHigh - yLow || 1)) * (height - pad.top - pad.bottom);
  const line = (key) => model.points.map((p) => `${px(p.x).toFixed(1)},${py(p[key]).toFixed(1)}`).join(" ");
  const parts = [];
  parts.push(`<svg xmlns="http://www.w3.org/2000/svg" class="wco-svg" viewBox="0 0 ${width} ${height}" role="img" ` +
    `aria-labelledby="${idPrefix}-svg-title ${idPrefix}-svg-desc" focusable="false">`);
  parts.push(`<title id="${idPrefix}-svg-title">${escapeXml(labels.title)}</title>`);
  parts.push(`<desc id="${idPrefix}-svg-desc">${escapeXml(labels.desc)}</desc>`);
  for (const tick of yTicks) {
    parts.push(`<line class="wco-grid" x1="${pad.left}" x2="${width - pad.right}" y1="${py(tick).toFixed(1)}" y2="${py(tick).toFixed(1)}"/>`);
    parts.push(`<text class="wco-tick" x="${pad.left - 6}" y="${(py(tick) + 4).toFixed(1)}" text-anchor="end">${escapeXml(format.axisMoney(tick))}</text>`);
  }
  for (const tick of niceTicks(xLow, xHigh, width < 480 ? 4 : 6).filter((v) => v >= xLow && v <= xHigh)) {
    parts.push(`<text class="wco-tick" x="${px(tick).toFixed(1)}" y="${height - pad.bottom + 18}" text-anchor="middle">${escapeXml(format.number(tick))}</text>`);
  }
  parts.push(`<line class="wco-axis" x1="${pad.left}" x2="${width - pad.right}" y1="${py(0).toFixed(1)}" y2="${py(0).toFixed(1)}"/>`);
  parts.push(`<text class="wco-axis-label" x="${(pad.left + width - pad.right) / 2}" y="${height - 8}" text-anchor="middle">${escapeXml(labels.xLabel)}</text>`);
  for (const [key, dash] of series) {
    parts.push(`<polyline class="wco-line wco-line-${key}" fill="none" stroke="${COLORS[key]}" stroke-width="3"` +
      `${dash ? ` stroke-dasharray="${dash}"` : ""} points="${line(key)}"/>`);
  }
  if (model.breakEven !== null && model.breakEven >= xLow && model.breakEven <= xHigh) {
    const x = px(model.breakEven).toFixed(1);
    parts.push(`<line class="wco-break-even" x1="${x}" x2="${x}" y1="${pad.top}" y2="${height - pad.bottom}" stroke="${COLORS.breakEven}" stroke-dasharray="4 4"/>`);
    parts.push(`<text class="wco-break-even-label" x="${x}" y="${pad.top - 6}" text-anchor="middle">${escapeXml(labels.breakEven)}: ${escapeXml(format.number(model.breakEven, 1))}</text>`);
  }
  if (cursor !== null) {
    const point = model.points.reduce((best, p) => (Math.abs(p.x - cursor) < Math.abs(best.x - cursor) ? p : best));
    const x = px(point.x).toFixed(1);
    parts.push(`<line class="wco-cursor" x1="${x}" x2="${x}" y1="${pad.top}" y2="${height - pad.bottom}"/>`);
    for (const [key] of series) {
      parts.push(`<circle class="wco-dot" cx="${x}" cy="${py(point[key]).toFixed(1)}" r="5" fill="${COLORS[key]}"/>`);
    }
  }
  parts.push(...legend);
  parts.push("</svg>");
  return parts.join("");
}

export function pointAt(model, x) {
  return model.points.reduce((best, p) => (Math.abs(p.x - x) < Math.abs(best.x - x) ? p : best));
}

// The same figures as table rows (strings), for the accessible table.
export function tableRows(model, format, moneyOf = format.money) {
  return model.points.map((p) => [format.number(p.x), moneyOf(p.cost), moneyOf(p.revenue), moneyOf(p.profit)]);
}
