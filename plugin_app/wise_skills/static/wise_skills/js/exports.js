// Live status of export jobs: poll each running job's status URL and update its row and a polite live region.
// Without JavaScript the list still shows the status at page load and a "Refresh the list" link.

export const ACTIVE = new Set(["pending", "running"]);

/** The progress text of a job status ({rows_done, rows_total}). */
export function progressText(job, t) {
  if (job.rows_total === null || job.rows_total === undefined) {
    return job.rows_done ? t("progressUnknown", { done: job.rows_done }) : "";
  }
  return t("progress", { done: job.rows_done, total: job.rows_total });
}

/** Apply one status answer to a job's <li>; returns the message to announce (or ""). */
export function applyStatus(item, job, t) {
  const before = item.dataset.status;
  item.dataset.status = job.status;
  const status = item.querySelector(".wise-export-status");
  if (status) status.textContent = t(job.status);
  const bar = item.querySelector("progress");
  if (bar) {
    bar.hidden = !ACTIVE.has(job.status);
    if (job.rows_total) {
      bar.max = job.rows_total;
      bar.value = job.rows_done;
    }
  }
  const count = item.querySelector(".wise-export-count");
  if (count) count.textContent = progressText(job, t);
  const name = item.dataset.name || "";
  if (job.status === "done" && job.download_url) {
    const slot = item.querySelector(".wise-export-download");
    if (slot && !slot.querySelector("a")) {
      const link = item.ownerDocument.createElement("a");
      link.href = job.download_url;
      link.textContent = `${t("download")} `;
      const hidden = item.ownerDocument.createElement("span");
      hidden.className = "wise-sr";
      hidden.textContent = name;
      link.appendChild(hidden);
      slot.appendChild(link);
    }
  }
  if (before !== job.status && job.status === "done") return t("exportReady", { name });
  if (before !== job.status && job.status === "failed") return t("exportFailed", { name });
  return "";
}

/** Poll until no job is active. `fetchJson(url)` resolves to the status dict. Returns a stop function. */
export function pollExports(root, fetchJson, t, { interval = 1500, live = null, schedule = setTimeout } = {}) {
  let stopped = false;
  async function tick() {
    if (stopped) return;
    const items = [...root.querySelectorAll("li.wise-export")].filter((li) => ACTIVE.has(li.dataset.status));
    if (!items.length) return;
    for (const item of items) {
      try {
        const message = applyStatus(item, await fetchJson(item.dataset.statusUrl), t);
        if (message && live) live.textContent = message;
      } catch {
        // A failed poll (network blip) is retried on the next tick; the refresh link still works.
      }
    }
    schedule(tick, interval);
  }
  schedule(tick, interval);
  return () => { stopped = true; };
}
