package coedit.engine.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import coedit.engine.AckLevel;
import coedit.engine.AppendResult;
import coedit.engine.Cluster;
import coedit.engine.CounterModule;
import coedit.engine.CounterModule.Incr;
import coedit.engine.DepotTrimming;
import coedit.engine.EngineConfig;
import coedit.engine.FsyncPolicy;
import coedit.engine.ModuleInstance;
import coedit.engine.ProcessingException;
import coedit.engine.ProgressListener;
import coedit.engine.storage.Batch;
import coedit.engine.storage.KV;
import coedit.engine.storage.RocksStorage;
import coedit.engine.storage.Space;
import coedit.engine.storage.Storage;
import coedit.engine.store.Keys;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Depot trimming on the counter module, whose topologies exercise the cases that matter: a
 * processor appending to another depot (derived records, processed later on another
 * partition), a record the processor fails on, list elements dropped. Laws checked:
 * <ul>
 *   <li>recompute after trimming rebuilds exactly the PStates recompute without trimming
 *       does, byte for byte, and exactly the live ones;</li>
 *   <li>trimming deletes only records every topology has processed, and offsets and
 *       sequence numbers go on after a depot was trimmed to its end;</li>
 *   <li>a crash between any two writes of a trim or of a recompute's restore loses
 *       nothing and applies nothing twice;</li>
 *   <li>check, backup and restore, and repartition work on trimmed data.</li>
 * </ul>
 * Replay a failure with {@code -Dcoedit.seed=...}.
 */
class DepotTrimTest {
  private static final String MODULE = "counter";
  private final long seed = Long.getLong("coedit.seed", System.nanoTime());
  private long nextId;

  private static EngineConfig config(Path dir) {
    return EngineConfig.defaults(dir).withPartitions(3).withTaskThreads(2).withFsync(FsyncPolicy.NEVER);
  }

  /**
   * Appends {@code n} random records: counts (some failing), forwards (derived appends) and
   * drops, each after the previous one was processed, so a seed always makes the same log.
   */
  private void traffic(Cluster cluster, Random random, int n) {
    ModuleInstance m = cluster.module(MODULE);
    for (int i = 0; i < n; i++) {
      String key = "k" + random.nextInt(12);
      int what = random.nextInt(20);
      try {
        if (what < 13) {
          m.<Incr>depot("*incr").append(new Incr(key, what == 0 ? -1 : 1 + random.nextInt(5), nextId++), AckLevel.ACK);
        } else if (what < 18) {
          m.<Incr>depot("*forward").append(new Incr(key, 1, nextId++), AckLevel.ACK);
          m.awaitProcessed(Duration.ofSeconds(30)); // the derived record too
        } else {
          m.<Incr>depot("*drop").append(new Incr(key, 0, random.nextInt(30)), AckLevel.ACK);
        }
      } catch (ProcessingException e) {
        // A negative amount: the record stays, and its failure is part of the log.
      }
    }
    m.awaitProcessed(Duration.ofSeconds(30));
  }

  private static void assertSame(List<String> expected, List<String> actual, String what) {
    if (expected.equals(actual)) return;
    int i = 0;
    while (i < Math.min(expected.size(), actual.size()) && expected.get(i).equals(actual.get(i))) i++;
    throw new AssertionError(what + ": " + expected.size() + " entries expected, " + actual.size() + " found; first"
        + " difference at " + i + ": " + (i < expected.size() ? expected.get(i) : "none") + " vs "
        + (i < actual.size() ? actual.get(i) : "none"));
  }

  private static ModuleRuntime runtime(Cluster cluster) {
    return (ModuleRuntime) cluster.module(MODULE);
  }

  /** Every PState entry, as hex lines: equal lists mean byte-equal PStates. */
  private static List<String> pstates(Cluster cluster) {
    return dump(runtime(cluster).storage, Space.PSTATE);
  }

  private static List<String> dump(Storage storage, Space space) {
    List<String> out = new ArrayList<>();
    HexFormat hex = HexFormat.of();
    storage.forEachPage(space, new byte[0], null, 4096, page -> {
      for (KV kv : page) out.add(hex.formatHex(kv.key()) + "=" + hex.formatHex(kv.value()));
    });
    return out;
  }

  private static int depotRecords(Cluster cluster) {
    return dump(runtime(cluster).storage, Space.DEPOT).size();
  }

