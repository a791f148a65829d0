// The browser's OT (src/resources/public/ot.js) against the examples the Java core is
// tested with (ArticleExamplesTest, TransformTest) and against its laws on random input.
// Run: node --test test/js/
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { apply, compose, mapPosition, transform, transformRun } from '../../src/resources/public/ot.js';
import { restore, synchronizedAt } from '../../src/resources/public/client-state.js';
import { toLocal, toServer } from '../../src/resources/public/presence.js';

const ins = (offset, text) => ({ type: 'insert', offset, text });
const del = (offset, length) => ({ type: 'delete', offset, length });
/** The server's view: `incoming` transformed over `accepted`, which was applied first. */
const serverView = (incoming, accepted) => transform(accepted, incoming)[1];
const DOC = 'hello world';

test('article: an insert after a concurrent insert before it shifts right', () => {
  const alice = serverView([ins(6, 'to the ')], [ins(0, 'big ')]);
  assert.deepEqual(alice, [ins(10, 'to the ')]);
  assert.equal(apply(apply(DOC, [ins(0, 'big ')]), alice), 'big hello to the world');
});

test('article: an insert before a concurrent insert stays put', () => {
  const alice = serverView([ins(6, 'to the ')], [ins(11, ' again')]);
  assert.deepEqual(alice, [ins(6, 'to the ')]);
  assert.equal(apply(apply(DOC, [ins(11, ' again')]), alice), 'hello to the world again');
});

test('article: a delete after a concurrent insert shifts right', () => {
  const alice = serverView([del(2, 7)], [ins(0, 'big ')]);
  assert.deepEqual(alice, [del(6, 7)]);
  assert.equal(apply(apply(DOC, [ins(0, 'big ')]), alice), 'big held');
});

test('article: a delete around a concurrent insert splits in two, descending', () => {
  const alice = serverView([del(2, 7)], [ins(6, 'to the ')]);
  assert.deepEqual(alice, [del(13, 3), del(2, 4)]);
  assert.equal(apply(apply(DOC, [ins(6, 'to the ')]), alice), 'heto the ld');
});

test('article: a delete overlapping a concurrent delete shrinks', () => {
  const alice = serverView([del(2, 7)], [del(3, 1)]);
  assert.deepEqual(alice, [del(2, 6)]);
  assert.equal(apply(apply(DOC, [del(3, 1)]), alice), 'held');
});

test("article's bug fixed: an insert inside a concurrently deleted range lands where the range started", () => {
  assert.deepEqual(serverView([ins(10, 'X')], [del(10, 4)]), [ins(10, 'X')]);
  assert.deepEqual(serverView([ins(2, 'X')], [del(0, 10)]), [ins(0, 'X')]);
  assert.deepEqual(serverView([ins(12, 'X')], [del(10, 4)]), [ins(10, 'X')]);
  const doc = '0123456789abcdefghij';
  assert.equal(apply(apply(doc, [del(10, 3)]), serverView([ins(12, 'X')], [del(10, 3)])), '0123456789Xdefghij');
});

test('tied inserts keep the accepted text first', () => {
  const [a, b] = transform([ins(2, 'A')], [ins(2, 'B')]);
  assert.deepEqual(b, [ins(3, 'B')]);
  assert.deepEqual(a, [ins(2, 'A')]);
  assert.equal(apply('abAcd', b), 'abABcd');
  assert.equal(apply('abBcd', a), 'abABcd');
});

test('an insert at the end of a deleted range is not deleted; identical deletes vanish', () => {
  assert.deepEqual(transform([ins(5, 'X')], [del(2, 3)])[1], [del(2, 3)]);
  assert.deepEqual(transform([del(1, 3)], [del(1, 3)]), [[], []]);
});

test('offsets count code points', () => {
  const doc = 'a😀b';
  const [, b] = transform([ins(1, '🎉')], [del(2, 1)]);
  assert.deepEqual(b, [del(3, 1)]);
  assert.equal(apply(apply(doc, [ins(1, '🎉')]), b), 'a🎉😀');
  assert.equal(apply('a😀b', [del(1, 1)]), 'ab');
  assert.throws(() => apply('a😀b', [del(1, 3)]), /runs past the end/);
});

