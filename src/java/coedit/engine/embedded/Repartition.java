package coedit.engine.embedded;

import coedit.engine.EngineConfig;
import coedit.engine.EngineException;
import coedit.engine.FsyncPolicy;
import coedit.engine.Module;
import coedit.engine.ProgressListener;
import coedit.engine.storage.Batch;
import coedit.engine.storage.KV;
import coedit.engine.storage.RocksStorage;
import coedit.engine.storage.Space;
import coedit.engine.storage.Storage;
import coedit.engine.store.Keys;
import coedit.engine.topology.ModuleDefinition;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Stream;

/**
 * Builds a module's data with another partition count ({@code bin/coedit repartition}): every
 * depot record, in the order the module first received them (their sequence numbers), is
 * placed on its partition under the new count with its original append time, then the
 * PStates are recomputed from them. Nothing else is copied (but the bases of trimmed
 * partitions, see {@link RepartitionBases}), so the result is exactly what the module makes
 * of its depots: with deterministic processors, the same documents, histories and
 * idempotency records. The source is opened read-only and never changed.
 *
 * <p>Restartable: a target left half-built (its {@code REPARTITIONING} marker present) is
 * removed and built again; a finished target is never overwritten.
 */
public final class Repartition {
  static final String MARKER = "REPARTITIONING";
  private static final int PAGE = 4096;

  private Repartition() {}

  /** What was moved. */
  public record Report(String module, long records, int fromPartitions, int toPartitions, long millis) {}

  public static Report run(Path fromDataDir, Path toDataDir, Module module, int partitions,
      ProgressListener progress) {
    long started = System.nanoTime();
    Path from = fromDataDir.resolve(module.name());
    Path to = toDataDir.resolve(module.name());
    prepare(to);
    ModuleDefinition def = ModuleDefinition.of(module);
    long records = 0;
    int fromPartitions;
    try (RocksStorage source = RocksStorage.readOnly(from)) {
      fromPartitions = Layout.storedPartitions(source);
      Layout src = new Layout(def, new DataCheck.WritesDropped(source), fromPartitions, from.toString());
      long total = 0;
      for (DepotInfo d : src.depots.values()) {
        for (int p = 0; p < fromPartitions; p++) {
          KV last = source.last(Space.DEPOT, Keys.depot(d.id, p, 0), Keys.depotEnd(d.id, p));
          if (last != null) total += Keys.depotOffset(last.key()) + 1 - Bases.depotStart(source, d, p);
        }
      }
      try (Storage target = new RocksStorage(to)) {
        Layout dst = new Layout(def, target, partitions, to.toString());
        RepartitionBases.copy(source, src, target, dst);
        records = copyInSequence(source, src, target, dst, total, progress);
        markProcessed(target, dst);
      }
    }
    // Everything is marked processed, so the launch replays nothing; the recompute then
    // builds the PStates with processor appends dropped (the depots already hold them).
    EngineConfig config = EngineConfig.defaults(toDataDir).withPartitions(partitions).withFsync(FsyncPolicy.NEVER);
    ExecutorService proxies = Executors.newSingleThreadExecutor();
    try {
      ModuleRuntime rt = new ModuleRuntime(def, config, new RocksStorage(to), to, to.toString(), proxies,
          e -> {}, false);
      try {
        rt.start();
        rt.recompute(progress);
      } finally {
        rt.close();
      }
    } finally {
      proxies.shutdown();
    }
    try {
      Files.delete(to.resolve(MARKER));
    } catch (IOException e) {
      throw new EngineException("cannot finish " + to + ": " + e.getMessage(), e);
    }
    return new Report(module.name(), records, fromPartitions, partitions, (System.nanoTime() - started) / 1_000_000);
  }

  /** A fresh target: absent, or half-built by an earlier run (removed); never a finished one. */
  private static void prepare(Path to) {
    try {
      if (Files.exists(to)) {
        if (!Files.exists(to.resolve(MARKER))) {
          throw new EngineException(to + " already holds data; repartition into a new directory");
        }
        try (Stream<Path> files = Files.walk(to)) {
          for (Path f : files.sorted(Comparator.reverseOrder()).toList()) Files.delete(f);
        }
      }
      Files.createDirectories(to);
      Files.writeString(to.resolve(MARKER), "a repartition into this directory has not finished\n");
    } catch (IOException e) {
      throw new EngineException("cannot prepare " + to + ": " + e.getMessage(), e);
    }
  }

  /** Cursor over one source depot partition, a page at a time. */
  private static final class Cursor {
    final DepotInfo depot;
    final int partition;
    final ArrayDeque<KV> page = new ArrayDeque<>();
    long next;

    Cursor(DepotInfo depot, int partition) {
      this.depot = depot;
      this.partition = partition;
    }

    boolean fill(Storage s) {
      if (page.isEmpty()) {
        page.addAll(s.scan(Space.DEPOT, Keys.depot(depot.id, partition, next), Keys.depotEnd(depot.id, partition), PAGE));
        if (!page.isEmpty()) next = Keys.depotOffset(((ArrayDeque<KV>) page).peekLast().key()) + 1;
      }
      return !page.isEmpty();
    }

    long seq() {
      return Keys.valueSeq(page.peekFirst().value());
    }
  }

  private static long copyInSequence(Storage source, Layout src, Storage target, Layout dst, long total,
      ProgressListener progress) {
    PriorityQueue<Cursor> heads = new PriorityQueue<>(Comparator.comparingLong(Cursor::seq));
    for (DepotInfo d : src.depots.values()) {
      for (int p = 0; p < src.partitions; p++) {
        Cursor c = new Cursor(d, p);
        if (c.fill(source)) heads.add(c);
      }
    }
    long seq = 0;
    List<KV> out = new ArrayList<>(PAGE);
    while (!heads.isEmpty()) {
      Cursor c = heads.poll();
      KV kv = c.page.pollFirst();
      DepotInfo to = dst.depot(c.depot.name);
      byte[] payload = java.util.Arrays.copyOfRange(kv.value(), 16, kv.value().length);
      Object record = c.depot.decode(payload, c.partition, Keys.depotOffset(kv.key()));
      int p = to.partitionOf(record, dst.partitions);
      long offset = to.nextOffset[p]++;
      out.add(new KV(Keys.depot(to.id, p, offset), Keys.depotValue(seq++, Keys.valueTime(kv.value()), payload)));
      if (out.size() == PAGE) flush(target, out, seq, total, progress);
      if (c.fill(source)) heads.add(c);
    }
    flush(target, out, seq, total, progress);
    return seq;
  }

  private static void flush(Storage target, List<KV> out, long done, long total, ProgressListener progress) {
    if (out.isEmpty()) return;
    Batch batch = target.newBatch();
    for (KV kv : out) batch.put(Space.DEPOT, kv.key(), kv.value());
    target.write(batch, false);
    out.clear();
    progress.onProgress(done, total);
  }

  /** Marks every record processed by every topology, so the launch before the recompute replays none. */
  private static void markProcessed(Storage target, Layout dst) {
    Batch batch = target.newBatch();
    for (TopologyInfo t : dst.topologies) {
      for (int p = 0; p < dst.partitions; p++) {
        batch.put(Space.META, Keys.markKey(t.name(), t.depot().name, p), Keys.longBytes(t.depot().nextOffset[p] - 1));
      }
    }
    target.write(batch, true);
  }
}
