package coedit.engine.embedded;

import coedit.engine.storage.Batch;
import coedit.engine.storage.KV;
import coedit.engine.storage.Space;
import coedit.engine.storage.Storage;
import coedit.engine.store.Keys;
import coedit.engine.store.PStateInfo;

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
    copy(storage, Bases.tagged(p, base.generation(), Bases.ENTRY_TAG, new byte[0]),
        Bases.tagEnd(p, base.generation(), Bases.ENTRY_TAG), Space.PSTATE, null);
    try (Batch done = storage.newBatch()) {
      copy(storage, Bases.tagged(p, base.generation(), Bases.MARK_TAG, new byte[0]),
          Bases.tagEnd(p, base.generation(), Bases.MARK_TAG), Space.META, done);
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

  /** Copies BASE entries in {@code [from, to)} into {@code into}: chunk by chunk, or into {@code batch}. */
  private static void copy(Storage storage, byte[] from, byte[] to, Space into, Batch batch) {
    storage.forEachPage(Space.BASE, from, to, BaseBuild.CHUNK, page -> {
      if (batch != null) {
        for (KV kv : page) batch.put(into, Bases.copiedKey(kv.key()), kv.value());
        return;
      }
      try (Batch chunk = storage.newBatch()) {
        for (KV kv : page) chunk.put(into, Bases.copiedKey(kv.key()), kv.value());
        storage.write(chunk, false);
      }
    });
  }
}
