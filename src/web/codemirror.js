// Binds a CodeMirror 6 editor to a coedit session: the demo page's editor when this bundle
// is built (bin/setup.sh runs esbuild on it into target/classes/public/codemirror.js).
// It has the textarea binding's interface (src/resources/public/editor.js), so the page
// uses either.
//
// - Every user transaction becomes one coedit change: CodeMirror's changes are ranges of
//   the old document in UTF-16 units; they become edits in code points, in descending
//   order, every offset in the old document's coordinates (so applying them in list order
//   is right). Positions are converted through the session's Rope, whose cost grows with
//   the number of 1 KB chunks, not with the text: a keystroke costs the same in 1 MB.
// - Remote changes come in as coedit edits (applied in list order, each on the result of
//   the one before) and are dispatched as one transaction tagged `remote`, so they are
//   never reported back; CodeMirror maps the selection and the decorations through them.
// - The others' selections are decorations (a tinted mark and a caret widget with their
//   name), rebuilt only when presence changes and otherwise mapped through each change.
// - Undo and redo are the session's (selective, collaborative): CodeMirror's own history
//   is not loaded, and Mod-z / Mod-Shift-z / Mod-y / the Edit menu call onUndo / onRedo.

import { Annotation, ChangeSet, Compartment, EditorSelection, EditorState, StateEffect, StateField } from '@codemirror/state';
import {
  Decoration, EditorView, WidgetType, drawSelection, highlightActiveLine, highlightActiveLineGutter, keymap, lineNumbers,
} from '@codemirror/view';
import { defaultKeymap, indentWithTab } from '@codemirror/commands';
import { highlightSelectionMatches, search, searchKeymap } from '@codemirror/search';
import { flagStyle, tint } from '../resources/public/colours.js';

const remote = Annotation.define();
const setPeers = StateEffect.define();

/**
 * Binds a new CodeMirror view in `parent`, showing `rope` (the session's text). Options:
 * onLocal(change), onSelect({anchor, head} | null), onUndo(), onRedo(), rope() (the
 * session's current Rope: before a local change is reported it is the old text), wrap
 * (soft wrap, default true), label (accessible name). Returns {flush(), applyRemote(change,
 * rope), applyLocal(change), selection(), setPeers(peers), setReadOnly(b), focus(), view}.
 */
export function bindCodeMirror(parent, { rope, onLocal, onSelect, onUndo, onRedo, wrap = true, label = 'Document text' }) {
  let base = rope(); // the Rope the view's document equals
  const readOnly = new Compartment();
  const history = (run) => () => { run(); return true; };

  const peersField = StateField.define({
    create: () => Decoration.none,
    update(decorations, tr) {
      for (const e of tr.effects) if (e.is(setPeers)) return e.value;
      return tr.docChanged ? decorations.map(tr.changes) : decorations;
    },
    provide: (f) => EditorView.decorations.from(f),
  });

  const view = new EditorView({
    parent,
    state: EditorState.create({
      doc: base.toString(),
      extensions: [
        lineNumbers(),
        highlightActiveLineGutter(),
        highlightActiveLine(),
        drawSelection(),
        search({ top: true }),
        highlightSelectionMatches(),
        wrap ? EditorView.lineWrapping : [],
        readOnly.of(EditorState.readOnly.of(true)),
        peersField,
        keymap.of([
          { key: 'Mod-z', run: history(onUndo), preventDefault: true },
          { key: 'Mod-Shift-z', run: history(onRedo), preventDefault: true },
          { key: 'Mod-y', run: history(onRedo), preventDefault: true },
          ...searchKeymap,
          indentWithTab,
          ...defaultKeymap,
        ]),
        EditorView.domEventHandlers({
          beforeinput(ev) {
            if (ev.inputType === 'historyUndo') { ev.preventDefault(); onUndo(); return true; }
            if (ev.inputType === 'historyRedo') { ev.preventDefault(); onRedo(); return true; }
            return false;
          },
          blur() { onSelect(null); return false; },
        }),
        EditorView.contentAttributes.of({ 'aria-label': label }),
      ],
    }),
    dispatchTransactions(trs, v) {
      v.update(trs);
      for (const tr of trs) {
        if (tr.docChanged && !tr.annotation(remote)) {
          onLocal(toCoedit(tr.changes, base));
          base = rope();
        }
      }
      const last = trs[trs.length - 1];
      if (trs.some((tr) => tr.selection || tr.docChanged) && !last.annotation(remote) && v.hasFocus) onSelect(selection());
    },
  });

  function selection() {
    const { anchor, head } = view.state.selection.main;
    return { anchor: base.codePointAt(anchor), head: base.codePointAt(head) };
  }

  /** A transaction spec applying coedit `change` (code points, list order) to a document equal to `from`. */
  function toSpec(change, from) {
    let r = from;
    let total = null;
    for (const e of change) {
      const at = r.utf16At(e.offset);
      const spec = e.type === 'insert' ? { from: at, insert: e.text } : { from: at, to: r.utf16At(e.offset + e.length) };
      const step = ChangeSet.of(spec, r.utf16Length);
      total = total ? total.compose(step) : step;
      r = e.type === 'insert' ? r.insert(e.offset, e.text) : r.delete(e.offset, e.length);
    }
    return { changes: total ?? ChangeSet.empty(from.utf16Length), rope: r };
  }

  return {
    view,
    flush() {},
    /** Someone else's change: the selection and the marks move with the text. */
    applyRemote(change, after) {
      const { changes } = toSpec(change, base);
      base = after;
      view.dispatch({ changes, annotations: remote.of(true) });
    },
    /** The user's own change made by undo or redo: the caret goes to where it happened. */
    applyLocal(change) {
      const { changes, rope: after } = toSpec(change, base);
      base = after;
      let end = 0;
      changes.iterChangedRanges((fromA, toA, fromB, toB) => { end = toB; });
      view.dispatch({
        changes, selection: EditorSelection.cursor(end), scrollIntoView: true, annotations: remote.of(true),
      });
      onSelect(selection());
    },
    selection,
    /** Draws `peers` ({clientId: {name, colour, selection}}, selections in code points of the current text). */
    setPeers(peers) {
      const marks = [];
      const len = view.state.doc.length;
      for (const p of Object.values(peers)) {
        if (!p.selection) continue;
        const a = Math.min(len, base.utf16At(p.selection.anchor));
        const h = Math.min(len, base.utf16At(p.selection.head));
        if (a !== h) {
          marks.push(Decoration.mark({ class: `cm-remote-selection ${tintClass(p.colour)}` })
            .range(Math.min(a, h), Math.max(a, h)));
        }
        marks.push(Decoration.widget({ widget: new Caret(p.clientId, p.name, p.colour), side: 1 }).range(h));
      }
      const next = Decoration.set(marks, true);
      // Our own typing moves the marks through CodeMirror's mapping already: only a real
      // change (someone moved, came or left) costs an update of the view.
      if (sameMarks(view.state.field(peersField), next)) return;
      view.dispatch({ effects: setPeers.of(next), annotations: remote.of(true) });
    },
    setReadOnly(value) {
      view.dispatch({ effects: readOnly.reconfigure(EditorState.readOnly.of(value)), annotations: remote.of(true) });
    },
    focus() { view.focus(); },
  };
}

