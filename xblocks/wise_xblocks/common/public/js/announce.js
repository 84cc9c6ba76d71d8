// A polite live region that screen readers read once per message. The region is cleared
// before each message so that the same message twice ("Correct.") is read twice.
export function makeAnnouncer(region, { delay = 50, schedule = setTimeout } = {}) {
  return {
    say(message) {
      region.textContent = "";
      schedule(() => {
        region.textContent = message;
      }, delay);
    },
  };
}
