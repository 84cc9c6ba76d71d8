// Keyboard alone: Tab or arrows move between items and bins; Enter/Space on an item selects it
// and on a bin drops the selected item (items and bins are <button>s, so the browser turns
// Enter/Space into a click and the click handlers do the work); Escape cancels; Ctrl+Z (or
// Cmd+Z) undoes. keyAction() is pure.

export function keyAction(key, { ctrl = false, zone = "other", hasSelection = false } = {}) {
  if ((key === "z" || key === "Z") && ctrl) return { type: "undo" };
  if (key === "Escape") return hasSelection ? { type: "cancel" } : null;
  const moves = { ArrowDown: 1, ArrowRight: 1, ArrowUp: -1, ArrowLeft: -1, Home: "first", End: "last" };
  if (key in moves && (zone === "item" || zone === "bin")) return { type: "move", delta: moves[key] };
  return null;
}

export function nextIndex(index, delta, length) {
  if (!length) return -1;
  if (delta === "first") return 0;
  if (delta === "last") return length - 1;
  return (((index + delta) % length) + length) % length;
}

// Wires keyAction to the DOM: `zoneOf(target)` says whether focus is on an item, a bin or a
// placed item; `handlers[type](target, action)` does the work.
export function attachKeyboard(root, { zoneOf, hasSelection, handlers }) {
  root.addEventListener("keydown", (event) => {
    const zone = zoneOf(event.target);
    const action = keyAction(event.key, { ctrl: event.ctrlKey || event.metaKey, zone, hasSelection: hasSelection() });
    if (!action || !handlers[action.type]) return;
    event.preventDefault();
    handlers[action.type](event.target, action);
  });
}