test('output is descending in base coordinates; compose joins typing', () => {
  const ascending = [ins(0, 'x'), ins(3, 'y'), del(5, 1)];
  const composed = compose(ascending, []);
  assert.deepEqual(composed, [del(3, 1), ins(2, 'y'), ins(0, 'x')]);
  assert.equal(apply('abcdef', composed), apply('abcdef', ascending));
  assert.deepEqual(compose([ins(0, 'he')], [ins(2, 'y')]), [ins(0, 'hey')]);
  assert.deepEqual(compose([ins(3, 'ab')], [del(3, 2)]), []);
  assert.deepEqual(compose([del(1, 2)], [ins(1, 'XY')]), [del(1, 2), ins(1, 'XY')]);
});

test('a composed history keeps the gap of each insert', () => {
  const history = [[ins(1, 'y')], [del(0, 1)]];
  const incoming = [ins(0, 'x')];
  const stepwise = transform(history[1], transform(history[0], incoming)[1])[1];
  assert.deepEqual(stepwise, [ins(0, 'x')]);
  assert.deepEqual(transform(compose(history[0], history[1]), incoming)[1], stepwise);
  assert.deepEqual(compose(history[0], history[1]), [ins(1, 'y'), del(0, 1)]);
});

test('invalid edits are refused with the edit named, and nothing is applied', () => {
  assert.throws(() => apply('abc', [ins(1, 'x'), del(3, 2)]), /edit 1 .*document length 4/);
  assert.throws(() => transform([del(0, 0)], []), /edit 0/);
  assert.throws(() => apply('abc', [{ type: 'replace', offset: 0 }]), /unknown edit type 'replace'/);
});

test('positions move by the protocol rule', () => {
  assert.equal(mapPosition(3, [ins(3, 'ab')]), 5);
  assert.equal(mapPosition(3, [ins(3, 'ab')], true), 3);
  assert.equal(mapPosition(3, [del(1, 4)]), 1);
  assert.equal(mapPosition(6, [del(1, 4)]), 2);
  assert.equal(mapPosition(1, [del(1, 4)]), 1);
});

// ---- random input ----

function rng(seed) {
  let s = seed >>> 0;
  return (n) => { s = (s * 1664525 + 1013904223) >>> 0; return Math.floor((s / 2 ** 32) * n); };
}
const ALPHABET = ['a', 'b', 'c', 'x', ' ', '\n', '😀', 'é'];
const cps = (s) => [...s].length;

function randomText(r, max) {
  let t = '';
  for (let i = r(max) + 1; i > 0; i--) t += ALPHABET[r(ALPHABET.length)];
  return t;
}

/** 1 to 3 random edits that fit `doc`, applied one after another. */
function randomChange(r, doc) {
  const change = [];
  let len = cps(doc);
  for (let k = r(3) + 1; k > 0; k--) {
    if (len > 0 && r(2) === 0) {
      const offset = r(len);
      const length = 1 + r(Math.min(4, len - offset));
      change.push(del(offset, length));
      len -= length;
    } else {
      const text = randomText(r, 3);
      change.push(ins(r(len + 1), text));
      len += cps(text);
    }
  }
  return change;
}

test('law: transform converges (apply(apply(d, a), b\') = apply(apply(d, b), a\'))', () => {
  const r = rng(1);
  for (let i = 0; i < 3000; i++) {
    const d = randomText(r, 12);
    const a = randomChange(r, d);
    const b = randomChange(r, d);
    const [aP, bP] = transform(a, b);
    assert.equal(apply(apply(d, a), bP), apply(apply(d, b), aP), JSON.stringify({ d, a, b }));
  }
});

