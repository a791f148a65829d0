// One timer for "once things have been quiet for a while": `poke()` on every event, and
// `run` is called once no event has come for `delay` ms. A timer already running is not
// cancelled and set again per event (per keystroke, that cost as much script as the work
// it guards); when it ends early it waits out the rest from the last event.

/** Returns poke(): call it on each event; `run()` follows `delay` ms after the last one. */
export function afterQuiet(delay, run, { now = () => performance.now(), schedule = setTimeout } = {}) {
  let timer = null;
  let last = 0;
  const wait = (ms) => {
    timer = schedule(() => {
      const quiet = now() - last;
      if (quiet < delay) {
        wait(delay - quiet);
        return;
      }
      timer = null;
      run();
    }, ms);
  };
  return function poke() {
    last = now();
    if (timer === null) wait(delay);
  };
}
