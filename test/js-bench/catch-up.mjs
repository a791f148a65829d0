// The browser client's offline merge (issue 13): a client typed k random edits offline (one
// in flight, the rest buffered) while the server accepted m random entries. Times
// client-state.js applyServerRun on the m entries against applyServer on each in turn, and
// checks both give the same state and changes. Also times applying the m changes to the
// text as connection.js does (a string per change), which the run does not change.
// Run: node test/js-bench/catch-up.mjs [k] [m]   (not a test: node --test test/js/ skips it)
import { apply, compose } from '../../src/resources/public/ot.js';
import { restore } from '../../src/resources/public/client-state.js';
import { isDeepStrictEqual } from 'node:util';

const k = Number(process.argv[2] ?? 10_000);
const m = Number(process.argv[3] ?? 10_000);

function rng(seed) {
  let s = seed >>> 0;
  return (n) => { s = (s * 1664525 + 1013904223) >>> 0; return Math.floor((s / 2 ** 32) * n); };
}
const r = rng(42);
const letters = 'abcdefghijklmnopqrstuvwxyz';
const start = Array.from({ length: 20_000 }, () => letters[r(26)]).join('');

/** `count` single-edit changes, each made on the text the ones before it left (ASCII text). */
function randomEdits(text, count) {
  const changes = [];
  let t = text;
  for (let i = 0; i < count; i++) {
    const c = r(5) > 0 || t.length < 2
      ? [{ type: 'insert', offset: r(t.length + 1), text: letters[r(26)] }]
      : [{ type: 'delete', offset: r(t.length - 1), length: 1 + r(2) }];
    t = apply(t, c);
    changes.push(c);
  }
  return [changes, t];
}

/** The composition of the changes, paired up level by level (the same as one by one: compose is associative). */
function composeAll(changes) {
  let level = changes;
  while (level.length > 1) {
    const next = [];
    for (let i = 0; i + 1 < level.length; i += 2) next.push(compose(level[i], level[i + 1]));
    if (level.length % 2 === 1) next.push(level[level.length - 1]);
    level = next;
  }
  return level[0] ?? [];
}

function time(label, fn) {
  const t0 = performance.now();
  const out = fn();
  console.log(`  ${label}: ${(performance.now() - t0).toFixed(1)} ms`);
  return out;
}

const [typed, localText] = randomEdits(start, k);
const offline = restore(0, typed[0], composeAll(typed.slice(1)));
const [accepted] = randomEdits(start, m);
console.log(`offline merge in the browser client: k = ${k} edits over m = ${m} entries (node ${process.version})`);
for (let i = 0; i < 3; i++) offline.applyServerRun(accepted.slice(0, 500)); // warm up
const run = time('applyServerRun (one run)', () => offline.applyServerRun(accepted));
const stepped = time('applyServer on each in turn', () => {
  let s = offline;
  const applied = [];
  for (const c of accepted) { const st = s.applyServer(c); s = st.state; applied.push(st.apply); }
  return { state: s, apply: applied };
});
console.log(`  state and changes to apply ${isDeepStrictEqual(run.state, stepped.state) && isDeepStrictEqual(run.apply, stepped.apply) ? 'identical' : 'DIFFER'}`);
time('applying the m changes to the text (a string each)', () => run.apply.reduce(apply, localText));
