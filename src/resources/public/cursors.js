// The others' cursors and selections over the textarea binding. A mirror element with the
// same font, padding and wrapping holds the text as one invisible text node, changed edit
// by edit as the textarea is (insertData/deleteData), never rebuilt from the whole text.
// Marks are absolutely placed boxes measured with a Range over that text node: a caret
// bar with the person's name, and tinted rectangles for a selection. Only the marks are
// redrawn when someone moves, once per animation frame. Names are set as text, never as HTML.

import { flagStyle, tint } from './colours.js';

/**
 * A cursor layer in `mirror` lined up with `textarea`, starting with `text`.
 * Returns {edit(at, removed, inserted), draw(peers, utf16At)}: edit follows a change of
 * the text (UTF-16 units), draw places the marks of `peers` ({clientId: {name, colour,
 * selection}}, selections in code points, `utf16At(cp)` converting).
 */
export function cursorLayer(mirror, textarea, text) {
  const content = document.createTextNode(text);
  const tail = document.createTextNode('\u200b'); // a trailing newline only makes a line if something follows it
  const marks = document.createElement('div');
  marks.className = 'marks';
  mirror.replaceChildren(content, tail, marks);
  const moved = new Map(); // clientId -> when their selection last changed, for the name flag
  let last = {};

  function edit(at, removed, inserted) {
    if (removed > 0) content.deleteData(at, removed);
    if (inserted) content.insertData(at, inserted);
  }

  function draw(peers, utf16At) {
    mirror.style.width = `${textarea.clientWidth}px`;
    mirror.style.height = `${textarea.clientHeight}px`;
    mirror.scrollTop = textarea.scrollTop;
    mirror.scrollLeft = textarea.scrollLeft;
    const now = Date.now();
    const box = mirror.getBoundingClientRect();
    const dx = mirror.scrollLeft - box.left;
    const dy = mirror.scrollTop - box.top;
    const nodes = [];
    const range = document.createRange();
    const max = content.length;
    for (const p of Object.values(peers)) {
      if (!p.selection) continue;
      const before = last[p.clientId];
      if (!before || before.anchor !== p.selection.anchor || before.head !== p.selection.head) moved.set(p.clientId, now);
      const a = Math.min(max, utf16At(p.selection.anchor));
      const h = Math.min(max, utf16At(p.selection.head));
      if (a !== h) {
        range.setStart(content, Math.min(a, h));
        range.setEnd(content, Math.max(a, h));
        for (const r of range.getClientRects()) {
          const sel = document.createElement('div');
          sel.className = 'remote-selection';
          Object.assign(sel.style, {
            left: `${r.left + dx}px`, top: `${r.top + dy}px`, width: `${r.width}px`, height: `${r.height}px`,
            backgroundColor: tint(p.colour),
          });
          nodes.push(sel);
        }
      }
      range.setStart(content, h);
      range.setEnd(content, h);
      const r = range.getClientRects()[0] ?? range.getBoundingClientRect();
      nodes.push(caret(p, r.left + dx, r.top + dy, r.height || 20, now - (moved.get(p.clientId) ?? 0) < 3000));
    }
    last = Object.fromEntries(Object.values(peers).map((p) => [p.clientId, p.selection]));
    marks.replaceChildren(...nodes);
  }

  return { edit, draw };
}

function caret(peer, left, top, height, fresh) {
  const bar = document.createElement('div');
  bar.className = 'remote-caret';
  bar.dataset.clientId = peer.clientId;
  Object.assign(bar.style, { left: `${left}px`, top: `${top}px`, height: `${height}px` });
  bar.style.setProperty('--peer-colour', peer.colour);
  const flag = document.createElement('span');
  flag.className = fresh ? 'remote-name' : 'remote-name idle';
  flag.textContent = peer.name || 'anonymous';
  Object.assign(flag.style, flagStyle(peer.colour));
  bar.append(flag);
  return bar;
}
