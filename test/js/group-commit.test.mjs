// Group commit (src/resources/public/group-commit.js): saves made while a write is in flight
// go together in the next write, in order, none lost, none written twice, never two writes
// at once; a lazy save waits for the next eager one or its delay; a failed write fails
// every save it and later writes would have carried.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { groupCommit } from '../../src/resources/public/group-commit.js';

const tick = () => new Promise((r) => setImmediate(r));

/** A store whose writes complete when the test says so; timers are the test's too. */
function harness(options = {}) {
  const h = { writes: [], open: 0, maxOpen: 0, timers: [], failures: [] };
  h.commit = groupCommit((batch) => {
    h.open += 1;
    h.maxOpen = Math.max(h.maxOpen, h.open);
    return new Promise((resolve, reject) => {
      h.writes.push({
        batch,
        finish: () => { h.open -= 1; resolve(); },
        fail: () => { h.open -= 1; reject(new Error('disk full')); },
      });
    });
  }, {
    lazyDelay: 1000,
    schedule: (fn, ms) => { const t = { fn, ms }; h.timers.push(t); return t; },
    onFailure: (e, state) => h.failures.push({ e, state }),
    ...options,
  });
  h.fireTimers = () => { const due = h.timers; h.timers = []; for (const t of due) t.fn(); };
  return h;
}

