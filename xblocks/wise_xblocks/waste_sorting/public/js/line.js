// The simulation round's sorting line: items arrive one by one at the author's pace. The learner
// can pause; "untimed" removes the countdown (keyboard and screen-reader users get the same round
// without time pressure). Time comes from an injected clock so Node tests drive it exactly.

export const TICK_MS = 250;

export function makeLine({ items, paceMs, untimed = false, onArrive, onMiss, onTick = () => {}, onEnd,
  clock = { setInterval: (f, ms) => setInterval(f, ms), clearInterval: (id) => clearInterval(id) } }) {
  let index = -1;
  let remaining = paceMs;
  let timer = null;
  let paused = false;
  let ended = false;

  function stopTimer() {
    if (timer !== null) clock.clearInterval(timer);
    timer = null;
  }
  function startTimer() {
    stopTimer();
    if (!untimed && !paused && !ended) timer = clock.setInterval(tick, TICK_MS);
  }
  function advance() {
    index += 1;
    if (index >= items.length) {
      ended = true;
      stopTimer();
      onEnd();
      return;
    }
    remaining = paceMs;
    onArrive(items[index], index);
    startTimer();
  }
  function tick() {
    if (paused || untimed || ended) return;
    remaining -= TICK_MS;
    onTick(Math.max(0, remaining));
    if (remaining <= 0) {
      onMiss(items[index]);
      advance();
    }
  }
  return {
    start() { if (index === -1) advance(); },
    current() { return ended || index < 0 ? null : items[index]; },
    sorted(itemId) {
      if (ended || !items[index] || items[index].id !== itemId) return false;
      advance();
      return true;
    },
    pause() { paused = true; stopTimer(); },
    resume() { paused = false; startTimer(); },
    setUntimed(value) { untimed = value; if (untimed) stopTimer(); else startTimer(); },
    status() { return { index, remaining, paused, untimed, ended }; },
    stop() { ended = true; stopTimer(); },
  };
}
