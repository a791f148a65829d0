package coedit.engine.embedded;

import coedit.engine.storage.Batch;
import coedit.engine.storage.KV;
import coedit.engine.storage.Snapshot;
import coedit.engine.storage.Space;
import coedit.engine.storage.Storage;
import coedit.engine.store.Keys;
import coedit.engine.store.PStateInfo;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds a partition's next base and trims its depots below it, while its task goes on
 * processing. Three steps, each safe to die after:
 * <ol>
 *   <li>Copy, from a storage snapshot, every topology's mark and every PState entry of the
 *       partition into a new base generation, {@link #CHUNK} entries per write. A snapshot
 *       is one consistent state: the task commits its PState writes and marks in one atomic
 *       batch, so the copied entries are exactly the PStates as of the copied marks. The
 *       task is never paused (it writes the PSTATE space, this the BASE space).</li>
 *   <li>Switch, in one synced batch: record the new generation as the base, delete the
 *       older ones, and delete each depot partition's records at or below the lowest mark
 *       of its topologies in the base, recording its new start. Records above a mark (not
 *       processed by every topology, derived appends included) are never deleted, nor are
 *       depots that no topology reads (no base holds what they mean).</li>
 *   <li>Compact the deleted ranges, so the disk space comes back now.</li>
 * </ol>
 * Dying in step 1 leaves a half-copied generation above the recorded one, which no reader
 * uses and the next build deletes first; dying after step 2 only delays the reclaiming.
 */
final class BaseBuild {
  /** Entries per write while copying: bounds batch memory and the writes' effect on the task. */
  static final int CHUNK = 4096;

  private BaseBuild() {}

  /** What one build did: the base's entries and the depot records deleted. */
  record Result(int partition, long generation, long entries, long trimmed) {}

  /** Depot {@code depot}'s partition trimmed from offset {@code from} (its old start) to {@code to}. */
  private record Trim(DepotInfo depot, long from, long to) {}

  static Result run(Storage storage, Layout layout, int partition) {
    Bases.Base old = Bases.read(storage, partition);
    long gen = old.generation() + 1;
    try (Batch leftovers = storage.newBatch()) {
      leftovers.deleteRange(Space.BASE, Bases.generation(partition, gen), Bases.partitionStart(partition + 1));
      storage.write(leftovers, false);
    }
    long[] marks = new long[layout.topologies.size()];
    long entries = 0;
    List<Trim> trims = new ArrayList<>();
    long seqFloor = Bases.seqFloor(storage);
    try (Snapshot snap = storage.snapshot()) {
      try (Batch batch = storage.newBatch()) {
        for (TopologyInfo t : layout.topologies) {
          byte[] markKey = Keys.markKey(t.name(), t.depot().name, partition);
          byte[] m = snap.get(Space.META, markKey);
          marks[t.index()] = m == null ? -1 : Keys.getLong(m, 0);
          if (m != null) batch.put(Space.BASE, Bases.tagged(partition, gen, Bases.MARK_TAG, markKey), m);
        }
        storage.write(batch, false);
      }
      for (PStateInfo ps : layout.pstates.values()) {
        entries += copy(snap, storage, Keys.pstatePartitionStart(ps.id, partition),
            Keys.pstatePartitionStart(ps.id, partition + 1), partition, gen);
      }
      try (Batch sw = storage.newBatch()) {
        sw.put(Space.META, Bases.baseKey(partition), Bases.baseValue(new Bases.Base(gen, entries)));
        sw.deleteRange(Space.BASE, Bases.partitionStart(partition), Bases.generation(partition, gen));
        for (DepotInfo d : layout.depots.values()) {
          if (d.topologies.isEmpty()) continue;
          long start = Long.MAX_VALUE;
          for (TopologyInfo t : d.topologies) start = Math.min(start, marks[t.index()] + 1);
          long had = Bases.depotStart(snap, d, partition);
          if (start <= had) continue;
          // The newest deleted record's sequence number: later launches never hand it out again.
          byte[] last = snap.get(Space.DEPOT, Keys.depot(d.id, partition, start - 1));
          if (last != null) seqFloor = Math.max(seqFloor, Keys.valueSeq(last) + 1);
          sw.put(Space.META, Bases.startKey(d, partition), Keys.longBytes(start));
          sw.deleteRange(Space.DEPOT, Keys.depot(d.id, partition, 0), Keys.depot(d.id, partition, start));
          trims.add(new Trim(d, had, start));
        }
        sw.put(Space.META, Bases.SEQ_FLOOR, Keys.longBytes(seqFloor));
        storage.write(sw, true);
      }
    }
    long trimmed = 0;
    for (Trim t : trims) {
      trimmed += t.to() - t.from();
      storage.compact(Space.DEPOT, Keys.depot(t.depot().id, partition, 0), Keys.depot(t.depot().id, partition, t.to()));
    }
    storage.compact(Space.BASE, Bases.partitionStart(partition), Bases.generation(partition, gen));
    return new Result(partition, gen, entries, trimmed);
  }

  /** Copies {@code [from, to)} of the snapshot's PSTATE space into generation {@code gen}; returns entries. */
  private static long copy(Snapshot snap, Storage storage, byte[] from, byte[] to, int partition, long gen) {
    long[] n = new long[1];
    snap.forEachPage(Space.PSTATE, from, to, CHUNK, page -> {
      try (Batch batch = storage.newBatch()) {
        for (KV kv : page) batch.put(Space.BASE, Bases.tagged(partition, gen, Bases.ENTRY_TAG, kv.key()), kv.value());
        storage.write(batch, false);
      }
      n[0] += page.size();
    });
    return n[0];
  }
}