test('law: compose (apply(apply(d, a), b) = apply(d, compose(a, b)))', () => {
  const r = rng(2);
  for (let i = 0; i < 3000; i++) {
    const d = randomText(r, 12);
    const a = randomChange(r, d);
    const b = randomChange(r, apply(d, a));
    assert.equal(apply(d, compose(a, b)), apply(apply(d, a), b), JSON.stringify({ d, a, b }));
  }
});

test('law: transforming over a composed history equals transforming over each change', () => {
  const r = rng(3);
  for (let i = 0; i < 2000; i++) {
    let d = randomText(r, 10);
    const start = d;
    const history = [];
    for (let k = r(4) + 1; k > 0; k--) { const h = randomChange(r, d); history.push(h); d = apply(d, h); }
    const incoming = randomChange(r, start);
    const stepwise = history.reduce((c, h) => transform(h, c)[1], incoming);
    const once = transform(history.reduce((x, h) => compose(x, h), []), incoming)[1];
    assert.equal(apply(d, once), apply(d, stepwise), JSON.stringify({ start, history, incoming }));
  }
});

/** A run of `n` random changes, each made on the text the ones before it left. */
function randomRun(r, doc, n) {
  const run = [];
  let d = doc;
  for (let k = 0; k < n; k++) { const h = randomChange(r, d); run.push(h); d = apply(d, h); }
  return run;
}

// invariant: transformRun(run, c) is the fold of transform over the run, change for change
test('law: transformRun equals transforming change by change, ties included', () => {
  const r = rng(5);
  for (let i = 0; i < 3000; i++) {
    // Tiny texts put ties everywhere; long ones and long incoming changes make deep trees.
    const d = [randomText(r, 2), randomText(r, 12), randomText(r, 300)][r(3)];
    const incoming = d.length > 100 ? randomRun(r, d, 30).reduce((x, h) => compose(x, h), []) : randomChange(r, d);
    const run = randomRun(r, d, r(d.length > 100 ? 40 : 10));
    const primes = [];
    let inc = incoming;
    for (const a of run) { const [aP, incP] = transform(a, inc); primes.push(aP); inc = incP; }
    assert.deepEqual(transformRun(run, incoming), [primes, inc], JSON.stringify({ d, incoming, run }));
  }
});

// invariant: applyServerRun(run) gives the state and the changes to apply that applyServer
// gives on each server change in turn, whatever the client has pending
test('law: a client takes a run of server changes as it takes them one by one', () => {
  const r = rng(6);
  for (let i = 0; i < 2000; i++) {
    const d = r(3) === 0 ? randomText(r, 2) : randomText(r, 12);
    const inFlight = randomChange(r, d);
    const buffer = randomChange(r, apply(d, inFlight));
    const state = [synchronizedAt(0), restore(0, inFlight, null), restore(0, inFlight, buffer)][r(3)];
    const run = randomRun(r, d, r(10));
    let stepped = state;
    const applied = [];
    for (const s of run) { const st = stepped.applyServer(s); stepped = st.state; applied.push(st.apply); }
    const fast = state.applyServerRun(run);
    assert.deepEqual(fast.state, stepped, JSON.stringify({ d, inFlight, buffer, run }));
    assert.deepEqual(fast.apply, applied);
  }
});

// Composing the run and transforming once would move the buffer: the client keeps "a" of
// "abcdef" and types "r" before it; the server deletes "ab" and "f", then inserts around "d".
test('a run is not the same as its composition: the buffer keeps the tie rule of each step', () => {
  const state = restore(0, [del(1, 5)], [ins(0, 'r')]);
  const run = [[del(5, 1), del(0, 2)], [ins(2, 'xy'), ins(1, 'xy')]];
  const { state: next, apply: changes } = state.applyServerRun(run);
  assert.equal(changes.reduce(apply, 'ra'), 'xyxyr');
  assert.deepEqual(next.buffer, [ins(4, 'r')]);
  const composed = run.reduce((x, h) => compose(x, h), []);
  const [overInFlight] = transform(composed, [del(1, 5)]);
  assert.deepEqual(transform(overInFlight, [ins(0, 'r')])[1], [ins(0, 'r')], 'composing first puts r first');
});