/** Coedit edits of a CodeMirror ChangeSet: descending, in code points of the old document (`old`, a Rope). */
function toCoedit(changes, old) {
  const edits = [];
  changes.iterChanges((fromA, toA, fromB, toB, inserted) => {
    const from = old.codePointAt(fromA);
    const removed = toA > fromA ? old.codePointAt(toA) - from : 0;
    const text = inserted.toString();
    const pair = [];
    if (removed > 0) pair.push({ type: 'delete', offset: from, length: removed });
    if (text !== '') pair.push({ type: 'insert', offset: from, text });
    edits.unshift(...pair);
  });
  return edits;
}

// The others' selection tints, one class per colour. A mark's `style` attribute would be
// an inline style, which the page's Content-Security-Policy (style-src 'self', no
// 'unsafe-inline') refuses; rules added to a constructed stylesheet are CSSOM, which it
// allows (CodeMirror's own themes are mounted the same way).
const tintSheet = new CSSStyleSheet();
const tinted = new Set();

/** The class that tints a selection in `colour` (#rrggbb; anything else is grey). */
function tintClass(colour) {
  const hex = /^#[0-9a-f]{6}$/i.test(colour) ? colour.slice(1).toLowerCase() : '808080';
  if (!tinted.has(hex)) {
    if (tinted.size === 0) document.adoptedStyleSheets = [...document.adoptedStyleSheets, tintSheet];
    tinted.add(hex);
    tintSheet.insertRule(`.cm-tint-${hex} { background-color: ${tint(`#${hex}`)}; }`);
  }
  return `cm-tint-${hex}`;
}

/** True when two decoration sets place equal decorations at the same positions. */
function sameMarks(a, b) {
  if (a.size !== b.size) return false;
  const ia = a.iter();
  const ib = b.iter();
  for (; ia.value && ib.value; ia.next(), ib.next()) {
    if (ia.from !== ib.from || ia.to !== ib.to || !ia.value.eq(ib.value)) return false;
  }
  return !ia.value && !ib.value;
}

/** A remote caret: a coloured bar with the person's name (text, never HTML) in a readable flag. */
class Caret extends WidgetType {
  constructor(clientId, name, colour) {
    super();
    this.clientId = clientId;
    this.name = name;
    this.colour = colour;
  }

  eq(other) { return other.clientId === this.clientId && other.name === this.name && other.colour === this.colour; }

  toDOM() {
    const bar = document.createElement('span');
    bar.className = 'cm-remote-caret remote-caret';
    bar.dataset.clientId = this.clientId;
    bar.style.setProperty('--peer-colour', this.colour);
    const flag = document.createElement('span');
    flag.className = 'remote-name';
    flag.textContent = this.name || 'anonymous';
    Object.assign(flag.style, flagStyle(this.colour));
    bar.append(flag);
    return bar;
  }

  ignoreEvent() { return true; }
}
