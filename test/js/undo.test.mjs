// Selective undo over a shared text (src/resources/public/undo.js), as properties on random
// interleavings of one user's edits with everyone else's. The user types upper-case letters
// and digits, the others lower-case, so whose text is whose can be read off the result.
// Run: node --test test/js/
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { apply, invert } from '../../src/resources/public/ot.js';
import { UndoHistory } from '../../src/resources/public/undo.js';

const ins = (offset, text) => ({ type: 'insert', offset, text });
const del = (offset, length) => ({ type: 'delete', offset, length });

function rng(seed) {
  let s = seed >>> 0;
  return (n) => {
    s = (Math.imul(s ^ (s >>> 15), 0x2c1b3c6d) + 0x6d2b79f5) >>> 0;
    return s % n;
  };
}

const cps = (t) => [...t];
const slicer = (text) => (from, to) => cps(text).slice(from, to).join('');
const mine = (ch) => /[A-Z0-9😀]/u.test(ch);
const others = (t) => cps(t).filter((c) => !mine(c)).join('');
const withoutMine = others;

/** A session: the local text, its undo history and a clock; every edit is applied and recorded. */
function session(text) {
  const s = { text, history: new UndoHistory(), now: 0, next: 0 };
  s.local = (change) => { s.history.local(change, slicer(s.text), s.now); s.text = apply(s.text, change); };
  s.remote = (change) => { s.history.remote(change); s.text = apply(s.text, change); };
  s.undo = () => { const c = s.history.undo(slicer(s.text)); if (c) s.text = apply(s.text, c); return c; };
  s.redo = () => { const c = s.history.redo(slicer(s.text)); if (c) s.text = apply(s.text, c); return c; };
  s.pause = () => { s.now += 5000; };
  s.mineText = (n, r) => Array.from({ length: n }, () => (r(6) === 0 ? '😀' : String.fromCharCode(65 + r(26)))).join('');
  return s;
}

/** Someone else edits `text`: inserts lower-case text, or deletes a range (perhaps of ours). */
function remoteChange(r, text) {
  const n = cps(text).length;
  if (n > 0 && r(3) === 0) {
    const at = r(n);
    return [del(at, 1 + r(Math.min(4, n - at)))];
  }
  return [ins(r(n + 1), Array.from({ length: 1 + r(3) }, () => String.fromCharCode(97 + r(26))).join(''))];
}

test('undo of an insert removes exactly that text, wherever remote edits moved it', () => {
  for (let seed = 1; seed <= 400; seed++) {
    const r = rng(seed);
    const s = session('abcdefgh'.slice(0, r(9)));
    for (let k = r(4); k > 0; k--) s.remote(remoteChange(r, s.text));
    const typed = s.mineText(1 + r(5), r);
    s.local([ins(r(cps(s.text).length + 1), typed)]);
    for (let k = r(6); k > 0; k--) s.remote(remoteChange(r, s.text));
    const before = s.text;
    s.undo();
    // invariant: undo(insert) = the text before the undo without our characters; theirs untouched
    assert.equal(s.text, withoutMine(before), `seed ${seed}: ${JSON.stringify(before)} -> ${JSON.stringify(s.text)}`);
  }
});

test('undo of a delete puts exactly the deleted text back in one piece; nothing else changes', () => {
  for (let seed = 1; seed <= 400; seed++) {
    const r = rng(seed);
    const s = session('abcdefghijkl');
    for (let k = r(3); k > 0; k--) s.remote(remoteChange(r, s.text));
    const n = cps(s.text).length;
    const at = r(n);
    const count = 1 + r(Math.min(5, n - at));
    const deleted = cps(s.text).slice(at, at + count).join('');
    s.local([del(at, count)]);
    // Only inserts from others now: a remote delete may legitimately remove the spot's neighbours.
    for (let k = r(5); k > 0; k--) {
      const m = cps(s.text).length;
      s.remote([ins(r(m + 1), String.fromCharCode(109 + r(10)))]);
    }
    const before = s.text;
    s.undo();
    const t = cps(s.text);
    const found = t.some((_, p) => t.slice(0, p).join('') + t.slice(p + count).join('') === before
      && t.slice(p, p + count).join('') === deleted);
    assert.ok(found, `seed ${seed}: ${JSON.stringify(before)} + ${JSON.stringify(deleted)} -> ${JSON.stringify(s.text)}`);
  }
});

