// Group commit for the stored session (storage.js): the saves made while a write is in
// flight are merged and written together, in one transaction, as soon as it completes.
// IndexedDB runs read-write transactions over the same stores one after the other anyway,
// so merging them delays no save, and a burst of keystrokes costs one transaction per
// write the database can finish instead of one per keystroke.
//
// A save may also be lazy: one that only records where the session stands (an
// acknowledgement), which a reload can do without because the server answers a resent
// submission as the duplicate it is. A lazy save rides along with the next eager one, or is
// written within `lazyDelay` ms, or when the page is hidden (flush).
//
// A batch is {state, changes, snapshot}: the latest state, every change since the last
// batch in order, and the snapshot thunk of the latest save (the text after all of them).

/**
 * `write(batch)` writes one batch and resolves when it is durable (rejects when it is not).
 * Returns {save(state, change, snapshot, lazy), flush()}; `save` resolves to true once
 * written, false when a write failed (then every later save resolves false too, and
 * `onFailure(error, state)` was called once).
 */
export function groupCommit(write, { lazyDelay = 1000, onFailure = () => {}, schedule = setTimeout } = {}) {
  let queued = null; // the batch being gathered, with its waiters
  let writing = false;
  let lazyTimer = null;
  let broken = false;

  function gather(state, change, snapshot) {
    if (!queued) {
      let resolve;
      const done = new Promise((r) => { resolve = r; });
      queued = { state, changes: [], snapshot, done, resolve };
    }
    queued.state = state;
    queued.snapshot = snapshot;
    if (change && change.length > 0) queued.changes.push(change);
    return queued.done;
  }

  function start() {
    if (writing || !queued) return;
    const batch = queued;
    queued = null;
    writing = true;
    Promise.resolve()
      .then(() => write({ state: batch.state, changes: batch.changes, snapshot: batch.snapshot }))
      .then(() => {
        writing = false;
        batch.resolve(true);
        start();
      }, (e) => {
        writing = false;
        broken = true;
        batch.resolve(false);
        if (queued) { queued.resolve(false); queued = null; }
        onFailure(e, batch.state);
      });
  }

  return {
    save(state, change = null, snapshot = null, lazy = false) {
      if (broken) return Promise.resolve(false);
      const done = gather(state, change, snapshot);
      if (!lazy) {
        // After this task's other saves (an ack and the submission it lets go, say); a
        // lazy save gathered before goes along.
        if (!queued.eager) { queued.eager = true; queueMicrotask(start); }
      } else if (!writing && !queued.eager && lazyTimer === null) {
        // A delay already running is left to run (when it ends, it writes whatever is
        // gathered then, or nothing): typing makes an eager save and an acknowledgement a
        // lazy one per keystroke, and setting and cancelling a timer for each cost more
        // script than the rest of the save.
        lazyTimer = schedule(() => { lazyTimer = null; start(); }, lazyDelay);
      }
      return done;
    },
    /** Writes whatever is gathered now (the page is going away); resolves when written. */
    flush() {
      if (broken) return Promise.resolve(false);
      const done = queued ? queued.done : Promise.resolve(true);
      start();
      return done;
    },
  };
}
