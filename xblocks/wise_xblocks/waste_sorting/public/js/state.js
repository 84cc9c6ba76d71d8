// The exercise's state as plain data: which item is where, what is selected, what can be undone.
// Pure: every function returns a new state, so the page and the Node tests share one truth.

export function createState({ items = [], bins = [], placements = {}, feedback = {} } = {}) {
  const itemIds = new Set(items.map((item) => item.id));
  const binIds = new Set(bins.map((bin) => bin.id));
  const kept = {};
  for (const [itemId, binId] of Object.entries(placements)) {
    if (itemIds.has(itemId) && binIds.has(binId)) kept[itemId] = binId;
  }
  return { items, bins, placements: kept, feedback: { ...feedback }, history: [], selected: null };
}

export function itemById(state, itemId) {
  return state.items.find((item) => item.id === itemId) || null;
}

export function binById(state, binId) {
  return state.bins.find((bin) => bin.id === binId) || null;
}

export function select(state, itemId) {
  if (itemId !== null && !itemById(state, itemId)) return state;
  return { ...state, selected: itemId };
}

export function place(state, itemId, binId) {
  if (!itemById(state, itemId) || !binById(state, binId)) return state;
  const from = state.placements[itemId] ?? null;
  const feedback = { ...state.feedback };
  delete feedback[itemId];
  return {
    ...state,
    placements: { ...state.placements, [itemId]: binId },
    feedback,
    history: [...state.history, { item: itemId, from }],
    selected: null,
  };
}

export function takeBack(state, itemId) {
  if (!(itemId in state.placements)) return state;
  const placements = { ...state.placements };
  const from = placements[itemId];
  delete placements[itemId];
  const feedback = { ...state.feedback };
  delete feedback[itemId];
  return { ...state, placements, feedback, history: [...state.history, { item: itemId, from }], selected: null };
}

// Undo the latest move: the item goes back where it was before (the list, or its former bin).
export function undo(state) {
  if (!state.history.length) return { state, undone: null };
  const last = state.history[state.history.length - 1];
  const placements = { ...state.placements };
  if (last.from === null) delete placements[last.item];
  else placements[last.item] = last.from;
  const feedback = { ...state.feedback };
  delete feedback[last.item];
  return {
    state: { ...state, placements, feedback, history: state.history.slice(0, -1), selected: null },
    undone: last.item,
    to: last.from,
  };
}

export function withFeedback(state, itemId, feedback) {
  return { ...state, feedback: { ...state.feedback, [itemId]: feedback } };
}

export function unplaced(state) {
  return state.items.filter((item) => !(item.id in state.placements));
}

export function itemsIn(state, binId) {
  return state.items.filter((item) => state.placements[item.id] === binId);
}

export function allPlaced(state) {
  return unplaced(state).length === 0;
}

export function reset(state) {
  return createState({ items: state.items, bins: state.bins });
}
