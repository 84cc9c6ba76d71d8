// Calls to the block's handlers. Errors come back as {status, message} so the page can tell
// the learner what to do; the server never changes state on a 4xx.
function csrfToken(doc = globalThis.document) {
  const match = doc && doc.cookie ? doc.cookie.match(/(?:^|;\s*)csrftoken=([^;]+)/) : null;
  return match ? decodeURIComponent(match[1]) : "";
}

export function makeServer(runtime, element, fetchImpl = globalThis.fetch) {
  return {
    async call(handler, payload = {}) {
      const response = await fetchImpl(runtime.handlerUrl(element, handler), {
        method: "POST",
        credentials: "same-origin",
        headers: { "Content-Type": "application/json", "X-CSRFToken": csrfToken(), "X-Requested-With": "XMLHttpRequest" },
        body: JSON.stringify(payload),
      });
      let body = null;
      try {
        body = await response.json();
      } catch (error) {
        body = null;
      }
      if (!response.ok) {
        const message = body && (body.error || (body.errors && body.errors.map((e) => e.message).join(" ")));
        const failure = new Error(message || `HTTP ${response.status}`);
        failure.status = response.status;
        failure.body = body;
        throw failure;
      }
      return body;
    },
  };
}