  private static EngineCluster open(Path dir) {
    EngineCluster c = new EngineCluster(config(dir));
    c.launch(new CounterModule());
    return c;
  }

  // invariant: recompute(trimmed) = recompute(untrimmed) = live, for any interleaving of traffic and trims
  @Test
  void recomputeFromBasesRebuildsExactlyWhatRecomputeFromEveryRecordDoes(@TempDir Path tmp) {
    Random random = new Random(seed);
    for (int round = 0; round < 4; round++) {
      long roundSeed = random.nextLong();
      List<String> untrimmed = run(tmp.resolve("plain" + round), new Random(roundSeed), false);
      List<String> trimmed = run(tmp.resolve("trimmed" + round), new Random(roundSeed), true);
      assertSame(untrimmed, trimmed, "seed " + seed + " round " + round);
    }
  }

  /** Traffic with trims (or none) between batches and a restart; returns the PStates after a recompute. */
  private List<String> run(Path dir, Random random, boolean trim) {
    nextId = 0;
    long trimmedRecords = 0;
    int batches = 3 + random.nextInt(4);
    for (int b = 0; b < batches; b++) {
      try (EngineCluster cluster = open(dir)) {
        traffic(cluster, random, 50 + random.nextInt(400));
        boolean trimHere = random.nextInt(3) > 0; // drawn in both runs, so both see the same traffic
        if (trim && trimHere) trimmedRecords += cluster.trimDepots();
        traffic(cluster, random, random.nextInt(100));
        if (b == batches - 1) {
          List<String> live = pstates(cluster);
          cluster.module(MODULE).recompute(ProgressListener.NONE);
          assertSame(live, pstates(cluster), "seed " + seed + ": recompute changed the live PStates");
          if (trim) {
            trimmedRecords += cluster.trimDepots();
            assertTrue(trimmedRecords > 0, "seed " + seed + ": nothing was trimmed");
            assertEquals(0, depotRecords(cluster), "seed " + seed + ": every processed record goes");
            cluster.module(MODULE).recompute(ProgressListener.NONE);
            assertSame(live, pstates(cluster), "seed " + seed + ": recompute from the bases alone");
          }
          return live;
        }
      }
    }
    throw new AssertionError("unreachable");
  }

  @Test
  void aDepotTrimmedToItsEndGoesOnFromItsOffsetsAfterARestart(@TempDir Path tmp) {
    Path dir = tmp.resolve("data");
    long before;
    try (EngineCluster cluster = open(dir)) {
      for (int i = 0; i < 20; i++) cluster.module(MODULE).<Incr>depot("*incr").append(new Incr("a", 1, i), AckLevel.ACK);
      cluster.trimDepots();
      assertEquals(0, depotRecords(cluster));
      before = cluster.module(MODULE).<String, List<Long>>query("summary").invoke("a").get(0);
    }
    try (EngineCluster cluster = open(dir)) {
      AppendResult r = cluster.module(MODULE).<Incr>depot("*incr").append(new Incr("a", 1, 20), AckLevel.ACK);
      assertEquals(20, r.offset(), "offsets are never handed out twice");
      assertEquals(before + 1, (long) r.<Long>ack("count"));
      cluster.module(MODULE).recompute(ProgressListener.NONE);
      assertEquals(List.of(before + 1, 21L), cluster.module(MODULE).query("summary").invoke("a"));
    }
    DataCheck.Report report = DataCheck.check(dir, new CounterModule(), true, ProgressListener.NONE);
    assertTrue(report.ok(), report.problems().toString());
  }

  @Test
  void recordsNotYetProcessedByEveryTopologyAreKept(@TempDir Path tmp) {
    Path dir = tmp.resolve("data");
    try (EngineCluster cluster = open(dir)) {
      traffic(cluster, new Random(seed), 200);
      ModuleRuntime rt = runtime(cluster);
      // Pretend partition 0's count topology is behind: its mark says so, as after a crash.
      DepotInfo incr = rt.layout.depot("*incr");
      long end = incr.nextOffset[0];
      assertTrue(end > 10, "seed " + seed);
      try (Batch b = rt.storage.newBatch()) {
        b.put(Space.META, Keys.markKey("count", "*incr", 0), Keys.longBytes(4));
        rt.storage.write(b, false);
      }
      BaseBuild.run(rt.storage, rt.layout, 0);
      assertEquals(5, Bases.depotStart(rt.storage, incr, 0), "offset 5 on is not processed, so it stays");
      assertEquals(end - 5, rt.storage.scan(Space.DEPOT, Keys.depot(incr.id, 0, 0), Keys.depotEnd(incr.id, 0),
          100_000).size());
    }
  }

