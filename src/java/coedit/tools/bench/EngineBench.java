package coedit.tools.bench;

import coedit.engine.AckLevel;
import coedit.engine.Cluster;
import coedit.engine.Codecs;
import coedit.engine.Depot;
import coedit.engine.DepotRecord;
import coedit.engine.EngineConfig;
import coedit.engine.FsyncPolicy;
import coedit.engine.MapRef;
import coedit.engine.MapStore;
import coedit.engine.Module;
import coedit.engine.ModuleBuilder;
import coedit.engine.ModuleInstance;
import coedit.engine.Processor;
import coedit.engine.StorageKind;
import coedit.engine.TaskContext;
import coedit.engine.embedded.Engine;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * Engine micro-benchmark: one writer thread pipelining appends with {@link AckLevel#ACK}
 * (up to {@code inFlight} outstanding) through a trivial module (one map put per record),
 * then one writer doing append-wait-append for latency.
 *
 * <pre>java -cp CLASSPATH coedit.tools.bench.EngineBench [records=1000000] [inFlight=20000]
 *     [partitions=4] [threads=2] [fsync=ALWAYS_GROUP_COMMIT] [storage=ROCKSDB]</pre>
 */
public final class EngineBench {

  private EngineBench() {}

  /** {@code *ticks} of longs partitioned by value; {@code $$last} maps each value to itself. */
  static final class TrivialModule implements Module {
    @Override
    public String name() {
      return "bench";
    }

    @Override
    public void define(ModuleBuilder b) {
      var ticks = b.depot("*ticks", Codecs.longs(), v -> v);
      MapRef<Long, Long> last = b.map("$$last", Codecs.longs(), Codecs.longs());
      b.stream("put", ticks, () -> new Processor<Long>() {
        private MapStore<Long, Long> store;

        @Override
        public void init(TaskContext ctx) {
          store = ctx.store(last);
        }

        @Override
        public Object process(DepotRecord<Long> r) {
          store.put(r.value(), r.offset());
          return null;
        }
      });
    }
  }

  public static void main(String[] args) throws Exception {
    long records = args.length > 0 ? Long.parseLong(args[0]) : 1_000_000;
    int inFlight = args.length > 1 ? Integer.parseInt(args[1]) : 20_000;
    int partitions = args.length > 2 ? Integer.parseInt(args[2]) : 4;
    int threads = args.length > 3 ? Integer.parseInt(args[3]) : 2;
    FsyncPolicy fsync =
        args.length > 4 ? FsyncPolicy.valueOf(args[4]) : FsyncPolicy.ALWAYS_GROUP_COMMIT;
    StorageKind storage =
        args.length > 5 ? StorageKind.valueOf(args[5]) : StorageKind.ROCKSDB;
    Path dir = Files.createTempDirectory("coedit-bench-");
    EngineConfig config = EngineConfig.defaults(dir).withPartitions(partitions)
        .withTaskThreads(threads).withFsync(fsync).withStorage(storage);
    try (Cluster cluster = Engine.open(config)) {
      ModuleInstance m = cluster.launch(new TrivialModule());
      Depot<Long> depot = m.depot("*ticks");
      pipelined(depot, Math.min(records, 100_000), inFlight);
      System.out.printf("config: %s%n", config);
      pipelined(depot, records, inFlight);
      sequential(depot, 20_000);
      proxyLag(m, depot, 5_000);
    } finally {
      try (Stream<Path> files = Files.walk(dir)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  private static void pipelined(Depot<Long> depot, long records, int inFlight) throws Exception {
    Semaphore window = new Semaphore(inFlight);
    CountDownLatch done = new CountDownLatch(1);
    AtomicLong completed = new AtomicLong();
    AtomicLong failed = new AtomicLong();
    long start = System.nanoTime();
    for (long i = 0; i < records; i++) {
      window.acquire();
      depot.appendAsync(i, AckLevel.ACK).whenComplete((r, e) -> {
        if (e != null) {
          failed.incrementAndGet();
        }
        window.release();
        if (completed.incrementAndGet() == records) {
          done.countDown();
        }
      });
    }
    done.await();
    double secs = (System.nanoTime() - start) / 1e9;
    System.out.printf("pipelined ACK appends: %d records in %.2f s = %.0f records/s (%d failed,"
        + " %d in flight max)%n", records, secs, records / secs, failed.get(), inFlight);
  }

  /** Append -> ACK, and commit -> proxy callback, for one watched key. */
  private static void proxyLag(ModuleInstance m, Depot<Long> depot, int records)
      throws InterruptedException {
    long[] ackAt = new long[records];
    long[] lag = new long[records];
    java.util.concurrent.atomic.AtomicInteger seen = new java.util.concurrent.atomic.AtomicInteger();
    java.util.concurrent.LinkedBlockingQueue<Long> delivered =
        new java.util.concurrent.LinkedBlockingQueue<>();
    try (var proxy = m.<Long, Long>map("$$last").watch(7L, coedit.engine.ProxyListener.of(
        (now, diff, old) -> delivered.add(System.nanoTime()), current -> seen.incrementAndGet()))) {
      for (int i = 0; i < records; i++) {
        long t = System.nanoTime();
        depot.append(7L, AckLevel.ACK);
        ackAt[i] = System.nanoTime() - t;
        Long at = delivered.poll(5, java.util.concurrent.TimeUnit.SECONDS);
        lag[i] = at == null ? Long.MAX_VALUE : Math.max(0, at - t);
      }
    }
    Arrays.sort(ackAt);
    Arrays.sort(lag);
    System.out.printf("watched key: append->ACK p50 %.3f ms p99 %.3f ms; append->proxy callback"
        + " p50 %.3f ms p99 %.3f ms (%d resyncs)%n", ackAt[records / 2] / 1e6,
        ackAt[records * 99 / 100] / 1e6, lag[records / 2] / 1e6, lag[records * 99 / 100] / 1e6,
        seen.get());
  }

  private static void sequential(Depot<Long> depot, int records) {
    long[] lat = new long[records];
    long start = System.nanoTime();
    for (int i = 0; i < records; i++) {
      long t = System.nanoTime();
      depot.append((long) i, AckLevel.ACK);
      lat[i] = System.nanoTime() - t;
    }
    double secs = (System.nanoTime() - start) / 1e9;
    Arrays.sort(lat);
    System.out.printf("sequential ACK appends: %.0f records/s, latency p50 %.3f ms, p99 %.3f ms%n",
        records / secs, lat[records / 2] / 1e6, lat[records * 99 / 100] / 1e6);
  }
}
