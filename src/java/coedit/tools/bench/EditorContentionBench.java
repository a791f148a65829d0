package coedit.tools.bench;

import coedit.editor.EditorConfig;
import coedit.editor.data.EditSubmission;
import coedit.editor.data.SubmitResult;
import coedit.ot.Change;
import coedit.ot.Delete;
import coedit.ot.Insert;
import coedit.tools.bench.EditorBenchmark.Result;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * 64 documents with 4 writers each (256 clients), each client with one submission in flight,
 * as an ot.js client: it submits against the version of its own last ack, which is stale
 * whenever the other three writers got in between, so the module transforms it. Every change
 * inserts 2 code points and deletes at most 1, so a document at version v has at least v code
 * points and each change is valid at its base version. Runs 3 s of warm-up, then measures
 * 10 s: acknowledged submissions per second and ACK latency percentiles.
 */
final class EditorContentionBench {
  private static final int DOCS = 64;
  private static final int WRITERS = 4;
  private static final long WARMUP_NANOS = 3_000_000_000L;
  private static final long MEASURE_NANOS = 10_000_000_000L;

  private EditorContentionBench() {}

  static List<Result> run() throws InterruptedException {
    try (EditorBenchSupport s = new EditorBenchSupport(4, EditorConfig.defaults())) {
      ExecutorService pool = Executors.newFixedThreadPool(2);
      long[] latencies = new long[4_000_000];
      AtomicInteger count = new AtomicInteger();
      AtomicLong stale = new AtomicLong();
      long start = System.nanoTime();
      long measureFrom = start + WARMUP_NANOS;
      long end = measureFrom + MEASURE_NANOS;
      CountDownLatch done = new CountDownLatch(DOCS * WRITERS);
      for (int d = 0; d < DOCS; d++) {
        for (int w = 0; w < WRITERS; w++) {
          Writer writer = new Writer(s, "doc-" + d, "w" + w, pool, latencies, count, stale, measureFrom, end, done);
          pool.execute(writer::next);
        }
      }
      done.await();
      pool.shutdown();
      int n = Math.min(count.get(), latencies.length);
      long[] measured = java.util.Arrays.copyOf(latencies, n);
      return List.of(
          new Result("contended", "acked submissions/s", n / (MEASURE_NANOS / 1e9), "", true),
          new Result("contended", "stale (transformed) share, %", 100.0 * stale.get() / Math.max(1, n), "", true),
          new Result("contended", "ACK latency p50 (ms)", EditorBenchSupport.percentileMillis(measured, 50), "", true),
          new Result("contended", "ACK latency p99 (ms)", EditorBenchSupport.percentileMillis(measured, 99), "", true));
    }
  }

  /** One client: submit, wait for the ack (asynchronously), submit the next. */
  private record Writer(EditorBenchSupport s, String docId, String clientId, ExecutorService pool, long[] latencies,
      AtomicInteger count, AtomicLong stale, long measureFrom, long end, CountDownLatch done, long[] state) {
    Writer(EditorBenchSupport s, String docId, String clientId, ExecutorService pool, long[] latencies,
        AtomicInteger count, AtomicLong stale, long measureFrom, long end, CountDownLatch done) {
      this(s, docId, clientId, pool, latencies, count, stale, measureFrom, end, done, new long[2]);
    }

    void next() {
      long now = System.nanoTime();
      if (now >= end) {
        done.countDown();
        return;
      }
      long seq = state[0]++;
      long base = state[1];
      ThreadLocalRandom random = ThreadLocalRandom.current();
      int at = random.nextInt((int) base + 1);
      Change change = base == 0 ? Change.of(new Insert(0, "ab"))
          : Change.of(new Insert(at, "ab"), new Delete(random.nextInt((int) base + 1), 1));
      s.editor.submit(new EditSubmission(docId, clientId, seq, base, change)).whenCompleteAsync((r, e) -> {
        long t = System.nanoTime();
        if (!(r instanceof SubmitResult.Accepted a)) {
          System.err.println(clientId + " on " + docId + " stopped: " + (e != null ? e : r));
          done.countDown();
          return;
        }
        if (now >= measureFrom && t < end) {
          int i = count.getAndIncrement();
          if (i < latencies.length) latencies[i] = t - now;
          if (a.version() > base + 1) stale.incrementAndGet();
        }
        state[1] = a.version();
        next();
      }, pool);
    }
  }
}