  // invariant: kill -9 between any two writes of a trim, then relaunch = the state before the trim
  @Test
  void aCrashBetweenAnyTwoWritesOfATrimLosesNothing(@TempDir Path tmp) {
    crashEverywhere(tmp, cluster -> cluster.trimDepots());
  }

  // invariant: kill -9 between any two writes of a recompute's restore, then relaunch = the state before
  @Test
  void aCrashBetweenAnyTwoWritesOfARecomputeFromABaseLosesNothing(@TempDir Path tmp) {
    crashEverywhere(tmp, cluster -> cluster.module(MODULE).recompute(ProgressListener.NONE));
  }

  private void crashEverywhere(Path tmp, java.util.function.Consumer<EngineCluster> step) {
    for (int writes = 0; ; writes++) {
      Path dir = tmp.resolve("crash" + writes);
      nextId = 0;
      List<String> expected;
      try (EngineCluster cluster = open(dir)) {
        traffic(cluster, new Random(seed), 300);
        cluster.trimDepots();
        traffic(cluster, new Random(seed + 1), 300);
        expected = pstates(cluster);
      }
      CrashAfterWrites[] storage = new CrashAfterWrites[1];
      try (EngineCluster cluster = new EngineCluster(config(dir), d -> storage[0] = new CrashAfterWrites(new RocksStorage(d)))) {
        cluster.launch(new CounterModule());
        storage[0].arm(writes);
        try {
          step.accept(cluster);
        } catch (RuntimeException e) {
          assertTrue(storage[0].crashed(), "seed " + seed + ": " + e);
        }
      }
      boolean crashed = storage[0].crashed();
      try (EngineCluster cluster = open(dir)) {
        assertSame(expected, pstates(cluster), "seed " + seed + ": relaunch after a crash at write " + writes);
        traffic(cluster, new Random(seed + 2), 50);
        List<String> live = pstates(cluster);
        cluster.module(MODULE).recompute(ProgressListener.NONE);
        assertSame(live, pstates(cluster), "seed " + seed + ": recompute after a crash at write " + writes);
      }
      DataCheck.Report report = DataCheck.check(dir, new CounterModule(), true, ProgressListener.NONE);
      assertTrue(report.ok(), "seed " + seed + ": " + report.problems());
      if (!crashed) return; // the step finished before the armed write: every point was tried
    }
  }

  @Test
  void checkPassesATrimmedDirectoryAndStillFindsRealDamage(@TempDir Path tmp) {
    Path data = tmp.resolve("data");
    int held;
    try (EngineCluster cluster = open(data)) {
      traffic(cluster, new Random(seed), 400);
      cluster.trimDepots();
      traffic(cluster, new Random(seed + 1), 200);
      held = depotRecords(cluster);
    }
    DataCheck.Report ok = DataCheck.check(data, new CounterModule(), true, ProgressListener.NONE);
    assertTrue(ok.ok(), "seed " + seed + ": " + ok.problems());
    assertEquals(held, ok.records());
    Path dir = data.resolve(MODULE);
    // A record above a trimmed start goes missing.
    try (RocksStorage s = new RocksStorage(dir)) {
      KV first = s.scan(Space.DEPOT, new byte[0], null, 1).get(0);
      try (Batch b = s.newBatch()) {
        b.delete(Space.DEPOT, first.key());
        s.write(b, true);
      }
    }
    DataCheck.Report lost = DataCheck.check(data, new CounterModule(), true, ProgressListener.NONE);
    assertFalse(lost.ok(), "a missing record at a trimmed start is damage");
    assertTrue(lost.problems().toString().contains("skips from offset"), lost.problems().toString());
    // A base that lost entries.
    Path other = tmp.resolve("other");
    try (EngineCluster cluster = open(other)) {
      traffic(cluster, new Random(seed), 300);
      cluster.trimDepots();
    }
    try (RocksStorage s = new RocksStorage(other.resolve(MODULE))) {
      KV entry = s.scan(Space.BASE, Bases.tagged(0, 1, Bases.ENTRY_TAG, new byte[0]), null, 1).get(0);
      try (Batch b = s.newBatch()) {
        b.delete(Space.BASE, entry.key());
        s.write(b, true);
      }
    }
    DataCheck.Report base = DataCheck.check(other, new CounterModule(), true, ProgressListener.NONE);
    assertTrue(base.problems().toString().contains("PState entries, but"), base.problems().toString());
  }

