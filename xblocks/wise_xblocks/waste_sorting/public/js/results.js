// Turns server results into sentences (pure, so the wording is unit-tested and translated).

export const percent = (fraction) => Math.round((fraction || 0) * 1000) / 10;

export function plainText(html) {
  return String(html || "").replace(/<[^>]*>/g, "").replace(/&nbsp;/g, " ").replace(/&amp;/g, "&")
    .replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"').replace(/&#39;/g, "'").trim();
}

export function feedbackMessage(t, feedback, itemName, binName, correctBinName) {
  if (feedback.correct) return t("correct", { item: itemName, bin: binName });
  if (correctBinName) return t("wrong_goes_in", { item: itemName, bin: binName, correct: correctBinName });
  return t("wrong", { item: itemName, bin: binName });
}

export function simulationLines(t, outcome, names = {}) {
  const name = (id) => names[id] || id;
  const lines = [t("sim_rate", {
    separate: percent(outcome.separate_collection_rate),
    recycling: percent(outcome.recycling_rate),
    best: percent(outcome.best_possible_rate),
  })];
  for (const target of outcome.targets || []) {
    const key = target.met ? "sim_target_met" : "sim_target_missed";
    lines.push(t(key, { year: target.year, target: percent(target.target) }));
  }
  for (const bin of outcome.bins || []) {
    if (bin.weight && bin.contamination > 0) {
      lines.push(t("sim_contamination", { bin: name(bin.bin), percent: percent(bin.contamination) }));
    }
  }
  if ((outcome.contaminating_items || []).length) {
    lines.push(t("sim_contaminants", { items: outcome.contaminating_items.map(name).join(", ") }));
  }
  if ((outcome.unsorted || []).length) {
    lines.push(t("sim_unsorted", { items: outcome.unsorted.map(name).join(", ") }));
  }
  return lines;
}