/**
 * Clients type at random against a server that transforms each submission over the history
 * since its version (ot.js's server.js); messages are delivered in random interleavings, one
 * by one or the others' changes as a run. invariant: every client ends with the server's text.
 */
test('law: clients and a server converge whatever the interleaving', () => {
  const r = rng(4);
  for (let run = 0; run < 200; run++) {
    const server = { text: randomText(r, 6), history: [] };
    const clients = [0, 1, 2].map((id) => ({
      id, text: server.text, state: synchronizedAt(0), inbox: [], outbox: [],
    }));
    const submit = (c, change) => c.outbox.push({ version: c.state.version, change });
    for (let step = 0; step < 60; step++) {
      const c = clients[r(3)];
      const what = r(3);
      if (what === 0) {
        const change = randomChange(r, c.text);
        c.text = apply(c.text, change);
        const s = c.state.applyLocal(change);
        c.state = s.state;
        if (s.send) submit(c, s.send);
        // Presence: a local caret mapped to the server's text and back stays inside the text.
        const caret = { anchor: r(cps(c.text) + 1), head: r(cps(c.text) + 1) };
        const back = toLocal(toServer(caret, c.state.pending()), c.state.pending());
        assert.ok(back.anchor >= 0 && back.anchor <= cps(c.text) && back.head >= 0 && back.head <= cps(c.text));
      } else if (what === 1 && c.outbox.length) {
        const { version, change } = c.outbox.shift();
        const since = server.history.slice(version).map((h) => h.change);
        const t = since.reduce((x, h) => transform(h, x)[1], change);
        server.text = apply(server.text, t);
        server.history.push({ from: c.id, change: t });
        for (const o of clients) o.inbox.push({ from: c.id, change: t, version: server.history.length });
      } else if (c.inbox.length && c.inbox[0].from !== c.id && r(2) === 0) {
        // The others' changes at the head of the inbox, taken as one run (a frame's worth).
        const run = [];
        while (c.inbox.length && c.inbox[0].from !== c.id) run.push(c.inbox.shift().change);
        const s = c.state.applyServerRun(run);
        c.state = s.state;
        c.text = s.apply.reduce(apply, c.text);
      } else if (c.inbox.length) {
        const m = c.inbox.shift();
        const s = m.from === c.id ? c.state.serverAck(m.version) : c.state.applyServer(m.change);
        c.state = s.state;
        if (s.apply) c.text = apply(c.text, s.apply);
        if (s.send) submit(c, s.send);
      }
    }
    // Drain: deliver everything left, in order.
    for (let busy = true; busy;) {
      busy = false;
      for (const c of clients) {
        while (c.outbox.length) {
          busy = true;
          const { version, change } = c.outbox.shift();
          const t = server.history.slice(version).map((h) => h.change).reduce((x, h) => transform(h, x)[1], change);
          server.text = apply(server.text, t);
          server.history.push({ from: c.id, change: t });
          for (const o of clients) o.inbox.push({ from: c.id, change: t, version: server.history.length });
        }
      }
      for (const c of clients) {
        while (c.inbox.length) {
          busy = true;
          const m = c.inbox.shift();
          const s = m.from === c.id ? c.state.serverAck(m.version) : c.state.applyServer(m.change);
          c.state = s.state;
          if (s.apply) c.text = apply(c.text, s.apply);
          if (s.send) submit(c, s.send);
        }
      }
    }
    for (const c of clients) assert.equal(c.text, server.text, `run ${run}, client ${c.id}`);
  }
});

test('a restored client state continues where it was', () => {
  const s = restore(4, [ins(0, 'a')], [ins(1, 'b')]);
  assert.equal(s.version, 4);
  const acked = s.serverAck(5);
  assert.deepEqual(acked.send, [ins(1, 'b')]);
  assert.equal(acked.state.version, 5);
});