/** A small deterministic generator (mulberry32), so a failing history can be replayed. */
function random(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

test('an eager save is written at once, without waiting for anything', async () => {
  const h = harness();
  const saved = h.commit.save({ n: 1 }, [{ k: 1 }], () => 'a');
  await tick();
  assert.equal(h.writes.length, 1);
  assert.deepEqual(h.writes[0].batch.changes, [[{ k: 1 }]]);
  h.writes[0].finish();
  assert.equal(await saved, true);
});

test('saves made in one task go in one write; saves made during a write go together in the next', async () => {
  const h = harness();
  const first = h.commit.save({ n: 1 }, ['a'], () => 'a');
  const second = h.commit.save({ n: 2 }, ['b'], () => 'ab');
  await tick();
  assert.equal(h.writes.length, 1);
  assert.deepEqual(h.writes[0].batch, { state: { n: 2 }, changes: [['a'], ['b']], snapshot: h.writes[0].batch.snapshot });
  const later = [3, 4, 5].map((n) => h.commit.save({ n }, [String(n)], () => `t${n}`));
  await tick();
  assert.equal(h.writes.length, 1, 'waits for the write in flight');
  h.writes[0].finish();
  assert.equal(await first, true);
  assert.equal(await second, true);
  await tick();
  assert.equal(h.writes.length, 2);
  assert.deepEqual(h.writes[1].batch.state, { n: 5 });
  assert.deepEqual(h.writes[1].batch.changes, [['3'], ['4'], ['5']]);
  assert.equal(h.writes[1].batch.snapshot(), 't5', "the snapshot is the latest save's");
  h.writes[1].finish();
  assert.deepEqual(await Promise.all(later), [true, true, true]);
});

test('a lazy save waits for its delay, rides along with an eager one, and goes when the page is hidden', async () => {
  const h = harness();
  const lazy = h.commit.save({ n: 1 }, null, null, true);
  await tick();
  assert.equal(h.writes.length, 0);
  assert.equal(h.timers.length, 1);
  assert.equal(h.timers[0].ms, 1000);
  h.fireTimers();
  await tick();
  assert.equal(h.writes.length, 1);
  h.writes[0].finish();
  assert.equal(await lazy, true);

  const lazy2 = h.commit.save({ n: 2 }, null, null, true);
  const eager = h.commit.save({ n: 3 }, ['x'], () => 'x');
  await tick();
  assert.equal(h.writes.length, 2);
  assert.deepEqual(h.writes[1].batch.state, { n: 3 });
  h.writes[1].finish();
  assert.deepEqual([await lazy2, await eager], [true, true]);
  assert.equal(h.timers.length, 1, 'the delay is left to run');
  h.fireTimers();
  await tick();
  assert.equal(h.writes.length, 2, 'a delay that ends with nothing gathered writes nothing');

  const lazy3 = h.commit.save({ n: 4 }, null, null, true);
  const flushed = h.commit.flush();
  await tick();
  assert.equal(h.writes.length, 3);
  h.writes[2].finish();
  assert.deepEqual([await lazy3, await flushed], [true, true]);
  assert.equal(await h.commit.flush(), true, 'nothing to flush');
  h.fireTimers();
  await tick();
  assert.equal(h.writes.length, 3, 'nothing more to write');

  // A lazy save made while an earlier delay runs is written when that delay ends: one
  // timer for any number of acknowledgements.
  const eager2 = h.commit.save({ n: 5 }, ['y'], () => 'xy');
  await tick();
  h.writes[3].finish();
  await eager2;
  const lazy4 = h.commit.save({ n: 6 }, null, null, true);
  const lazy5 = h.commit.save({ n: 7 }, null, null, true);
  assert.equal(h.timers.length, 1);
  h.fireTimers();
  await tick();
  assert.equal(h.writes.length, 5);
  assert.deepEqual(h.writes[4].batch.state, { n: 7 });
  h.writes[4].finish();
  assert.deepEqual([await lazy4, await lazy5], [true, true]);
});

test('a failed write fails its saves, the ones waiting behind it and every later one', async () => {
  const h = harness();
  const first = h.commit.save({ n: 1 }, ['a'], () => 'a');
  await tick();
  const waiting = h.commit.save({ n: 2 }, ['b'], () => 'ab');
  h.writes[0].fail();
  assert.equal(await first, false);
  assert.equal(await waiting, false);
  assert.equal(await h.commit.save({ n: 3 }, ['c'], () => 'abc'), false);
  await tick();
  assert.equal(h.writes.length, 1, 'nothing written after the failure');
  assert.equal(h.failures.length, 1);
  assert.deepEqual(h.failures[0].state, { n: 1 });
});

test('generated histories: every change written once, in order, one write at a time, each save resolved after its write', async () => {
  for (let seed = 1; seed <= 200; seed++) {
    const rnd = random(seed);
    const h = harness();
    const saves = [];
    let n = 0;
    for (let step = 0; step < 60; step++) {
      const r = rnd();
      if (r < 0.45) {
        n += 1;
        const lazy = rnd() < 0.3;
        const change = lazy ? null : [n];
        const entry = { n, change, resolved: null, writesAtResolve: null };
        saves.push(entry);
        h.commit.save({ n }, change, () => n, lazy).then((ok) => {
          entry.resolved = ok;
          entry.writesAtResolve = h.writes.filter((w) => w.done).length;
        });
      } else if (r < 0.8) {
        const w = h.writes.find((x) => !x.done);
        if (w) { w.done = true; w.finish(); }
      } else if (r < 0.9) {
        h.fireTimers();
      } else {
        await tick();
      }
      if (rnd() < 0.5) await tick();
    }
    // Drain: finish writes and fire delays until nothing is left.
    for (let i = 0; i < 100; i++) {
      h.commit.flush();
      await tick();
      const w = h.writes.find((x) => !x.done);
      if (w) { w.done = true; w.finish(); }
      await tick();
    }
    const where = `seed ${seed}`;
    assert.equal(h.maxOpen, 1, `${where}: never two writes at once`);
    assert.deepEqual(h.writes.flatMap((w) => w.batch.changes), saves.filter((s) => s.change).map((s) => s.change), where);
    assert.ok(saves.every((s) => s.resolved === true), `${where}: every save written`);
    // The state written last is the last one saved; each batch's state is its latest save's.
    if (saves.length > 0) assert.deepEqual(h.writes.at(-1).batch.state, { n: saves.at(-1).n }, where);
    let written = 0;
    for (const [i, w] of h.writes.entries()) {
      const upTo = w.batch.state.n;
      const changed = saves.filter((s) => s.change && s.n <= upTo).length;
      written += w.batch.changes.length;
      assert.equal(written, changed, `${where}: write ${i} carries exactly the changes saved up to its state`);
    }
    for (const s of saves) {
      const carrier = h.writes.findIndex((w) => w.batch.state.n >= s.n);
      assert.ok(s.writesAtResolve >= carrier + 1, `${where}: save ${s.n} resolved before the write carrying it`);
    }
  }
});
