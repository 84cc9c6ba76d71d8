// The simulation round's panel: a sorting line of the learner's items, bins to drop them in
// (drag, click, or Enter/Space on a bin: each sorts the item on the line), pause/resume, and
// an untimed option that is switched on when the round is started from the keyboard.
import { makeLine } from "./line.js";
import { attachPointer } from "./pointer.js";
import { binCard, itemCard } from "./render.js";
import { simulationLines } from "./results.js";

export function mountSimulation(app, { data, t, server, announcer, names, publish, makeLineImpl = makeLine }) {
  const doc = app.ownerDocument;
  const section = doc.createElement("section");
  section.className = "wise-ws__sim";
  const heading = doc.createElement("h4");
  heading.textContent = t("sim_heading");
  heading.id = `wise-ws-sim-${Math.random().toString(36).slice(2, 8)}`;
  section.setAttribute("aria-labelledby", heading.id);
  const intro = doc.createElement("p");
  intro.textContent = t("sim_intro");
  const toolbar = doc.createElement("div");
  toolbar.className = "wise-ws__sim-toolbar";
  const start = doc.createElement("button");
  start.type = "button";
  start.className = "wise-ws__button";
  start.dataset.sim = "start";
  start.textContent = t("sim_start");
  const pause = doc.createElement("button");
  pause.type = "button";
  pause.className = "wise-ws__button";
  pause.dataset.sim = "pause";
  pause.hidden = true;
  pause.textContent = t("sim_pause");
  const untimedLabel = doc.createElement("label");
  const untimed = doc.createElement("input");
  untimed.type = "checkbox";
  untimed.dataset.sim = "untimed";
  untimedLabel.append(untimed, " ", t("sim_untimed"));
  const clock = doc.createElement("span");
  clock.className = "wise-ws__sim-clock";
  clock.setAttribute("aria-hidden", "true"); // the countdown is visual; the live region says what arrives
  toolbar.append(start, pause, untimedLabel, clock);
  const belt = doc.createElement("div");
  belt.className = "wise-ws__belt";
  const bins = doc.createElement("ul");
  bins.className = "wise-ws__bins wise-ws__sim-bins";
  const results = doc.createElement("div");
  results.className = "wise-ws__sim-results";
  results.tabIndex = -1;
  section.append(heading, intro, toolbar, belt, bins, results);
  app.appendChild(section);

  let line = null;
  let placements = {};
  let running = false;

  function drawBins(enabled) {
    bins.textContent = "";
    for (const bin of data.bins) {
      const li = doc.createElement("li");
      li.className = "wise-ws__bin";
      li.dataset.dropBin = bin.id;
      const target = binCard(doc, bin, t);
      target.dataset.simBin = bin.id;
      target.removeAttribute("data-bin");
      target.disabled = !enabled;
      li.appendChild(target);
      bins.appendChild(li);
    }
  }
  function showItem(item) {
    belt.textContent = "";
    if (!item) return;
    const card = itemCard(doc, item, { draggable: true });
    card.removeAttribute("data-item");
    card.dataset.simItem = item.id;
    card.setAttribute("aria-disabled", "true");
    belt.appendChild(card);
  }
  function sort(binId, input) {
    const item = line && line.current();
    if (!item) return;
    placements[item.id] = binId;
    publish("item_sorted", { item: item.id, bin: binId, input, simulation: true });
    announcer.say(t("placed", { item: item.name, bin: names[binId] }));
    line.sorted(item.id);
  }
  function finish() {
    running = false;
    pause.hidden = true;
    start.hidden = false;
    start.textContent = t("sim_again");
    showItem(null);
    drawBins(false);
    clock.textContent = "";
    server.call("finish_simulation", { placements }).then((outcome) => {
      results.textContent = "";
      const done = doc.createElement("p");
      done.textContent = t("sim_done");
      const list = doc.createElement("ul");
      for (const text of simulationLines(t, outcome, names)) {
        const li = doc.createElement("li");
        li.textContent = text;
        list.appendChild(li);
      }
      const source = doc.createElement("p");
      source.className = "wise-ws__source";
      source.textContent = t("sim_source");
      results.append(done, list, source);
      announcer.say(`${t("sim_done")} ${simulationLines(t, outcome, names)[0]}`);
      results.focus();
    }, (error) => announcer.say(t("error", { message: error.message })));
  }
  function begin(fromKeyboard) {
    if (fromKeyboard) untimed.checked = true;
    placements = {};
    results.textContent = "";
    running = true;
    start.hidden = true;
    pause.hidden = false;
    pause.textContent = t("sim_pause");
    drawBins(true);
    line = makeLineImpl({
      items: data.items, paceMs: data.simulation.pace_seconds * 1000, untimed: untimed.checked,
      onArrive: (item) => {
        showItem(item);
        clock.textContent = untimed.checked ? "" : t("sim_seconds_left", { seconds: data.simulation.pace_seconds });
        announcer.say(untimed.checked ? t("sim_arrives_untimed", { item: item.name })
          : t("sim_arrives", { item: item.name, seconds: data.simulation.pace_seconds }));
      },
      onMiss: (item) => announcer.say(t("sim_missed", { item: item.name })),
      onTick: (ms) => { clock.textContent = t("sim_seconds_left", { seconds: Math.ceil(ms / 1000) }); },
      onEnd: finish,
    });
    line.start();
    const first = bins.querySelector("button");
    if (first && fromKeyboard) first.focus();
  }

  section.addEventListener("click", (event) => {
    const target = event.target.closest("button, input");
    if (!target) return;
    if (target.dataset.sim === "start") return begin(event.detail === 0);
    if (target.dataset.sim === "pause" && line) {
      const paused = line.status().paused;
      if (paused) line.resume(); else line.pause();
      pause.textContent = t(paused ? "sim_pause" : "sim_resume");
      announcer.say(t(paused ? "sim_resumed" : "sim_paused"));
      return;
    }
    if (target.dataset.simBin && running) sort(target.dataset.simBin, event.detail === 0 ? "keyboard" : "click");
  });
  untimed.addEventListener("change", () => {
    if (line) line.setUntimed(untimed.checked);
    if (untimed.checked) clock.textContent = "";
  });
  attachPointer(section, { onDrop: (itemId, binId) => sort(binId, "pointer"), selector: "[data-drag-item]" });
  drawBins(false);
  return { section, begin, status: () => (line ? line.status() : null) };
}
