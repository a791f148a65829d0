// Binds a <textarea> to a document: what the user types becomes changes in code points,
// and remote changes are applied in place, so the caret, the selection and the scroll
// position stay with the text around them. This is the no-build binding; the demo page
// prefers the CodeMirror one (src/web/codemirror.js) when its bundle is there.
//
// What an input did is read off its `beforeinput` event: the selection it replaces and,
// for typing, the text it inserts; a backspace took what lies between the caret before
// and after it. Positions are converted between UTF-16 units and code points through the
// session's Rope. So typing never copies, scans or compares the whole text: our script's
// cost per keystroke does not grow with the document. (The browser's own layout of a
// textarea does: it lays out the whole text again on every change, which is why the page
// prefers CodeMirror; docs/benchmarks.md.) Inputs the event cannot describe (autocorrect,
// an input-method composition, a script's execCommand, which has no beforeinput) are
// found by comparing the textarea's text with the session's, once; a paste, a drop and a
// forward delete read the text's new length. When typing pauses the two texts' lengths
// are compared, and when the textarea loses focus the texts themselves: an input these
// rules misread is found and reported then.
//
// Undo and redo are the session's (undo.js), never the textarea's own: Ctrl/Cmd+Z,
// Ctrl+Shift+Z, Ctrl+Y and the browser's Edit menu (beforeinput historyUndo/historyRedo)
// all go to onUndo/onRedo. (The textarea's own stack would undo other people's text, and
// is cleared by every remote change anyway.)

import { mapPosition } from './ot.js';
import { afterQuiet } from './quiet-timer.js';

// Inputs whose effect the beforeinput event describes exactly.
const INSERTS = new Set(['insertText', 'insertLineBreak', 'insertParagraph']);
const DELETES_BACKWARD = new Set(['deleteContentBackward', 'deleteWordBackward', 'deleteSoftLineBackward', 'deleteHardLineBackward']);
const DELETES_FORWARD = new Set(['deleteContentForward', 'deleteWordForward', 'deleteSoftLineForward', 'deleteHardLineForward']);
const CHECK_AFTER = 1000; // ms after the last input: the texts' lengths are compared
const NAVIGATION = new Set(['ArrowLeft', 'ArrowRight', 'ArrowUp', 'ArrowDown', 'Home', 'End', 'PageUp', 'PageDown']);

/**
 * Binds `textarea`, which shows the text of `rope()` (the session's current Rope).
 * `onLocal(change)` receives each local change (edits in code points of the text before
 * it; the session's rope() is the text after it once onLocal returns); `onSelect({anchor,
 * head} | null)` the selection when it moves; `onUndo()`/`onRedo()` the user's undo and
 * redo; `onText(at, removed, inserted)` every change to the text in UTF-16 units (for a
 * cursor layer that follows the text).
 * Returns {flush(), applyRemote(change, rope), applyLocal(change), selection(), setReadOnly(b), focus()}.
 */
