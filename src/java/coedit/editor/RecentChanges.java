package coedit.editor;

import coedit.ot.Change;
import java.util.ArrayList;
import java.util.List;

/**
 * The last few accepted changes of a hot document, newest last: a stale submission made
 * against a recent version is transformed over these without reading {@code $$history}.
 * Entry i holds exactly what {@code $$history} holds for its version, because both are
 * written by the same accepted submission, and the ring is dropped with its document.
 */
final class RecentChanges {
  private final Change[] ring;
  /** Version of the newest change held; the ring holds versions (newest - count, newest]. */
  private long newest;
  private int count;

  /** An empty ring for a document at {@code version}. */
  RecentChanges(int capacity, long version) {
    ring = new Change[capacity];
    newest = version;
  }

  /** Records the change that produced {@code version}; a gap empties the ring first. */
  void add(long version, Change change) {
    if (version != newest + 1) count = 0;
    ring[(int) (version % ring.length)] = change;
    newest = version;
    count = Math.min(count + 1, ring.length);
  }

  /** The changes of versions {@code base + 1 .. newest}, or null when not all are held. */
  List<Change> since(long base) {
    if (base < newest - count || base > newest) return null;
    List<Change> out = new ArrayList<>((int) (newest - base));
    for (long v = base + 1; v <= newest; v++) out.add(ring[(int) (v % ring.length)]);
    return out;
  }
}
