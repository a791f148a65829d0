// Binds a <textarea> to a document: what the user types becomes changes in code points,
// and remote changes are applied in place, so the caret, the selection and the scroll
// position stay with the text around them.
//
// The editor keeps `model`, the text as last reported. On input the textarea's value is
// diffed against it (one replaced range, placed where the caret says the typing happened),
// which catches every way a textarea can change: typing, paste, cut, drag, autocorrect.
// While an IME composition is open nothing is reported; the composed text is reported at
// its end (or before a remote change is applied, see flush).

import { codePointIndex, length, utf16Index } from './codepoints.js';
import { mapPosition } from './ot.js';

/**
 * Binds `textarea`. `onLocal(change)` receives each local change (edits in code points of
 * the text before it); `onSelect({anchor, head} | null)` the selection when it moves.
 * Returns {flush(), applyRemote(change, text), replaceAll(text), selection()}.
 */
export function bindEditor(textarea, { onLocal, onSelect }) {
  let model = textarea.value;
  let composing = false;

  /** Reports input the textarea has that the model has not, as one change. */
  function flush() {
    const value = textarea.value;
    if (value === model) return;
    const change = diff(model, value, textarea.selectionEnd);
    model = value;
    onLocal(change);
  }

  function selection() {
    const value = textarea.value;
    const start = codePointIndex(value, textarea.selectionStart);
    const end = codePointIndex(value, textarea.selectionEnd);
    return textarea.selectionDirection === 'backward' ? { anchor: end, head: start } : { anchor: start, head: end };
  }

  const reportSelection = () => onSelect(selection());
  textarea.addEventListener('input', () => { if (!composing) flush(); reportSelection(); });
  textarea.addEventListener('compositionstart', () => { composing = true; });
  textarea.addEventListener('compositionend', () => { composing = false; flush(); reportSelection(); });
  for (const type of ['select', 'selectionchange', 'keyup', 'mouseup', 'focus']) {
    textarea.addEventListener(type, reportSelection);
  }

  /**
   * Applies `change` in place; the selection moves with the text (text inserted right at a
   * caret stays after it, at the edges of a selection stays outside it). `text` is what the
   * whole text must be afterwards; should the two ever disagree, `text` wins.
   */
  function applyRemote(change, text) {
    flush();
    const before = textarea.value;
    const start = codePointIndex(before, textarea.selectionStart);
    const end = codePointIndex(before, textarea.selectionEnd);
    const direction = textarea.selectionDirection;
    const { scrollTop, scrollLeft } = textarea;
    for (const e of change) {
      const value = textarea.value;
      const at = utf16Index(value, e.offset);
      if (e.type === 'insert') textarea.setRangeText(e.text, at, at, 'preserve');
      else textarea.setRangeText('', at, utf16Index(value, e.length, at), 'preserve');
    }
    if (textarea.value !== text) textarea.value = text;
    model = text;
    const collapsed = start === end;
    const newStart = mapPosition(start, change, true);
    const newEnd = collapsed ? newStart : Math.max(newStart, mapPosition(end, change, true));
    const startOutside = collapsed ? newStart : Math.min(newEnd, mapPosition(start, change, false));
    textarea.setSelectionRange(utf16Index(text, startOutside), utf16Index(text, newEnd), direction);
    textarea.scrollTop = scrollTop;
    textarea.scrollLeft = scrollLeft;
  }

  /** Replaces the whole text, touching only the part that differs (the caret stays where it can). */
  function replaceAll(text) {
    flush();
    const value = textarea.value;
    if (value === text) return;
    const d = diff(value, text, null);
    applyRemote(d, text);
  }

  return { flush, applyRemote, replaceAll, selection };
}

/**
 * The change from `before` to `after` as one replaced range in code points. `caret` (a
 * UTF-16 index in `after`, or null) says where an edit ended, which settles ambiguous
 * cases such as typing "a" next to an "a": typed text ends at the caret, deleted text
 * started there.
 */
function diff(before, after, caret) {
  let start;
  let endBefore;
  let endAfter;
  const grown = after.length - before.length;
  if (caret !== null && grown > 0 && caret - grown >= 0
      && after.startsWith(before.slice(0, caret - grown)) && after.endsWith(before.slice(caret - grown))) {
    [start, endBefore, endAfter] = [caret - grown, caret - grown, caret];
  } else if (caret !== null && grown < 0 && caret <= after.length
      && before.startsWith(after.slice(0, caret)) && before.endsWith(after.slice(caret))) {
    [start, endBefore, endAfter] = [caret, caret - grown, caret];
  } else {
    start = 0;
    const max = Math.min(before.length, after.length);
    while (start < max && before.charCodeAt(start) === after.charCodeAt(start)) start++;
    endBefore = before.length;
    endAfter = after.length;
    while (endBefore > start && endAfter > start
        && before.charCodeAt(endBefore - 1) === after.charCodeAt(endAfter - 1)) { endBefore--; endAfter--; }
  }
  // Never split a surrogate pair: widen the range to whole code points.
  if (start > 0 && isHigh(before.charCodeAt(start - 1))
      && (isLow(before.charCodeAt(start)) || isLow(after.charCodeAt(start)))) start--;
  if (isLow(before.charCodeAt(endBefore)) && isHigh(before.charCodeAt(endBefore - 1))) { endBefore++; endAfter++; }
  const offset = codePointIndex(before, start);
  const removed = length(before.slice(start, endBefore));
  const inserted = after.slice(start, endAfter);
  const change = [];
  if (removed > 0) change.push({ type: 'delete', offset, length: removed });
  if (inserted !== '') change.push({ type: 'insert', offset, text: inserted });
  return change;
}

function isHigh(c) { return c >= 0xd800 && c <= 0xdbff; }
function isLow(c) { return c >= 0xdc00 && c <= 0xdfff; }
