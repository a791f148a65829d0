package coedit.tools.bench;

import coedit.editor.EditorConfig;
import coedit.editor.data.EditSubmission;
import coedit.editor.data.SubmitResult;
import coedit.ot.Change;
import coedit.ot.Delete;
import coedit.ot.Insert;
import coedit.tools.bench.EditorBenchmark.Result;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Per-edit cost against document length: one writer pipelines 100,000 single code point
 * inserts and deletes at uniformly random positions into a document of 1,000 and one of
 * 1,000,000 code points (fresh documents, fsync on), alternating sizes over three rounds after
 * a warm-up. Goal: the best 1M round at least half as fast as the best 1k round.
 */
final class EditorDocSizeBench {
  private static final int EDITS = 100_000;

  private EditorDocSizeBench() {}

  static List<Result> run() {
    try (EditorBenchSupport s = new EditorBenchSupport(4, EditorConfig.defaults())) {
      round(s, "warm-up", 1_000);
      double small = 0;
      double large = 0;
      for (int r = 0; r < 3; r++) {
        small = Math.max(small, round(s, "small-" + r, 1_000));
        large = Math.max(large, round(s, "large-" + r, 1_000_000));
      }
      return List.of(
          new Result("docsize", "edits/s on 1,000 code points", small, "", true),
          new Result("docsize", "edits/s on 1,000,000 code points", large, ">= half of 1,000's", large >= small / 2),
          new Result("docsize", "ratio 1M / 1k", large / small, ">= 0.5", large >= small / 2));
    }
  }

  private static double round(EditorBenchSupport s, String docId, int size) {
    Random random = new Random(size);
    StringBuilder initial = new StringBuilder(size);
    for (int i = 0; i < size; i++) initial.append((char) ('a' + random.nextInt(26)));
    submit(s, docId, 0, Change.of(new Insert(0, initial.toString()))).join();
    List<Change> changes = new ArrayList<>(EDITS);
    int length = size;
    for (int i = 0; i < EDITS; i++) {
      if (random.nextBoolean()) {
        changes.add(Change.of(new Insert(random.nextInt(length + 1), "x")));
        length++;
      } else {
        changes.add(Change.of(new Delete(random.nextInt(length), 1)));
        length--;
      }
    }
    Semaphore window = new Semaphore(4096);
    AtomicReference<Object> problem = new AtomicReference<>();
    long start = System.nanoTime();
    for (int i = 0; i < EDITS; i++) {
      window.acquireUninterruptibly();
      submit(s, docId, i + 1, changes.get(i)).whenComplete((r, e) -> {
        window.release();
        if (!(r instanceof SubmitResult.Accepted)) problem.compareAndSet(null, e != null ? e : r);
      });
    }
    window.acquireUninterruptibly(4096);
    double perSecond = EDITS / ((System.nanoTime() - start) / 1e9);
    if (problem.get() != null) throw new IllegalStateException(docId + ": " + problem.get());
    System.out.printf(Locale.ROOT, "%s (%,d code points): %,.0f edits/s%n", docId, size, perSecond);
    return perSecond;
  }

  private static java.util.concurrent.CompletableFuture<SubmitResult> submit(EditorBenchSupport s, String docId,
      long version, Change change) {
    return s.editor.submit(new EditSubmission(docId, "writer", version, version, change));
  }
}