test('undoing every group, in any interleaving with remote edits, leaves only the others\' text', () => {
  for (let seed = 1; seed <= 300; seed++) {
    const r = rng(seed);
    const s = session('hello world');
    let groups = 0;
    for (let step = 0; step < 12; step++) {
      if (r(2) === 0) {
        // Typing in a burst: one group, several keystrokes next to each other.
        const n = cps(s.text).length;
        let at = r(n + 1);
        for (let k = 1 + r(3); k > 0; k--) {
          const t = s.mineText(1, r);
          s.local([ins(at, t)]);
          at += 1;
          s.now += 100;
        }
        s.pause();
        groups += 1;
      } else {
        s.remote(remoteChange(r, s.text));
      }
    }
    const theirs = withoutMine(s.text);
    for (let g = 0; g < groups; g++) {
      const before = s.text;
      s.undo();
      // invariant: each undo removes only our characters and never theirs
      assert.equal(others(s.text), others(before), `seed ${seed}, undo ${g}`);
      if (r(3) === 0) s.remote([ins(r(cps(s.text).length + 1), 'q')]);
    }
    assert.equal(s.text.replace(/q/g, ''), theirs.replace(/q/g, ''), `seed ${seed}: all of ours is gone, theirs stays`);
    assert.equal(s.undo(), null, 'nothing left to undo');
  }
});

test('redo puts back what undo removed, also after remote edits', () => {
  for (let seed = 1; seed <= 300; seed++) {
    const r = rng(seed);
    const s = session('shared');
    const typed = s.mineText(1 + r(4), r);
    s.local([ins(r(7), typed)]);
    s.pause();
    const withOurs = s.text;
    s.undo();
    for (let k = r(4); k > 0; k--) s.remote([ins(r(cps(s.text).length + 1), 'x')]);
    const before = s.text;
    s.redo();
    // invariant: redo re-inserts exactly the undone text, in one piece, and removes nothing
    assert.equal(others(s.text), others(before), `seed ${seed}`);
    assert.ok(s.text.includes(typed), `seed ${seed}: ${s.text} has ${typed}`);
    if (before === 'shared') assert.equal(s.text, withOurs);
  }
});

test('typing pauses and switching between typing and deleting start new groups; a new edit clears redo', () => {
  const s = session('');
  s.local([ins(0, 'H')]); s.now += 100;
  s.local([ins(1, 'I')]); s.now += 100;
  s.local([ins(2, ' ')]); s.now += 3000;
  s.local([ins(3, 'THERE')]); s.now += 100;
  s.local([del(7, 1)]); s.now += 100;
  assert.equal(s.text, 'HI THER');
  s.undo();
  assert.equal(s.text, 'HI THERE', 'the delete was its own group');
  s.undo();
  assert.equal(s.text, 'HI ', 'THERE came after a pause');
  s.undo();
  assert.equal(s.text, '');
  s.redo();
  assert.equal(s.text, 'HI ');
  s.local([ins(3, 'YOU')]);
  assert.equal(s.redo(), null, 'a new edit clears the redo stack');
});

test('invert reads deleted text from the text before the change', () => {
  const text = 'a😀bcdef';
  const change = [del(1, 2), ins(3, 'XY'), del(0, 1)];
  const after = apply(text, change);
  assert.equal(apply(after, invert(change, slicer(text))), text);
});

test('undo, redo and undo again in any order keep text and log in step', () => {
  for (let seed = 1; seed <= 300; seed++) {
    const r = rng(seed);
    const s = session('base');
    const snapshots = [s.text];
    for (let g = 0; g < 4; g++) {
      const n = cps(s.text).length;
      if (r(2) === 0 && n > 0) s.local([del(r(n), 1)]);
      else s.local([ins(r(n + 1), s.mineText(1 + r(3), r))]);
      s.pause();
      snapshots.push(s.text);
    }
    // With nobody else editing, undo and redo walk exactly back and forth through the versions.
    let at = 4;
    for (let k = 0; k < 12; k++) {
      if (r(2) === 0 && at > 0) { s.undo(); at -= 1; } else if (at < 4 && s.history.canRedo()) { s.redo(); at += 1; }
      assert.equal(s.text, snapshots[at], `seed ${seed}, step ${k}`);
    }
  }
});
