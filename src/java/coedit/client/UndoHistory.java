package coedit.client;

import coedit.ot.Change;
import coedit.ot.Ot;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Selective undo and redo of one user's own changes in a shared document (the browser's
 * twin: src/resources/public/undo.js). Each group holds the inverse of some of the user's
 * changes, made on the text as it was then; every change applied to the local text since
 * (the user's later edits and everyone else's) is logged, and an undo transforms the
 * inverse over that log first.
 *
 * <p>Guarantees: an undo removes exactly the user's own inserted text wherever it has moved
 * (text others inserted inside it stays: the delete splits around it), puts back exactly
 * what the user deleted, and never touches what others typed elsewhere; with nobody else
 * editing, undo and redo walk back and forth exactly through the user's versions. Local
 * edits less than {@code pauseMillis} apart and of one kind (typing or deleting) form one
 * group; a new local edit clears the redo stack, remote edits do not. Not thread-safe:
 * {@link Replica} calls it under the session's lock.
 */
final class UndoHistory {
  private static final class Group {
    int at; // first log index this group's change has not been transformed over
    int start; // log index of its own (latest) change, when `alone`
    boolean alone; // its own changes are log[start..at) and nothing else
    Change change;
    final boolean deleting;
    long time;
    List<Group> restore; // the other stack as it was before this group's replay, exact there

    Group(int at, int start, boolean alone, Change change, boolean deleting, long time) {
      this.at = at;
      this.start = start;
      this.alone = alone;
      this.change = change;
      this.deleting = deleting;
      this.time = time;
    }

    Group copy() {
      Group g = new Group(at, start, alone, change, deleting, time);
      g.restore = restore;
      return g;
    }
  }

  private final long pauseMillis;
  private final int maxGroups;
  private final int maxLog;
  private final List<Change> log = new ArrayList<>();
  private int first; // absolute index of log.get(0)
  private List<Group> undo = new ArrayList<>();
  private List<Group> redo = new ArrayList<>();

  UndoHistory(long pauseMillis, int maxGroups, int maxLog) {
    this.pauseMillis = pauseMillis;
    this.maxGroups = maxGroups;
    this.maxLog = maxLog;
  }

  UndoHistory() {
    this(1000, 200, 5000);
  }

  boolean canUndo() {
    return !undo.isEmpty();
  }

  boolean canRedo() {
    return !redo.isEmpty();
  }

  /** The user made {@code change}; {@code inverse} takes the text after it back to the text before. */
  void local(Change change, Change inverse, long now) {
    if (change.isEmpty()) return;
    boolean deleting = change.insertedCodePoints() == 0;
    Group top = undo.isEmpty() ? null : undo.get(undo.size() - 1);
    redo = new ArrayList<>();
    if (top != null && now - top.time < pauseMillis && top.deleting == deleting) {
      top.change = Ot.compose(inverse, current(top)); // undo this change first, then the rest of the group
      top.time = now;
      top.alone = top.alone && top.at == end() + 1;
      top.at = end() + 2; // after `change`, appended next
      append(change);
    } else {
      append(change);
      undo.add(new Group(end() + 1, end(), true, inverse, deleting, now));
      if (undo.size() > maxGroups) undo.remove(0);
    }
  }

  /** Someone else's change, as applied to the local text. */
  void remote(Change change) {
    if (!change.isEmpty()) append(change);
  }

  /** Ends the current group. */
  void breakGroup() {
    if (!undo.isEmpty()) undo.get(undo.size() - 1).time = Long.MIN_VALUE / 2;
  }

  /**
   * Undoes the latest group: {@code apply} applies the change to the text and returns its
   * inverse. Returns the change applied, or null when there is nothing left to undo.
   */
  Change undo(UnaryOperator<Change> apply) {
    return replay(true, apply);
  }

  /** Redoes the latest undo, as {@link #undo}. */
  Change redo(UnaryOperator<Change> apply) {
    return replay(false, apply);
  }

  private Change replay(boolean undoing, UnaryOperator<Change> apply) {
    List<Group> from = undoing ? undo : redo;
    List<Group> to = undoing ? redo : undo;
    while (!from.isEmpty()) {
      Group entry = from.remove(from.size() - 1);
      Change change = current(entry);
      if (change.isEmpty()) continue; // everything it would undo is gone already
      boolean cancels = entry.alone && entry.at == end() + 1 && entry.start >= first;
      boolean fresh = entry.at == end() + 1;
      Change inverse = apply.apply(change);
      List<Group> restore = null;
      if (cancels) {
        // Its own changes are the latest in the log and this undoes them: drop both, so
        // older groups never see a delete and its re-insertion as unrelated edits. The other
        // stack moves over the change; its exact forms are kept for when the text comes back.
        List<Change> others = new ArrayList<>();
        for (Group g : to) others.add(current(g));
        restore = new ArrayList<>();
        for (int i = 0; i < to.size(); i++) {
          Group saved = to.get(i).copy();
          saved.change = others.get(i);
          restore.add(saved);
        }
        log.subList(entry.start - first, log.size()).clear();
        for (int i = 0; i < to.size(); i++) {
          Group g = to.get(i);
          g.change = Ot.transform(change, others.get(i)).incomingPrime();
          g.at = end() + 1;
          g.alone = false;
        }
      } else {
        append(change);
      }
      if (fresh && entry.restore != null) {
        // Nothing happened since `entry` was made: the stack's saved forms are exact again.
        from.clear();
        for (Group g : entry.restore) {
          Group r = g.copy();
          r.at = end() + 1;
          r.alone = false;
          from.add(r);
        }
      }
      Group made = new Group(end() + 1, end(), !cancels, inverse, entry.deleting, Long.MIN_VALUE / 2);
      made.restore = restore;
      to.add(made);
      return change;
    }
    return null;
  }

  /** {@code g.change} transformed over every logged change since it was made. */
  private Change current(Group g) {
    Change c = g.change;
    for (int i = Math.max(g.at, first); i <= end() && !c.isEmpty(); i++) {
      c = Ot.transform(log.get(i - first), c).incomingPrime();
    }
    return c;
  }

  private int end() {
    return first + log.size() - 1;
  }

  private void append(Change change) {
    log.add(change);
    if (log.size() <= maxLog) return;
    int keepFrom = end() + 1 - maxLog;
    undo.removeIf(g -> g.at < keepFrom);
    redo.removeIf(g -> g.at < keepFrom);
    log.subList(0, keepFrom - first).clear();
    first = keepFrom;
  }
}
