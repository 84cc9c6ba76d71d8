// Entry module: the runtime's WiseBlockInit imports this file and calls init(). It wires state,
// rendering, pointer and keyboard input, announcements and server calls; the only global is
// the runtime's init function.
import { makeAnnouncer } from "../common/js/announce.js";
import { makeTranslator } from "../common/js/i18n.js";
import { makeServer } from "../common/js/server.js";
import { attachKeyboard, nextIndex } from "./keyboard.js";
import { attachPointer } from "./pointer.js";
import { feedbackMessage, percent, plainText } from "./results.js";
import * as S from "./state.js";
import { renderExercise } from "./render.js";

const EVENT = "wise.waste_sorting.";
let counter = 0;

export function init(runtime, element, args) {
  if (args.view === "studio") {
    return import("./studio.js").then((studio) => studio.init(runtime, element, args));
  }
  const t = makeTranslator(args.strings).t;
  const server = makeServer(runtime, element);
  const announcer = makeAnnouncer(element.querySelector("[data-role=live]"));
  const app = element.querySelector("[data-role=app]");
  const data = args.data;
  const practice = data.mode === "practice";
  const uid = `wise-ws-${++counter}`;
  const names = Object.fromEntries([...data.items, ...data.bins].map((x) => [x.id, x.name]));
  const feedback = {};
  for (const entry of args.state.checked || []) {
    if (args.state.placements[entry.item] === entry.bin) feedback[entry.item] = entry;
  }
  let state = S.createState({ items: data.items, bins: data.bins, placements: args.state.placements, feedback });
  let scoring = args.state.scoring || data.scoring;
  let hover = null;
  let locked = false;

  app.textContent = "";
  const help = el("p", "wise-ws__keys", t("keyboard_help"));
  help.id = `${uid}-keys`;
  const exercise = el("div", "wise-ws__exercise");
  exercise.setAttribute("aria-describedby", help.id);
  const controls = el("div", "wise-ws__controls");
  const undoButton = button(t("undo"), "undo");
  const submitButton = button(t("submit"), "submit");
  const retryButton = button(t("try_again"), "retry");
  const status = el("p", "wise-ws__status");
  const resultBox = el("div", "wise-ws__result");
  resultBox.setAttribute("tabindex", "-1");
  controls.append(undoButton, submitButton, retryButton, status);
  app.append(help, exercise, controls, resultBox);
  if (data.simulation.enabled) {
    // Loaded only for blocks with a simulation round: the plain exercise stays light on a phone.
    import("./simulation.js").then(({ mountSimulation }) => {
      mountSimulation(app, { data, t, server, announcer, names, publish });
      app.setAttribute("data-simulation-ready", "true");
    });
  }

  function el(tag, className, text) {
    const node = document.createElement(tag);
    node.className = className;
    if (text) node.textContent = text;
    return node;
  }
  function button(text, action) {
    const node = el("button", `wise-ws__button wise-ws__button--${action}`, text);
    node.type = "button";
    node.dataset.action = action;
    return node;
  }
  function publish(type, fields) {
    server.call("publish_event", { event_type: EVENT + type, ...fields }).catch(() => {});
  }
  function fail(error) {
    announcer.say(t("error", { message: error.message }));
    status.textContent = t("error", { message: error.message });
  }

  function focusKey() {
    const active = document.activeElement;
    if (!active || !exercise.contains(active)) return null;
    for (const name of ["item", "bin", "placed"]) {
      if (active.dataset[name]) return [name, active.dataset[name]];
    }
    return null;
  }
  function focus(name, id) {
    const target = exercise.querySelector(`[data-${name}="${CSS.escape(id)}"]`);
    if (target) target.focus();
    return !!target;
  }
  function render(nextFocus = focusKey()) {
    renderExercise(exercise, state, t, { uid, hover, locked });
    const left = S.unplaced(state).length;
    undoButton.disabled = locked || !state.history.length;
    const attemptsLeft = scoring.attempts_left;
    submitButton.disabled = locked || left > 0 || attemptsLeft === 0;
    submitButton.hidden = locked;
    retryButton.hidden = !locked || attemptsLeft === 0 || scoring.past_due;
    const used = scoring.attempts;
    status.textContent = (left ? t("sort_all_first", { left }) + " " : "") +
      (scoring.max_attempts ? t("attempts", { used, max: scoring.max_attempts }) : t("attempts_unlimited", { used }));
    if (nextFocus) focus(nextFocus[0], nextFocus[1]);
  }

  function drop(itemId, binId, input) {
    if (locked) return;
    const wasAt = S.unplaced(state).findIndex((item) => item.id === itemId);
    state = S.place(state, itemId, binId);
    const next = S.unplaced(state)[Math.min(Math.max(wasAt, 0), S.unplaced(state).length - 1)];
    render(input === "keyboard" ? (next ? ["item", next.id] : ["bin", binId]) : null);
    announcer.say(t("placed", { item: names[itemId], bin: names[binId] }));
    publish("item_sorted", { item: itemId, bin: binId, input, simulation: false });
    if (practice) {
      server.call("check_item", { item: itemId, bin: binId }).then((fb) => {
        if (state.placements[itemId] !== binId) return; // moved again meanwhile
        state = S.withFeedback(state, itemId, fb);
        render();
        const message = feedbackMessage(t, fb, names[itemId], names[binId], fb.correct ? null : names[fb.correct_bin]);
        announcer.say(`${message} ${plainText(fb.explanation)}`.trim());
      }, fail);
    } else {
      server.call("place", { item: itemId, bin: binId }).catch(fail);
    }
  }
  function select(itemId) {
    state = S.select(state, state.selected === itemId ? null : itemId);
    render(null);
    if (state.selected) {
      announcer.say(t("selected", { item: names[itemId] }));
      const first = exercise.querySelector("[data-bin]");
      if (first) first.focus();
    } else {
      focus("item", itemId);
      announcer.say(t("cancelled"));
    }
  }
  function takeBack(itemId) {
    const binId = state.placements[itemId];
    state = S.takeBack(state, itemId);
    render(["item", itemId]);
    announcer.say(t("moved_back", { item: names[itemId], bin: names[binId] }));
    server.call("place", { item: itemId, bin: null }).catch(fail);
  }
  function undo() {
    if (locked) return;
    const result = S.undo(state);
    if (!result.undone) {
      announcer.say(t("nothing_to_undo"));
      return;
    }
    state = result.state;
    render(result.to ? ["bin", result.to] : ["item", result.undone]);
    announcer.say(t("undone", { item: names[result.undone] }));
    if (practice && result.to) {
      server.call("check_item", { item: result.undone, bin: result.to }).then((fb) => {
        state = S.withFeedback(state, result.undone, fb);
        render();
      }, fail);
    } else {
      server.call("place", { item: result.undone, bin: result.to }).catch(fail);
    }
  }
  function showResult(result) {
    resultBox.textContent = "";
    const line = t("result", { correct: result.correct_count, total: result.total });
    resultBox.appendChild(el("p", "wise-ws__score", `${line} (${percent(result.score)}%)`));
    for (const fb of result.items || []) {
      if (fb.bin) state = S.withFeedback(state, fb.item, fb);
    }
    announcer.say(line);
  }
  function submit() {
    submitButton.disabled = true;
    status.textContent = t("submitting");
    server.call("submit", { placements: state.placements }).then((result) => {
      scoring = result.scoring;
      locked = true;
      showResult(result);
      render(null);
      resultBox.focus();
    }, (error) => {
      render(null);
      fail(error);
    });
  }
  function retry() {
    server.call("reset", {}).then((fresh) => {
      scoring = fresh.scoring;
      locked = false;
      state = S.reset(state);
      resultBox.textContent = "";
      render(null);
      const first = exercise.querySelector("[data-item]");
      if (first) first.focus();
    }, fail);
  }

  app.addEventListener("click", (event) => {
    const target = event.target.closest("button");
    if (!target || !app.contains(target) || target.closest(".wise-ws__sim")) return;
    if (target.dataset.action === "undo") return undo();
    if (target.dataset.action === "submit") return submit();
    if (target.dataset.action === "retry") return retry();
    if (locked) return;
    if (target.dataset.item) return select(target.dataset.item);
    if (target.dataset.placed) return takeBack(target.dataset.placed);
    if (target.dataset.bin) {
      if (state.selected) return drop(state.selected, target.dataset.bin, event.detail === 0 ? "keyboard" : "click");
      announcer.say(t("select_hint"));
    }
  });
  attachPointer(exercise, {
    onDrop: (itemId, binId) => drop(itemId, binId, "pointer"),
    onHover: (binId) => {
      if (binId === hover) return;
      hover = binId;
      exercise.querySelectorAll(".wise-ws__bin-target").forEach((node) => {
        node.classList.toggle("is-hover", node.dataset.bin === binId);
      });
    },
  });
  attachKeyboard(app, {
    zoneOf: (target) => (target.dataset.item ? "item" : target.dataset.bin ? "bin" : "other"),
    hasSelection: () => !!state.selected,
    handlers: {
      undo,
      cancel: () => {
        const itemId = state.selected;
        state = S.select(state, null);
        render(["item", itemId]);
        announcer.say(t("cancelled"));
      },
      move: (target, action) => {
        const zone = target.dataset.item ? "item" : "bin";
        const all = [...exercise.querySelectorAll(`[data-${zone}]`)];
        const index = nextIndex(all.indexOf(target), action.delta, all.length);
        if (index >= 0) all[index].focus();
      },
    },
  });

  render(null);
  if (args.state.result) {
    locked = true;
    showResult(args.state.result);
    render(null);
  }
  publish("loaded", { mode: data.mode, items: data.items.length, bins: data.bins.length,
    simulation: data.simulation.enabled });
  element.setAttribute("data-ready", "true");
}
