// Binds a <textarea> to a document: what the user types becomes changes in code points,
// and remote changes are applied in place, so the caret, the selection and the scroll
// position stay with the text around them. This is the no-build binding; the demo page
// prefers the CodeMirror one (src/web/codemirror.js) when its bundle is there.
//
// The editor keeps `model`, the text as last reported. On input the textarea's value is
// diffed against it (one replaced range, placed where the caret says the typing happened),
// which catches every way a textarea can change: typing, paste, cut, drag, autocorrect.
// While an IME composition is open nothing is reported; the composed text is reported at
// its end (or before a remote change is applied, see flush).
//
// Undo and redo are the session's (undo.js), never the textarea's own: Ctrl/Cmd+Z,
// Ctrl+Shift+Z, Ctrl+Y and the browser's Edit menu (beforeinput historyUndo/historyRedo)
// all go to onUndo/onRedo. (The textarea's own stack would undo other people's text, and
// is cleared by every remote change anyway.)

import { codePointIndex, length, utf16Index } from './codepoints.js';
import { mapPosition } from './ot.js';

/**
 * Binds `textarea`. `onLocal(change)` receives each local change (edits in code points of
 * the text before it); `onSelect({anchor, head} | null)` the selection when it moves;
 * `onUndo()`/`onRedo()` the user's undo and redo; `onText(at, removed, inserted)` every
 * change to the text in UTF-16 units (for a cursor layer that follows the text).
 * Returns {flush(), applyRemote(change), applyLocal(change), selection(), setReadOnly(b), focus()}.
 */
export function bindEditor(textarea, { onLocal, onSelect, onUndo = () => {}, onRedo = () => {}, onText = () => {} }) {
  let model = textarea.value;
  let composing = false;

  /** Reports input the textarea has that the model has not, as one change. */
  function flush() {
    const value = textarea.value;
    if (value === model) return;
    const d = diff(model, value, textarea.selectionEnd);
    model = value;
    onText(d.start, d.removedUnits, d.inserted);
    onLocal(d.change);
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
  for (const type of ['select', 'keyup', 'mouseup', 'focus']) textarea.addEventListener(type, reportSelection);
  textarea.addEventListener('blur', () => onSelect(null));
  textarea.addEventListener('keydown', (ev) => {
    const mod = ev.ctrlKey || ev.metaKey;
    if (!mod || ev.altKey || composing) return;
    const key = ev.key.toLowerCase();
    if (key === 'z' && !ev.shiftKey) { ev.preventDefault(); flush(); onUndo(); }
    else if ((key === 'z' && ev.shiftKey) || (key === 'y' && !ev.shiftKey)) { ev.preventDefault(); flush(); onRedo(); }
  });
  textarea.addEventListener('beforeinput', (ev) => {
    if (ev.inputType === 'historyUndo' || ev.inputType === 'historyRedo') {
      ev.preventDefault();
      flush();
      if (ev.inputType === 'historyUndo') onUndo(); else onRedo();
    }
  });

  /** Applies `change` to the textarea, edit by edit, and returns [start, end] of the last edit (UTF-16). */
  function applyEdits(change) {
    let at = 0;
    let end = 0;
    for (const e of change) {
      const value = textarea.value;
      at = utf16Index(value, e.offset);
      if (e.type === 'insert') {
        textarea.setRangeText(e.text, at, at, 'preserve');
        onText(at, 0, e.text);
        end = at + e.text.length;
      } else {
        const to = utf16Index(value, e.length, at);
        textarea.setRangeText('', at, to, 'preserve');
        onText(at, to - at, '');
        end = at;
      }
    }
    model = textarea.value;
    return [at, end];
  }

  /**
   * Applies someone else's `change` in place; the selection moves with the text (text
   * inserted right at a caret stays after it, at the edges of a selection stays outside it).
   */
  function applyRemote(change) {
    flush();
    const before = textarea.value;
    const start = codePointIndex(before, textarea.selectionStart);
    const end = codePointIndex(before, textarea.selectionEnd);
    const direction = textarea.selectionDirection;
    const { scrollTop, scrollLeft } = textarea;
    applyEdits(change);
    const text = model;
    const collapsed = start === end;
    const newStart = mapPosition(start, change, true);
    const newEnd = collapsed ? newStart : Math.max(newStart, mapPosition(end, change, true));
    const startOutside = collapsed ? newStart : Math.min(newEnd, mapPosition(start, change, false));
    textarea.setSelectionRange(utf16Index(text, startOutside), utf16Index(text, newEnd), direction);
    textarea.scrollTop = scrollTop;
    textarea.scrollLeft = scrollLeft;
  }

  /** Applies the user's own `change` made by undo or redo: the caret goes where it happened. */
  function applyLocal(change) {
    flush();
    const [, end] = applyEdits(change);
    textarea.setSelectionRange(end, end);
    reportSelection();
  }

  return {
    flush, applyRemote, applyLocal, selection,
    setReadOnly(readOnly) { textarea.readOnly = readOnly; },
    focus() { textarea.focus(); },
  };
}

/**
 * The change from `before` to `after` as one replaced range in code points, with the
 * range in UTF-16 units ({change, start, removedUnits, inserted}). `caret` (a
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
  return { change, start, removedUnits: endBefore - start, inserted };
}

function isHigh(c) { return c >= 0xd800 && c <= 0xdbff; }
function isLow(c) { return c >= 0xdc00 && c <= 0xdfff; }
