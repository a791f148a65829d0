package coedit.engine.embedded;

import coedit.engine.DataDamagedException;
import coedit.engine.EngineConfig;
import coedit.engine.EngineException;
import coedit.engine.FsyncPolicy;
import coedit.engine.Module;
import coedit.engine.ProgressListener;
import coedit.engine.StorageKind;
import coedit.engine.storage.Batch;
import coedit.engine.storage.KV;
import coedit.engine.storage.MemoryStorage;
import coedit.engine.storage.RocksStorage;
import coedit.engine.storage.Space;
import coedit.engine.storage.Storage;
import coedit.engine.store.Keys;
import coedit.engine.store.PStateInfo;
import coedit.engine.topology.ModuleDefinition;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Verifies a module's data directory offline ({@code bin/coedit check}): every depot
 * partition is readable, record by record, from offset 0 (or where it was trimmed to) to
 * its end, which is no shorter than the depots' own record of their ends; no task has
 * processed past its depot's end, nor lacks records below where it was trimmed; every
 * trimmed record is covered by its partition's base, which holds all its entries; and the
 * stored PStates equal a recompute of the depots (from the bases, as a server's would). The recompute runs in memory on
 * a copy of the depots: of every partition with {@code full}, else of one partition picked
 * at random (a sample: 1/N of the work). Nothing in the directory is changed.
 */
public final class DataCheck {
  private static final int PAGE = 4096;

  private DataCheck() {}

  /**
   * The verdict on one module: {@code problems} is empty when it is sound; {@code notes} say
   * what was not checked and why.
   */
  public record Report(String module, List<String> problems, List<String> notes, long records,
      List<Integer> partitionsRecomputed, long entriesCompared, long millis) {
    public boolean ok() {
      return problems.isEmpty();
    }
  }

  /** Checks {@code module}'s data under {@code dataDir}; {@code progress} hears records read and replayed. */
  public static Report check(Path dataDir, Module module, boolean full, ProgressListener progress) {
    long started = System.nanoTime();
    Path dir = dataDir.resolve(module.name());
    List<String> problems = new ArrayList<>();
    if (!Files.isDirectory(dir)) {
      problems.add("no data for module " + module.name() + " in " + dataDir);
      return new Report(module.name(), problems, List.of(), 0, List.of(), 0, 0);
    }
    Storage stored;
    try {
      stored = RocksStorage.readOnly(dir);
    } catch (DataDamagedException e) {
      problems.add(e.getMessage());
      return new Report(module.name(), problems, List.of(), 0, List.of(), 0, millis(started));
    } catch (EngineException e) {
      throw new EngineException("cannot open " + dir + " (is a server using it? check a stopped server's"
          + " directory or a backup): " + e.getMessage(), e);
    }
    try (stored) {
      int partitions = Layout.storedPartitions(stored);
      if (partitions < 1) {
        problems.add(dir + " has no partition count: it is not a module's data");
        return new Report(module.name(), problems, List.of(), 0, List.of(), 0, millis(started));
      }
      ModuleDefinition def = ModuleDefinition.of(module);
      // The layout records names' ids as it binds them; here into a throwaway view, so the
      // checked directory is never written.
      Layout layout = new Layout(def, new WritesDropped(stored), partitions, dir.toString());
      DepotEnds.Recorded recorded = DepotEnds.read(dir);
      if (!recorded.readable()) problems.add(dir.resolve(DepotEnds.FILE) + " is unreadable");
      long records = checkDepots(stored, layout, recorded, problems, progress);
      List<String> notes = new ArrayList<>();
      checkMarks(stored, layout, problems, notes);
      checkBases(stored, layout, problems, notes);
      List<Integer> sample = new ArrayList<>();
      List<Integer> withRecords = new ArrayList<>();
      for (int p = 0; p < partitions; p++) {
        for (DepotInfo d : layout.depots.values()) {
          if (d.nextOffset[p] > 0) {
            withRecords.add(p);
            break;
          }
        }
      }
      if (full) {
        for (int p = 0; p < partitions; p++) sample.add(p);
      } else if (!withRecords.isEmpty()) {
        sample.add(withRecords.get(new Random().nextInt(withRecords.size())));
      }
      boolean comparable = problems.isEmpty() && notes.isEmpty();
      if (!comparable && problems.isEmpty()) notes.add("PStates not compared with a recompute until every record is processed");
      long compared = comparable ? compareRecompute(stored, def, layout, sample, problems, dir) : 0;
      return new Report(module.name(), problems, notes, records, comparable ? sample : List.of(), compared,
          millis(started));
    }
  }

  private static long checkDepots(Storage stored, Layout layout, DepotEnds.Recorded recorded, List<String> problems,
      ProgressListener progress) {
    long total = 0;
    for (DepotInfo d : layout.depots.values()) {
      for (int p = 0; p < layout.partitions; p++) {
        // A trimmed depot partition starts where it was trimmed to; below that is no damage.
        long expected = Bases.depotStart(stored, d, p);
        long unreadable = 0;
        byte[] from = Keys.depot(d.id, p, 0);
        byte[] end = Keys.depotEnd(d.id, p);
        while (true) {
          List<KV> page = stored.scan(Space.DEPOT, from, end, PAGE);
          for (KV kv : page) {
            long offset = Keys.depotOffset(kv.key());
            if (offset < expected) {
              problems.add("depot " + d.name + " partition " + p + " still holds offset " + offset
                  + ", below where it was trimmed to (" + expected + ")");
            } else if (offset != expected) {
              problems.add("depot " + d.name + " partition " + p + " skips from offset " + expected + " to " + offset);
            }
            expected = offset;
            try {
              d.decode(Arrays.copyOfRange(kv.value(), 16, kv.value().length), p, offset);
            } catch (RuntimeException e) {
              if (unreadable++ == 0) problems.add(e.getMessage());
            }
            expected++;
          }
          total += page.size();
          progress.onProgress(total, -1);
          if (page.size() < PAGE) break;
          from = Keys.depot(d.id, p, expected);
        }
        if (unreadable > 1) problems.add("depot " + d.name + " partition " + p + ": " + unreadable + " records cannot be decoded");
        d.nextOffset[p] = expected;
        long had = recorded.end(d.id, p);
        if (had > expected) {
          problems.add("depot " + d.name + " partition " + p + " ends at offset " + expected + " but had reached "
              + had + " (" + (had - expected) + " records lost)");
        }
      }
    }
    return total;
  }

  private static void checkMarks(Storage stored, Layout layout, List<String> problems, List<String> notes) {
    for (TopologyInfo t : layout.topologies) {
      for (int p = 0; p < layout.partitions; p++) {
        byte[] m = stored.get(Space.META, Keys.markKey(t.name(), t.depot().name, p));
        long mark = m == null ? -1 : Keys.getLong(m, 0);
        long start = Bases.depotStart(stored, t.depot(), p);
        if (mark + 1 < start && stored.get(Space.META, Bases.restoringKey(p)) == null) {
          problems.add("topology " + t.name() + " on partition " + p + " has processed " + t.depot().name + " only up to offset "
              + mark + ", but the depot was trimmed below " + start + " (offsets " + (mark + 1) + " to " + (start - 1)
              + " are gone)");
        }
        if (mark >= t.depot().nextOffset[p]) {
          problems.add("topology " + t.name() + " on partition " + p + " processed " + t.depot().name + " up to offset "
              + mark + ", past the depot's end " + t.depot().nextOffset[p]);
        } else if (mark < t.depot().nextOffset[p] - 1) {
          notes.add("topology " + t.name() + " on partition " + p + " has not processed " + t.depot().name
              + " offsets " + (mark + 1) + " to " + (t.depot().nextOffset[p] - 1)
              + " (a server would process them at its next start; check a cleanly stopped directory)");
        }
      }
    }
  }

  /**
   * Every trimmed depot partition is covered by its partition's base: the base holds the
   * PStates as of marks at or above every trimmed record, and as many entries as recorded.
   */
  private static void checkBases(Storage stored, Layout layout, List<String> problems, List<String> notes) {
    for (int p = 0; p < layout.partitions; p++) {
      Bases.Base base = Bases.read(stored, p);
      if (stored.get(Space.META, Bases.recomputingKey(p)) != null) {
        notes.add("partition " + p + " is in the middle of a recompute (a server finishes it at its next start)");
      }
      if (base.exists()) {
        long[] counted = new long[1];
        Bases.forEachPage(stored, p, base.generation(), Bases.ENTRY_TAG, page -> counted[0] += page.size());
        long entries = counted[0];
        if (entries != base.entries()) {
          problems.add("the base of partition " + p + " holds " + entries + " PState entries, but " + base.entries()
              + " were copied into it");
        }
      }
      for (DepotInfo d : layout.depots.values()) {
        long start = Bases.depotStart(stored, d, p);
        if (start == 0) continue;
        for (TopologyInfo t : d.topologies) {
          long mark = Bases.mark(stored, p, base, t);
          if (mark + 1 < start) {
            problems.add("depot " + d.name + " partition " + p + " was trimmed below offset " + start + ", but "
                + (base.exists() ? "its base holds topology " + t.name() + "'s state only up to offset " + mark
                : "partition " + p + " has no base") + ": offsets " + (mark + 1) + " to " + (start - 1) + " are in no base");
          }
        }
      }
    }
  }

  /** Recomputes the sampled partitions in memory; compares their PState entries with the stored ones. */
  private static long compareRecompute(Storage stored, ModuleDefinition def, Layout layout, List<Integer> partitions,
      List<String> problems, Path dir) {
    MemoryStorage copy = new MemoryStorage();
    copySpace(stored, copy, Space.META, null);
    for (DepotInfo d : layout.depots.values()) {
      for (int p : partitions) copySpace(stored, copy, Space.DEPOT, new byte[][] {Keys.depot(d.id, p, 0), Keys.depotEnd(d.id, p)});
    }
    // The recompute starts from each trimmed partition's base, as a server's would.
    for (int p : partitions) copySpace(stored, copy, Space.BASE, new byte[][] {Bases.partitionStart(p), Bases.partitionStart(p + 1)});
    EngineConfig config = EngineConfig.defaults(dir).withPartitions(layout.partitions).withTaskThreads(1)
        .withFsync(FsyncPolicy.NEVER).withStorage(StorageKind.IN_MEMORY);
    ExecutorService proxies = Executors.newSingleThreadExecutor();
    ModuleRuntime rt = new ModuleRuntime(def, config, copy, null, "check of " + dir, proxies,
        e -> problems.add("the recompute failed: " + e.getMessage()), false);
    try {
      rt.start();
      rt.recompute(ProgressListener.NONE);
      long compared = 0;
      for (PStateInfo ps : layout.pstates.values()) {
        for (int p : partitions) {
          compared += comparePStates(stored, copy, ps, p, problems);
        }
      }
      return compared;
    } finally {
      rt.close();
      proxies.shutdown();
    }
  }

  /** Compares one PState partition entry by entry; returns entries compared. */
  private static long comparePStates(Storage stored, Storage recomputed, PStateInfo ps, int partition,
      List<String> problems) {
    // PState keys start [pstateId:2][partition:2]: one partition of one PState is one range.
    byte[] from = {(byte) (ps.id >>> 8), (byte) ps.id, (byte) (partition >>> 8), (byte) partition};
    byte[] to = {(byte) (ps.id >>> 8), (byte) ps.id, (byte) ((partition + 1) >>> 8), (byte) (partition + 1)};
    byte[] fromA = from;
    byte[] fromB = from;
    long compared = 0;
    int reported = 0;
    while (true) {
      List<KV> a = stored.scan(Space.PSTATE, fromA, to, PAGE);
      List<KV> b = recomputed.scan(Space.PSTATE, fromB, to, PAGE);
      int n = Math.min(a.size(), b.size());
      for (int i = 0; i < n; i++) {
        if (!Arrays.equals(a.get(i).key(), b.get(i).key()) || !Arrays.equals(a.get(i).value(), b.get(i).value())) {
          if (reported++ < 5) {
            problems.add("PState " + ps.name + " partition " + partition + " differs from a recompute of the depots at entry "
                + (compared + i));
          }
        }
      }
      compared += n;
      if (a.size() != b.size()) {
        problems.add("PState " + ps.name + " partition " + partition + " has " + (a.size() > b.size() ? "more" : "fewer")
            + " entries than a recompute of the depots (after entry " + compared + ")");
        return compared;
      }
      if (a.size() < PAGE) return compared;
      fromA = next(a.get(a.size() - 1).key());
      fromB = next(b.get(b.size() - 1).key());
    }
  }

  private static void copySpace(Storage from, Storage to, Space space, byte[][] range) {
    byte[] start = range == null ? new byte[0] : range[0];
    byte[] end = range == null ? null : range[1];
    from.forEachPage(space, start, end, PAGE, page -> {
      try (Batch batch = to.newBatch()) {
        for (KV kv : page) batch.put(space, kv.key(), kv.value());
        to.write(batch, false);
      }
    });
  }

  /** A storage view whose writes go nowhere (for binding a layout without writing). */
  static final class WritesDropped implements Storage {
    private final Storage delegate;

    WritesDropped(Storage delegate) {
      this.delegate = delegate;
    }

    @Override
    public byte[] get(Space space, byte[] key) {
      return delegate.get(space, key);
    }

    @Override
    public List<KV> scan(Space space, byte[] from, byte[] to, int limit) {
      return delegate.scan(space, from, to, limit);
    }

    @Override
    public KV last(Space space, byte[] from, byte[] to) {
      return delegate.last(space, from, to);
    }

    @Override
    public Batch newBatch() {
      return new MemoryStorage().newBatch();
    }

    @Override
    public void write(Batch batch, boolean sync) {
      batch.close();
    }

    @Override
    public coedit.engine.storage.Snapshot snapshot() {
      return delegate.snapshot();
    }

    @Override
    public void compact(Space space, byte[] from, byte[] to) {}

    @Override
    public boolean durable() {
      return false;
    }

    @Override
    public long sizeBytes() {
      return delegate.sizeBytes();
    }

    @Override
    public void checkpoint(Path dest) {
      delegate.checkpoint(dest);
    }

    @Override
    public void close() {}
  }

  /** The smallest key after {@code key}. */
  private static byte[] next(byte[] key) {
    return Arrays.copyOf(key, key.length + 1);
  }

  private static long millis(long started) {
    return (System.nanoTime() - started) / 1_000_000;
  }
}
