import { test } from "node:test";
import assert from "node:assert/strict";
import { makeLine, TICK_MS } from "../../../xblocks/wise_xblocks/waste_sorting/public/js/line.js";

function fakeClock() {
  const timers = new Map();
  let next = 1;
  return {
    setInterval(fn) { timers.set(next, fn); return next++; },
    clearInterval(id) { timers.delete(id); },
    advance(ms) { for (let t = 0; t < ms; t += TICK_MS) for (const fn of [...timers.values()]) fn(); },
    active() { return timers.size; },
  };
}

function run(options = {}) {
  const clock = fakeClock();
  const log = [];
  const line = makeLine({
    items: [{ id: "a" }, { id: "b" }, { id: "c" }], paceMs: 1000, clock,
    onArrive: (item) => log.push(`arrive ${item.id}`), onMiss: (item) => log.push(`miss ${item.id}`),
    onEnd: () => log.push("end"), ...options,
  });
  return { clock, log, line };
}

test("items arrive one by one; an unsorted item is missed when its time is up", () => {
  const { clock, log, line } = run();
  line.start();
  assert.equal(line.current().id, "a");
  assert.equal(line.sorted("a"), true);
  clock.advance(1000);
  assert.deepEqual(log, ["arrive a", "arrive b", "miss b", "arrive c"]);
  assert.equal(line.sorted("b"), false); // already gone
  line.sorted("c");
  assert.deepEqual(log.slice(-1), ["end"]);
  assert.equal(clock.active(), 0);
});

test("pause stops the countdown and resume continues it", () => {
  const { clock, log, line } = run();
  line.start();
  clock.advance(500);
  line.pause();
  clock.advance(5000);
  assert.deepEqual(log, ["arrive a"]);
  line.resume();
  clock.advance(500);
  assert.deepEqual(log, ["arrive a", "miss a", "arrive b"]);
});

test("untimed: no item is ever missed (keyboard and screen-reader users)", () => {
  const { clock, log, line } = run({ untimed: true });
  line.start();
  clock.advance(60000);
  assert.deepEqual(log, ["arrive a"]);
  assert.equal(clock.active(), 0);
  line.sorted("a");
  line.setUntimed(false);
  clock.advance(1000);
  assert.deepEqual(log, ["arrive a", "arrive b", "miss b", "arrive c"]);
});

test("onTick reports the time left", () => {
  const ticks = [];
  const { clock, line } = run({ onTick: (ms) => ticks.push(ms) });
  line.start();
  clock.advance(500);
  assert.deepEqual(ticks, [750, 500]);
});