export function bindEditor(textarea, { rope, onLocal, onSelect, onUndo = () => {}, onRedo = () => {}, onText = () => {} }) {
  let base = rope(); // the text the textarea shows, as a Rope, whenever no input is unreported
  let composing = false;
  let hint = null; // what the input under way does, from its beforeinput: {type, data, start, end}
  let caret = null; // the selection an input left, when its hint says so ([start, end] UTF-16)

  /**
   * Reports input the textarea has and the session has not, as one change: the input under
   * way, or the composition so far. Otherwise there is none (every other change of the
   * text comes with an input event, reported as it happens): nothing to do.
   */
  function flush() {
    const h = hint;
    hint = null;
    if (!h && !composing) return;
    let d = h && fromHint(h);
    if (d && !(whole(d.start) && whole(d.start + d.removed))) d = null;
    d = d || compare();
    if (d) report(d);
  }

  /** Compares the whole texts and reports any difference (O(length): when a composition ends, on blur). */
  function check() {
    hint = null;
    const d = compare();
    if (d) report(d);
  }

  /** True when UTF-16 index `i` of the session's text is not inside a surrogate pair. */
  function whole(i) {
    return base.utf16At(base.codePointAt(i)) === i;
  }

  /**
   * {start, removed, inserted} (UTF-16) of the input `h` described, or null when it does
   * not say. Typing and deleting read at most the caret: the browser makes a copy of the
   * whole text for `value` and `textLength`, so only the rarer inputs read those.
   */
  function fromHint({ type, data, start, end }) {
    let from = start;
    let removed = end - start;
    let inserted = '';
    if (INSERTS.has(type) && (typeof data === 'string' || type !== 'insertText')) {
      inserted = data ?? '\n';
    } else if (type === 'insertFromPaste' || type === 'insertFromDrop') {
      // The event carries no text for a textarea: it is the new text where the selection was.
      const units = textarea.textLength - (base.utf16Length - removed);
      if (units < 0) return null;
      inserted = textarea.value.slice(start, start + units);
    } else if (DELETES_BACKWARD.has(type) && start === end) {
      from = textarea.selectionStart; // the deleted text ended at the caret, and started where it is now
      removed = start - from;
    } else if (DELETES_FORWARD.has(type) && start === end) {
      removed = base.utf16Length - textarea.textLength;
    } else if (!DELETES_BACKWARD.has(type) && !DELETES_FORWARD.has(type) && type !== 'deleteByCut') {
      return null;
    }
    if (from < 0 || removed < 0 || from + removed > base.utf16Length) return null;
    caret = [from + inserted.length, from + inserted.length];
    return { start: from, removed, inserted };
  }

  /** The difference between the session's text and the textarea's, found by comparing them (O(length)). */
  function compare() {
    const value = textarea.value;
    if (value.length === base.utf16Length && value === base.toString()) return null;
    caret = null;
    return diff(base.toString(), value, textarea.selectionEnd);
  }

  // A hint that did not add up would leave the textarea and the session apart: once typing
  // pauses, their lengths are compared (one copy of the text per pause, not per keystroke)
  // and any difference is found and reported.
  const checkWhenIdle = afterQuiet(CHECK_AFTER, () => {
    if (!composing && textarea.textLength !== base.utf16Length) check();
  });

  /** Reports a change of the textarea's text (UTF-16 range), in code points of `base`. */
  function report({ start, removed, inserted }) {
    checkWhenIdle();
    const offset = base.codePointAt(start);
    const count = removed > 0 ? base.codePointAt(start + removed) - offset : 0;
    const change = [];
    if (count > 0) change.push({ type: 'delete', offset, length: count });
    if (inserted !== '') change.push({ type: 'insert', offset, text: inserted });
    onText(start, removed, inserted);
    if (change.length > 0) onLocal(change);
    base = rope();
  }

  function selection() {
    const [start, end] = caret ?? [textarea.selectionStart, textarea.selectionEnd];
    const a = base.codePointAt(start);
    const b = start === end ? a : base.codePointAt(end);
    return !caret && textarea.selectionDirection === 'backward' ? { anchor: b, head: a } : { anchor: a, head: b };
  }

  const reportSelection = () => onSelect(selection());
  textarea.addEventListener('beforeinput', (ev) => {
    if (ev.inputType === 'historyUndo' || ev.inputType === 'historyRedo') {
      ev.preventDefault();
      flush();
      if (ev.inputType === 'historyUndo') onUndo(); else onRedo();
      return;
    }
    if (hint) flush(); // an input that never arrived: whatever it did is found by comparing
    hint = composing || ev.isComposing ? null
      : { type: ev.inputType, data: ev.data, start: textarea.selectionStart, end: textarea.selectionEnd };
  });
  textarea.addEventListener('input', (ev) => {
    if (composing || ev.isComposing) return;
    if (hint) flush();
    else check(); // an input without beforeinput (document.execCommand makes those)
    reportSelection();
    caret = null;
  });
  textarea.addEventListener('compositionstart', () => { flush(); composing = true; });
  textarea.addEventListener('compositionend', () => { composing = false; check(); reportSelection(); });
  for (const type of ['select', 'mouseup', 'focus']) textarea.addEventListener(type, reportSelection);
  textarea.addEventListener('keyup', (ev) => { if (NAVIGATION.has(ev.key)) reportSelection(); });
  // A last check when the user leaves the editor: the textarea and the session agree.
  textarea.addEventListener('blur', () => { if (!composing) check(); onSelect(null); });
  textarea.addEventListener('keydown', (ev) => {
    const mod = ev.ctrlKey || ev.metaKey;
    if (!mod || ev.altKey || composing) return;
    const key = ev.key.toLowerCase();
    if (key === 'z' && !ev.shiftKey) { ev.preventDefault(); flush(); onUndo(); }
    else if ((key === 'z' && ev.shiftKey) || (key === 'y' && !ev.shiftKey)) { ev.preventDefault(); flush(); onRedo(); }
  });

  /**
   * Applies `change` (code points, list order) to the textarea, which shows `base`, edit by
   * edit; returns the UTF-16 index where the last edit ended.
   */
  function applyEdits(change) {
    let r = base;
    let end = 0;
    for (const e of change) {
      const at = r.utf16At(e.offset);
      if (e.type === 'insert') {
        textarea.setRangeText(e.text, at, at, 'preserve');
        onText(at, 0, e.text);
        r = r.insert(e.offset, e.text);
        end = at + e.text.length;
      } else {
        const to = r.utf16At(e.offset + e.length);
        textarea.setRangeText('', at, to, 'preserve');
        onText(at, to - at, '');
        r = r.delete(e.offset, e.length);
        end = at;
      }
    }
    return end;
  }

  /**
   * Applies someone else's `change` in place (`after` is the session's text with it); the
   * selection moves with the text (text inserted right at a caret stays after it, at the
   * edges of a selection stays outside it).
   */
  function applyRemote(change, after) {
    flush();
    const start = base.codePointAt(textarea.selectionStart);
    const end = base.codePointAt(textarea.selectionEnd);
    const direction = textarea.selectionDirection;
    const { scrollTop, scrollLeft } = textarea;
    applyEdits(change);
    base = after;
    const collapsed = start === end;
    const newStart = mapPosition(start, change, true);
    const newEnd = collapsed ? newStart : Math.max(newStart, mapPosition(end, change, true));
    const startOutside = collapsed ? newStart : Math.min(newEnd, mapPosition(start, change, false));
    textarea.setSelectionRange(after.utf16At(startOutside), after.utf16At(newEnd), direction);
    textarea.scrollTop = scrollTop;
    textarea.scrollLeft = scrollLeft;
  }

  /** Applies the user's own `change` made by undo or redo (already in the session): the caret goes where it happened. */
  function applyLocal(change) {
    flush();
    const end = applyEdits(change);
    base = rope();
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
 * The change from `before` to `after` as one replaced UTF-16 range {start, removed,
 * inserted}. `caret` (a UTF-16 index in `after`, or null) says where an edit ended, which
 * settles ambiguous cases such as typing "a" next to an "a": typed text ends at the caret,
 * deleted text started there. The range never splits a surrogate pair.
 */
export function diff(before, after, caret) {
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
  return { start, removed: endBefore - start, inserted: after.slice(start, endAfter) };
}

function isHigh(c) { return c >= 0xd800 && c <= 0xdbff; }
function isLow(c) { return c >= 0xdc00 && c <= 0xdfff; }

