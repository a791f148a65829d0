package coedit.engine.embedded;

import coedit.engine.storage.Batch;
import coedit.engine.storage.KV;
import coedit.engine.storage.Space;
import coedit.engine.storage.Storage;
import coedit.engine.store.Keys;
import coedit.engine.store.PStateInfo;
import java.util.List;

/**
 * The start of a recompute on one partition: its PStates and marks become its base's (or
 * empty PStates and no marks when it has none), so that replaying the depot records above
 * the marks rebuilds the PStates with the current code. A base can be larger than one
 * batch should be, so it is copied in chunks between two batches that bracket it:
 * the first clears the partition and records {@code restoring/PARTITION}, the last sets the
 * base's marks and removes the record. A launch that finds the record (the process died
 * in between) restores again before it replays anything, so a half-copied base is never
 * taken for the state.
 *
 * <p>The first batch also records {@code recomputing/PARTITION} with the recompute's
 * boundary, removed once the replay below it is committed: a launch that finds it goes on
 * replaying below the boundary as a recompute does, dropping processor appends (the depots
 * hold them from the first time), so a crash in a recompute never appends a record twice.
 */
final class BaseRestore {
  private BaseRestore() {}

  /**
   * Runs on the partition's task thread, with its processors closed, for a recompute up to
   * {@code boundarySeq}; reloads the task's marks.
   */
  static void restore(Task task, Storage storage, long boundarySeq) {
    int p = task.partition;
    Bases.Base base = Bases.read(storage, p);
    try (Batch wipe = storage.newBatch()) {
      for (PStateInfo ps : task.layout.pstates.values()) {
        wipe.deleteRange(Space.PSTATE, Keys.pstatePartitionStart(ps.id, p), Keys.pstatePartitionStart(ps.id, p + 1));
      }
      task.resetMarks(wipe);
      if (base.exists()) wipe.put(Space.META, Bases.restoringKey(p), Keys.longBytes(base.generation()));
      wipe.put(Space.META, Bases.recomputingKey(p), Keys.longBytes(boundarySeq));
      storage.write(wipe, false);
    }
    if (!base.exists()) {
      task.reloadMarks(storage);
      return;
    }
    // The entries chunk by chunk; the marks (one per topology) in the closing batch.
    Bases.forEachPage(storage, p, base.generation(), Bases.ENTRY_TAG, page -> {
      try (Batch chunk = storage.newBatch()) {
        putCopies(chunk, Space.PSTATE, page);
        storage.write(chunk, false);
      }
    });
    try (Batch done = storage.newBatch()) {
      Bases.forEachPage(storage, p, base.generation(), Bases.MARK_TAG, page -> putCopies(done, Space.META, page));
      done.delete(Space.META, Bases.restoringKey(p));
      storage.write(done, false);
    }
    task.reloadMarks(storage);
  }

  /** True when a restore of {@code partition} was cut short (see the class comment). */
  static boolean interrupted(Storage storage, int partition) {
    return storage.get(Space.META, Bases.restoringKey(partition)) != null;
  }

  /** The boundary of a recompute of {@code partition} that was cut short, or -1 when none was. */
  static long unfinished(Storage storage, int partition) {
    byte[] v = storage.get(Space.META, Bases.recomputingKey(partition));
    return v == null ? -1 : Keys.getLong(v, 0);
  }

  /** After the recompute's replay is committed: it is finished. */
  static void finished(Storage storage, int partition) {
    try (Batch b = storage.newBatch()) {
      b.delete(Space.META, Bases.recomputingKey(partition));
      storage.write(b, false);
    }
  }

  /** Puts the keys and values that BASE entries {@code page} copy into {@code batch}'s {@code into}. */
  private static void putCopies(Batch batch, Space into, List<KV> page) {
    for (KV kv : page) batch.put(into, Bases.copiedKey(kv.key()), kv.value());
  }
}
