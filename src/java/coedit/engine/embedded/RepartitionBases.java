package coedit.engine.embedded;

import coedit.engine.EngineException;
import coedit.engine.storage.Batch;
import coedit.engine.storage.KV;
import coedit.engine.storage.Space;
import coedit.engine.storage.Storage;
import coedit.engine.store.Keys;
import coedit.engine.store.PStateInfo;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Repartition's part for trimmed depots: the records a source partition's base covers are
 * gone, so its base moves instead. Every PState entry of every source base goes into the
 * base of the target partition its key belongs to under the new count (the PState's id
 * renamed to the target's, its partition field rewritten); the target bases hold no marks,
 * because the target depots are numbered afresh and hold exactly the records above the
 * source bases. A recompute of the target then starts from these bases and replays every
 * target record, which rebuilds, key by key, what the source held (as a repartition
 * without trimming does, this assumes what a record does to a key depends only on that
 * key's own records).
 *
 * <p>Refused: a source partition whose depot's topologies reached different offsets in its
 * base (a topology added after trimming): the records between would be replayed into the
 * further one twice.
 */
final class RepartitionBases {
  private RepartitionBases() {}

  static void copy(Storage source, Layout src, Storage target, Layout dst) {
    Map<Integer, PStateInfo> byId = new HashMap<>();
    for (PStateInfo ps : src.pstates.values()) byId.put(ps.id, ps);
    long[] entries = new long[dst.partitions];
    for (int p = 0; p < src.partitions; p++) {
      Bases.Base base = Bases.read(source, p);
      if (!base.exists()) continue;
      checkUniform(source, src, p, base);
      Bases.forEachPage(source, p, base.generation(), Bases.ENTRY_TAG, page -> {
        try (Batch batch = target.newBatch()) {
          for (KV kv : page) {
            byte[] key = Bases.copiedKey(kv.key());
            PStateInfo ps = byId.get(Keys.getShort(key, 0));
            if (ps == null) continue; // a PState the module no longer declares: nothing reads it
            byte[] userKey = Arrays.copyOfRange(key, 8, 8 + Keys.getInt(key, 4));
            int to = ps.partitionOf(ps.decode(ps.keyCodec, userKey, "key"), dst.partitions);
            Keys.putShort(key, 0, dst.pstates.get(ps.name).id);
            Keys.putShort(key, 2, to);
            batch.put(Space.BASE, Bases.tagged(to, 1, Bases.ENTRY_TAG, key), kv.value());
            entries[to]++;
          }
          target.write(batch, false);
        }
      });
    }
    try (Batch meta = target.newBatch()) {
      for (int p = 0; p < dst.partitions; p++) {
        if (entries[p] > 0) meta.put(Space.META, Bases.baseKey(p), Bases.baseValue(new Bases.Base(1, entries[p])));
      }
      target.write(meta, true);
    }
  }

  private static void checkUniform(Storage source, Layout src, int p, Bases.Base base) {
    for (DepotInfo d : src.depots.values()) {
      long start = Bases.depotStart(source, d, p);
      for (TopologyInfo t : d.topologies) {
        long mark = Bases.mark(source, p, base, t);
        if (mark + 1 != start) {
          throw new EngineException("cannot repartition: on partition " + p + ", depot " + d.name + " was trimmed below "
              + start + " but topology " + t.name() + "'s base reached offset " + mark + "; its topologies must have"
              + " processed it equally far (a topology added after trimming has not)");
        }
      }
    }
  }
}
