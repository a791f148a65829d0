// Draws the others' cursors and selections behind the textarea: a mirror element with the
// same font, padding and wrapping holds the text (invisible) with each selection as a
// tinted span and each cursor as a coloured bar with the person's name. The textarea on
// top has a transparent background, so the marks show through at the right places.
// Names are set as text, never as HTML.

import { utf16Index } from './codepoints.js';

/**
 * Redraws `mirror` for `text` and `peers` ({clientId: {name, colour, selection}}, with
 * selections in code points of `text`), lined up with `textarea`'s size and scroll.
 */
export function drawCursors(mirror, textarea, text, peers) {
  const marks = [];
  for (const p of Object.values(peers)) {
    if (!p.selection) continue;
    const a = utf16Index(text, p.selection.anchor);
    const h = utf16Index(text, p.selection.head);
    marks.push({ from: Math.min(a, h), to: Math.max(a, h), head: h, peer: p });
  }
  const points = [...new Set([0, text.length, ...marks.flatMap((m) => [m.from, m.to])])].sort((x, y) => x - y);
  const nodes = [];
  for (let k = 0; k < points.length; k++) {
    const at = points[k];
    for (const m of marks) if (m.head === at) nodes.push(caret(m.peer));
    if (k + 1 === points.length) break;
    const segment = text.slice(at, points[k + 1]);
    const cover = marks.find((m) => m.from <= at && points[k + 1] <= m.to);
    if (!cover) {
      nodes.push(document.createTextNode(segment));
    } else {
      const span = document.createElement('span');
      span.className = 'remote-selection';
      span.style.backgroundColor = tint(cover.peer.colour);
      span.textContent = segment;
      nodes.push(span);
    }
  }
  // A trailing newline only makes a line in the mirror if something follows it.
  nodes.push(document.createTextNode('\u200b'));
  mirror.replaceChildren(...nodes);
  mirror.style.width = `${textarea.offsetWidth}px`;
  mirror.style.height = `${textarea.offsetHeight}px`;
  mirror.scrollTop = textarea.scrollTop;
  mirror.scrollLeft = textarea.scrollLeft;
}

function caret(peer) {
  const bar = document.createElement('span');
  bar.className = 'remote-caret';
  bar.style.setProperty('--peer-colour', peer.colour);
  bar.dataset.clientId = peer.clientId;
  const flag = document.createElement('span');
  flag.className = 'remote-name';
  flag.textContent = peer.name || 'anonymous';
  bar.append(flag);
  return bar;
}

/** `#rrggbb` at a third of its strength, for selected text. */
function tint(colour) {
  const n = Number.parseInt(colour.slice(1), 16);
  return `rgba(${n >> 16}, ${(n >> 8) & 255}, ${n & 255}, 0.3)`;
}
