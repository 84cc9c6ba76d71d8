// Escaping for the markup our modules build as strings: every value from the server or the
// author goes through escapeHtml, so a title can never become markup.
const ENTITIES = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

export function escapeHtml(value) {
  return String(value ?? "").replace(/[&<>"']/g, (ch) => ENTITIES[ch]);
}

// Only course-relative paths and http(s) links become hrefs (the server checks this too).
export function safeHref(href) {
  const text = String(href ?? "");
  if (text.startsWith("/") && !text.startsWith("//")) return text;
  return /^https?:\/\/[^\s]+$/i.test(text) ? text : "#";
}
