// Selective undo and redo of one's own changes in a shared document. Each undo group
// holds the inverse of some of the user's own changes, made on the text as it was then;
// every change applied to the local text since (the user's later edits and everyone
// else's) is kept in a log, and an undo transforms the inverse over that log before
// applying it. So an undo removes exactly the user's own text wherever it has moved,
// restores exactly what they deleted, and never touches what others typed (their inserts
// inside a range we delete again are kept: the delete splits around them).
//
// Groups: local edits less than `pause` ms apart, of the same kind (typing or deleting),
// form one group. A new local edit clears the redo stack; remote edits do not.
//
// Cost: recording an edit is one compose of small changes plus a log append; an undo
// transforms over the changes since its group, at most `maxLog` of them.

import { compose, invert, transform } from './ot.js';

const PAUSE = 1000;
const MAX_GROUPS = 200;
const MAX_LOG = 5000;

/** One user's undo and redo stacks over a shared text. Mutable; all methods are cheap. */
export class UndoHistory {
  constructor({ pause = PAUSE, maxGroups = MAX_GROUPS, maxLog = MAX_LOG } = {}) {
    this.pause = pause;
    this.maxGroups = maxGroups;
    this.maxLog = maxLog;
    this.log = []; // changes applied to the local text; log[i] has absolute index first + i
    this.first = 0;
    this.undoStack = []; // {at, change, kind, time}: `change` applies to the text after absolute log index at - 1
    this.redoStack = [];
  }

  /** True when undo() would find something to undo (it may still turn out empty). */
  canUndo() { return this.undoStack.length > 0; }

  canRedo() { return this.redoStack.length > 0; }

  /**
   * The user made `change` on the text read by `slice(from, to)` (code points, the text
   * before the change), at time `now` (ms).
   */
  local(change, slice, now = Date.now()) {
    if (change.length === 0) return;
    const inverse = invert(change, slice);
    const kind = change.every((e) => e.type === 'delete') ? 'delete' : 'insert';
    const top = this.undoStack[this.undoStack.length - 1];
    this.redoStack = [];
    if (top && now - top.time < this.pause && top.kind === kind) {
      // Bring the group up to the text before this change, then undo this change first.
      top.change = compose(inverse, this.current(top));
      top.time = now;
      top.alone = top.alone && top.at === this.end() + 1;
      top.at = this.end() + 2; // after `change`, appended next
      this.append(change);
    } else {
      this.append(change);
      const start = this.end();
      this.undoStack.push({ at: start + 1, start, alone: true, change: inverse, kind, time: now });
      if (this.undoStack.length > this.maxGroups) this.undoStack.shift();
    }
  }

  /** Someone else's change, as applied to the local text. */
  remote(change) {
    if (change.length === 0) return;
    this.append(change);
  }

  /**
   * The change that undoes the user's latest group on the current text (read by `slice`),
   * or null when there is nothing left to undo. The caller applies it to the text and the
   * editor and sends it like any local edit; it is recorded here for redo.
   */
  undo(slice) {
    return this.replay(this.undoStack, this.redoStack, slice);
  }

  /** The change that redoes the latest undo, or null; as undo(). */
  redo(slice) {
    return this.replay(this.redoStack, this.undoStack, slice);
  }

  /** Ends the current group: the next edit starts a new one however soon it comes. */
  breakGroup() {
    const top = this.undoStack[this.undoStack.length - 1];
    if (top) top.time = -Infinity;
  }

  // ---- inside ----

  replay(from, to, slice) {
    while (from.length > 0) {
      const entry = from.pop();
      const change = this.current(entry);
      if (change.length === 0) continue; // everything it would undo is gone already
      const inverse = invert(change, slice);
      const cancels = entry.alone && entry.at === this.end() + 1 && entry.start >= this.first;
      const fresh = entry.at === this.end() + 1;
      let restore = null;
      if (cancels) {
        // The group's own changes are the latest in the log and this undoes them: drop
        // both instead of logging one more change. Older groups then never see a delete
        // and its re-insertion as unrelated edits (text put back at the edge of a range
        // would otherwise stay out of that range's undo). The other stack moves over it;
        // its forms from before are kept, for when the new entry puts the text back.
        const others = to.map((e) => this.current(e));
        restore = to.map((e, i) => ({ ...e, change: others[i] }));
        this.log.length = entry.start - this.first;
        to.forEach((e, i) => {
          e.change = transform(change, others[i])[1];
          e.at = this.end() + 1;
          e.alone = false;
        });
      } else {
        this.append(change);
      }
      if (fresh && entry.restore) {
        // Nothing happened since `entry` was made: the text is back where the stack's
        // saved forms were made, and they are exact where the transformed ones may not be.
        from.splice(0, from.length, ...entry.restore.map((e) => ({ ...e, at: this.end() + 1, alone: false })));
      }
      // Replaying the new entry right away cancels `change` again, if `change` is in the log.
      to.push({
        at: this.end() + 1, start: this.end(), alone: !cancels, restore, change: inverse, kind: entry.kind, time: -Infinity,
      });
      return change;
    }
    return null;
  }

  /** `entry.change` transformed over every logged change since it was made. */
  current(entry) {
    let c = entry.change;
    for (let i = Math.max(entry.at, this.first); i < this.end() + 1; i++) {
      if (c.length === 0) break;
      c = transform(this.log[i - this.first], c)[1];
    }
    return c;
  }

  /** Absolute index of the last logged change (first - 1 when none); an entry's `at` is the first index it has not seen. */
  end() { return this.first + this.log.length - 1; }

  append(change) {
    this.log.push(change);
    if (this.log.length <= this.maxLog) return;
    // Forget the oldest groups the log can no longer carry, then the log they needed.
    const keepFrom = this.end() + 1 - this.maxLog;
    this.undoStack = this.undoStack.filter((e) => e.at >= keepFrom);
    this.redoStack = this.redoStack.filter((e) => e.at >= keepFrom);
    const needed = Math.min(keepFrom, ...this.undoStack.map((e) => e.at), ...this.redoStack.map((e) => e.at));
    this.log.splice(0, needed - this.first);
    this.first = needed;
  }
}
