// The others' cursors and selections over the textarea binding. A mirror element with the
// same font, padding and wrapping holds a copy of the text in blocks of lines (mirror.js),
// changed edit by edit as the textarea is, so the browser lays out again only the blocks
// an edit touched. Marks are absolutely placed boxes measured with a Range over that copy:
// a caret bar with the person's name, and tinted rectangles for a selection, drawn only
// where they are in view (a selection of the whole text costs what the screen shows).
// While nobody else has a selection the mirror is not displayed at all, so typing alone
// costs no layout for it. Names are set as text, never as HTML.

import { flagStyle, tint } from './colours.js';
import { MirrorText } from './mirror.js';

/**
 * A cursor layer in `mirror` lined up with `textarea`, starting with `text`.
 * Returns {edit(at, removed, inserted), draw(peers, utf16At)}: edit follows a change of
 * the text (UTF-16 units), draw places the marks of `peers` ({clientId: {name, colour,
 * selection}}, selections in code points, `utf16At(cp)` converting).
 */
export function cursorLayer(mirror, textarea, text) {
  const lines = document.createElement('div');
  const marks = document.createElement('div');
  marks.className = 'marks';
  mirror.replaceChildren(lines, marks);
  mirror.hidden = true;
  const copy = new MirrorText(lines, text);
  const range = document.createRange();
  const moved = new Map(); // clientId -> when their selection last changed, for the name flag
  let last = {};

  /** The client rectangle of a caret at UTF-16 index `at` of the copy. */
  function caretRect(at) {
    const { node, offset } = copy.locate(at);
    range.setStart(node, offset);
    range.setEnd(node, offset);
    let r = range.getClientRects()[0];
    // A collapsed range at a line's start may have no box: take the next character's.
    if (!r && offset < node.length) {
      range.setEnd(node, offset + 1);
      r = range.getClientRects()[0];
    }
    return r ?? range.getBoundingClientRect();
  }

  /** Rectangles of the UTF-16 range [from, to) of the copy. */
  function rangeRects(from, to) {
    const a = copy.locate(from);
    const b = copy.locate(to);
    range.setStart(a.node, a.offset);
    range.setEnd(b.node, b.offset);
    return range.getClientRects();
  }

  function draw(peers, utf16At) {
    const shown = Object.values(peers).filter((p) => p.selection);
    for (const p of shown) {
      const before = last[p.clientId];
      if (!before || before.anchor !== p.selection.anchor || before.head !== p.selection.head) moved.set(p.clientId, Date.now());
    }
    last = Object.fromEntries(shown.map((p) => [p.clientId, p.selection]));
    if (shown.length === 0) {
      marks.replaceChildren();
      mirror.hidden = true;
      return;
    }
    mirror.hidden = false;
    mirror.scrollTop = textarea.scrollTop;
    mirror.scrollLeft = textarea.scrollLeft;
    const now = Date.now();
    const box = mirror.getBoundingClientRect();
    const dx = mirror.scrollLeft - box.left;
    const dy = mirror.scrollTop - box.top;
    const inView = (r) => r.bottom >= box.top && r.top <= box.bottom;
    // Only what the textarea shows is measured: the blocks in view, found by binary search.
    const view = copy.visible(textarea.scrollTop, textarea.scrollTop + textarea.clientHeight);
    const max = copy.length;
    const nodes = [];
    for (const p of shown) {
      const a = Math.min(max, utf16At(p.selection.anchor));
      const h = Math.min(max, utf16At(p.selection.head));
      const from = Math.max(Math.min(a, h), view.start);
      const to = Math.min(Math.max(a, h), view.end);
      if (from < to) {
        for (const r of rangeRects(from, to)) {
          if (!inView(r)) continue;
          const sel = document.createElement('div');
          sel.className = 'remote-selection';
          Object.assign(sel.style, {
            left: `${r.left + dx}px`, top: `${r.top + dy}px`, width: `${r.width}px`, height: `${r.height}px`,
            backgroundColor: tint(p.colour),
          });
          nodes.push(sel);
        }
      }
      const r = caretRect(h);
      if (inView(r)) nodes.push(caret(p, r.left + dx, r.top + dy, r.height || 20, now - (moved.get(p.clientId) ?? 0) < 3000));
    }
    marks.replaceChildren(...nodes);
  }

  return { edit: (at, removed, inserted) => copy.edit(at, removed, inserted), draw };
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
