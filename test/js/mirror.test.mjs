// The textarea's mirror text in blocks of lines (src/resources/public/mirror.js), on a
// tiny stand-in for the DOM: random edits, including ones across block boundaries, keep
// the blocks equal to the text and every block a run of whole lines.
// Run: node --test test/js/
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MirrorText, cutLines } from '../../src/resources/public/mirror.js';

/** Just the DOM the mirror uses: elements with children, text nodes with data methods. */
const fakeDocument = {
  createElement: () => element(),
  createTextNode: (data) => textNode(data),
};

function element() {
  const el = {
    children: [],
    parentNode: null,
    append(...nodes) { for (const n of nodes) adopt(el, n, el.children.length); },
    after(...nodes) {
      const siblings = el.parentNode.children;
      nodes.forEach((n, i) => adopt(el.parentNode, n, siblings.indexOf(el) + 1 + i));
    },
    replaceChildren(...nodes) { el.children.forEach((c) => { c.parentNode = null; }); el.children = []; el.append(...nodes); },
    remove() { if (el.parentNode) detach(el); },
  };
  return el;
}

function textNode(data) {
  return {
    data,
    parentNode: null,
    get length() { return this.data.length; },
    insertData(at, s) { this.data = this.data.slice(0, at) + s + this.data.slice(at); },
    deleteData(at, n) { this.data = this.data.slice(0, at) + this.data.slice(at + n); },
    appendData(s) { this.data += s; },
  };
}

function adopt(parent, node, index) {
  if (node.parentNode) detach(node);
  parent.children.splice(index, 0, node);
  node.parentNode = parent;
}

function detach(node) {
  const siblings = node.parentNode.children;
  siblings.splice(siblings.indexOf(node), 1);
  node.parentNode = null;
}

function rng(seed) {
  let s = seed >>> 0;
  return (n) => {
    s = (Math.imul(s ^ (s >>> 15), 0x2c1b3c6d) + 0x6d2b79f5) >>> 0;
    return s % n;
  };
}

function randomText(r, n) {
  let s = '';
  while (s.length < n) s += r(8) === 0 ? '\n' : r(30) === 0 ? '😀' : String.fromCharCode(97 + r(26));
  return s;
}

/** invariant: the container's blocks, read in order, are the text; each block is whole lines; the tail closes the last. */
function assertSound(container, mirror, text, what) {
  assert.equal(mirror.toString(), text, what);
  assert.equal(mirror.length, text.length, what);
  const blocks = container.children;
  assert.equal(blocks.length, mirror.nodes.length, what);
  assert.deepEqual(mirror.sizes, mirror.nodes.map((n) => n.length), `${what}: sizes`);
  blocks.forEach((div, k) => {
    const last = k === blocks.length - 1;
    assert.equal(div.children[0], mirror.nodes[k], what);
    assert.deepEqual(div.children.length, last ? 2 : 1, `${what}: block ${k} children`);
    if (!last) {
      assert.ok(mirror.nodes[k].data.endsWith('\n'), `${what}: block ${k} ends a line`);
      assert.ok(mirror.nodes[k].length <= 4 * 2048 || !mirror.nodes[k].data.slice(0, -1).includes('\n'), `${what}: block ${k} size`);
    }
  });
  assert.equal(blocks[blocks.length - 1].children[1], mirror.tail, `${what}: the tail is last`);
}

test('cutLines cuts at line ends into pieces of at least 2048 units', () => {
  assert.deepEqual(cutLines(''), ['']);
  assert.deepEqual(cutLines('a\nb'), ['a\nb']);
  const line = `${'x'.repeat(99)}\n`;
  const pieces = cutLines(line.repeat(100));
  assert.equal(pieces.join(''), line.repeat(100));
  for (const p of pieces.slice(0, -1)) assert.ok(p.length >= 2048 && p.endsWith('\n'));
  assert.deepEqual(cutLines('y'.repeat(10_000)), ['y'.repeat(10_000)], 'one long line stays whole');
});

test('random edits keep the blocks equal to the text and made of whole lines', () => {
  for (let seed = 1; seed <= 60; seed++) {
    const r = rng(seed);
    let text = randomText(r, r(3) === 0 ? r(50) : 2000 + r(20_000));
    const container = element();
    const mirror = new MirrorText(container, text, fakeDocument);
    assertSound(container, mirror, text, `seed ${seed} start`);
    for (let step = 0; step < 120; step++) {
      const at = r(text.length + 1);
      // Small typing mostly; now and then a big paste or a delete across several blocks.
      const removed = r(4) === 0 ? Math.min(text.length - at, r(r(5) === 0 ? 9000 : 30)) : 0;
      const inserted = r(3) === 0 ? '' : randomText(r, r(10) === 0 ? r(12_000) : r(4));
      mirror.edit(at, removed, inserted);
      text = text.slice(0, at) + inserted + text.slice(at + removed);
      assertSound(container, mirror, text, `seed ${seed} step ${step}`);
    }
  }
});

test('locate finds the block holding a position, and the tail at the very end', () => {
  const container = element();
  const text = `${'a'.repeat(2047)}\n${'b'.repeat(100)}\nend\n`;
  const mirror = new MirrorText(container, text, fakeDocument);
  assert.equal(mirror.nodes.length, 2);
  assert.deepEqual(mirror.locate(0), { node: mirror.nodes[0], offset: 0 });
  assert.deepEqual(mirror.locate(2048), { node: mirror.nodes[1], offset: 0 }, 'a line start is in its own block');
  assert.deepEqual(mirror.locate(text.length - 1), { node: mirror.nodes[1], offset: text.length - 2049 });
  assert.deepEqual(mirror.locate(text.length), { node: mirror.tail, offset: 0 });
});
