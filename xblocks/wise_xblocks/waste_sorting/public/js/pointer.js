// Mouse and touch drag with Pointer Events (one code path; works in the mobile apps' web views
// because items set touch-action: none and nothing relies on HTML5 drag events).

export const DRAG_THRESHOLD = 6; // px: below this a press is a click (select), not a drag
const EDGE_PX = 48;
const EDGE_STEP = 16;

export function isDrag(start, point, threshold = DRAG_THRESHOLD) {
  return Math.hypot(point.x - start.x, point.y - start.y) >= threshold;
}

export function binIdAt(doc, x, y) {
  const hit = doc.elementFromPoint(x, y);
  const bin = hit && hit.closest ? hit.closest("[data-drop-bin]") : null;
  return bin ? bin.getAttribute("data-drop-bin") : null;
}

export function attachPointer(root, { onDrop, onHover = () => {}, selector = "[data-drag-item]" }) {
  const doc = root.ownerDocument;
  let drag = null;

  function finish(event, drop) {
    if (!drag) return;
    const { source, ghost, moved, itemId } = drag;
    drag = null;
    ghost && ghost.remove();
    source.classList.remove("is-dragging");
    onHover(null);
    if (drop && moved) {
      const binId = binIdAt(doc, event.clientX, event.clientY);
      if (binId) onDrop(itemId, binId);
    }
  }

  root.addEventListener("pointerdown", (event) => {
    const source = event.target.closest && event.target.closest(selector);
    if (!source || !root.contains(source) || event.button > 0) return;
    drag = { source, itemId: source.getAttribute("data-drag-item"), start: { x: event.clientX, y: event.clientY },
      moved: false, ghost: null };
    if (source.setPointerCapture) source.setPointerCapture(event.pointerId);
  });
  root.addEventListener("pointermove", (event) => {
    if (!drag) return;
    const point = { x: event.clientX, y: event.clientY };
    if (!drag.moved && !isDrag(drag.start, point)) return;
    if (!drag.moved) {
      drag.moved = true;
      drag.ghost = drag.source.cloneNode(true);
      drag.ghost.removeAttribute("id");
      drag.ghost.setAttribute("aria-hidden", "true");
      drag.ghost.classList.add("wise-ws__ghost");
      doc.body.appendChild(drag.ghost);
      drag.source.classList.add("is-dragging");
    }
    drag.ghost.style.transform = `translate(${point.x + 8}px, ${point.y + 8}px)`;
    // On a phone the bins are often below the fold: scroll while the finger is near an edge.
    const view = doc.defaultView;
    if (view && point.y > view.innerHeight - EDGE_PX) view.scrollBy(0, EDGE_STEP);
    else if (view && point.y < EDGE_PX) view.scrollBy(0, -EDGE_STEP);
    onHover(binIdAt(doc, point.x, point.y));
    event.preventDefault();
  });
  let dragged = { at: -Infinity, source: null };
  root.addEventListener("pointerup", (event) => {
    if (drag && drag.moved) dragged = { at: event.timeStamp, source: drag.source };
    finish(event, true);
  });
  // A drag must not also count as a click on the dragged item (that click follows at once);
  // any other click, e.g. on a bin right after, stays a click.
  root.addEventListener("click", (click) => {
    if (click.timeStamp - dragged.at < 500 && dragged.source && dragged.source.contains(click.target)) {
      click.stopPropagation();
    }
  }, { capture: true });
  root.addEventListener("pointercancel", (event) => finish(event, false));
}
