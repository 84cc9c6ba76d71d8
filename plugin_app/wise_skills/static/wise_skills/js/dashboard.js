// Entry module of the dashboard and profile pages: draws the charts and follows running exports.
import { renderCharts } from "./charts.js";
import { pollExports } from "./exports.js";
import { makeT, pageCatalog, pageLocale } from "./strings.js";

function start() {
  const locale = pageLocale(document);
  const t = makeT(pageCatalog(window), locale);
  renderCharts(document, window.Chart, t, locale);
  const exportsRoot = document.getElementById("exports");
  if (exportsRoot) {
    const fetchJson = (url) => fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then((r) => { if (!r.ok) throw new Error(String(r.status)); return r.json(); });
    pollExports(exportsRoot, fetchJson, t, { live: document.getElementById("wise-export-live") });
  }
}

// The URL is the view: when the browser restores a page from history with the controls as the user left them,
// put them back to what the server rendered for this URL (the back button then shows what the table shows).
window.addEventListener("pageshow", () => {
  for (const form of document.querySelectorAll("form.wise-filters")) form.reset();
});

if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
else start();