  @Test
  void aLaunchRefusesDataWhoseTaskNeedsRecordsThatWereTrimmed(@TempDir Path tmp) {
    try (EngineCluster cluster = open(tmp)) {
      traffic(cluster, new Random(seed), 200);
      cluster.trimDepots();
    }
    // As if the PStates and marks came from an older copy than the depots: records they lack are gone.
    try (RocksStorage s = new RocksStorage(tmp.resolve(MODULE))) {
      try (Batch b = s.newBatch()) {
        b.delete(Space.META, Keys.markKey("count", "*incr", 1));
        s.write(b, true);
      }
    }
    String message = assertThrows(coedit.engine.DataDamagedException.class, () -> open(tmp).close()).getMessage();
    assertTrue(message.contains("was trimmed below"), message);
    DataCheck.Report report = DataCheck.check(tmp, new CounterModule(), true, ProgressListener.NONE);
    assertTrue(report.problems().toString().contains("are gone"), report.problems().toString());
  }

  @Test
  void backupRestoreAndRepartitionOfATrimmedDirectoryKeepEveryCount(@TempDir Path tmp) {
    Path data = tmp.resolve("data");
    Path backup = tmp.resolve("backup");
    List<Object> summaries = new ArrayList<>();
    try (EngineCluster cluster = open(data)) {
      traffic(cluster, new Random(seed), 500);
      assertTrue(cluster.trimDepots() > 0);
      traffic(cluster, new Random(seed + 1), 200);
      for (int k = 0; k < 12; k++) summaries.add(cluster.module(MODULE).query("summary").invoke("k" + k));
      cluster.backup(backup);
    }
    try (EngineCluster restored = open(backup)) {
      for (int k = 0; k < 12; k++) assertEquals(summaries.get(k), restored.module(MODULE).query("summary").invoke("k" + k));
    }
    assertTrue(DataCheck.check(backup, new CounterModule(), true, ProgressListener.NONE).ok());
    Path wider = tmp.resolve("wider");
    Repartition.run(data, wider, new CounterModule(), 5, ProgressListener.NONE);
    DataCheck.Report report = DataCheck.check(wider, new CounterModule(), true, ProgressListener.NONE);
    assertTrue(report.ok(), "seed " + seed + ": " + report.problems());
    EngineConfig five = config(wider).withPartitions(5);
    try (EngineCluster cluster = new EngineCluster(five)) {
      cluster.launch(new CounterModule());
      for (int k = 0; k < 12; k++) {
        assertEquals(summaries.get(k), cluster.module(MODULE).query("summary").invoke("k" + k), "seed " + seed + " k" + k);
      }
      cluster.module(MODULE).recompute(ProgressListener.NONE);
      for (int k = 0; k < 12; k++) assertEquals(summaries.get(k), cluster.module(MODULE).query("summary").invoke("k" + k));
    }
  }

  @Test
  void withTrimmingOnTheEngineTrimsByItselfOnceEnoughRecordsAreAboveTheBase(@TempDir Path tmp) throws Exception {
    EngineConfig c = config(tmp).withTrimming(DepotTrimming.on().withMinRecords(100).withCheckEvery(Duration.ofMillis(20)));
    try (EngineCluster cluster = new EngineCluster(c)) {
      cluster.launch(new CounterModule());
      traffic(cluster, new Random(seed), 1_000);
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (runtime(cluster).trimmer.trimmed == 0 && System.nanoTime() < deadline) Thread.sleep(20);
      assertTrue(runtime(cluster).trimmer.trimmed > 0, "the trimmer never trimmed");
    }
    try (EngineCluster cluster = new EngineCluster(config(tmp))) {
      cluster.launch(new CounterModule());
      ModuleRuntime rt = runtime(cluster);
      long appended = 0;
      long trimmed = 0;
      for (DepotInfo d : rt.layout.depots.values()) {
        for (int p = 0; p < rt.partitions(); p++) {
          appended += d.nextOffset[p];
          trimmed += Bases.depotStart(rt.storage, d, p);
        }
      }
      assertTrue(trimmed > 0);
      assertEquals(appended - trimmed, depotRecords(cluster), "exactly the records below each start are gone");
    }
  }
}
