package coedit.engine.embedded;

import coedit.engine.EngineException;
import coedit.engine.ProgressListener;
import coedit.engine.RecomputeReport;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Rebuilds every PState from the depots (from each partition's base where they were
 * trimmed, see {@link BaseRestore}). A fence through the writer fixes the boundary:
 * records below it are replayed by each task (in the order it first saw them), records
 * above it wait in the inboxes and are processed afterwards on the rebuilt state, so no
 * record is missed or applied twice while appends continue.
 */
final class Recompute {

  private static final long REPORT_MILLIS = 250;

  private Recompute() {}

  static RecomputeReport run(ModuleRuntime rt, Task[] tasks, ProgressListener listener) {
    long started = System.nanoTime();
    AtomicLong progress = new AtomicLong();
    AtomicLong total = new AtomicLong(-1);
    AtomicLong errors = new AtomicLong();
    CompletableFuture<?>[] done = new CompletableFuture<?>[tasks.length];
    for (int p = 0; p < tasks.length; p++) {
      done[p] = new CompletableFuture<Void>();
    }
    rt.writer.fence(seq -> {
      long records = 0;
      for (DepotInfo d : rt.layout.depots.values()) {
        if (!d.topologies.isEmpty()) {
          for (int p = 0; p < d.nextOffset.length; p++) {
            records += d.nextOffset[p] - Bases.depotStart(rt.storage, d, p);
          }
        }
      }
      total.set(records);
      for (Task t : tasks) {
        @SuppressWarnings("unchecked")
        CompletableFuture<Void> f = (CompletableFuture<Void>) done[t.partition];
        rt.call(t.partition, task -> {
          try {
            long before = task.errors;
            Replay.recompute(task, seq, progress);
            errors.addAndGet(task.errors - before);
            f.complete(null);
          } catch (RuntimeException e) {
            f.completeExceptionally(e);
          }
        }, f);
      }
    });
    CompletableFuture<Void> all = CompletableFuture.allOf(done);
    while (true) {
      try {
        all.get(REPORT_MILLIS, TimeUnit.MILLISECONDS);
        break;
      } catch (TimeoutException e) {
        listener.onProgress(progress.get(), Math.max(total.get(), progress.get()));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new EngineException("interrupted during recompute of " + rt.name(), e);
      } catch (java.util.concurrent.ExecutionException e) {
        throw new EngineException("recompute of " + rt.name() + " failed: " + e.getCause(),
            e.getCause());
      }
    }
    listener.onProgress(progress.get(), progress.get());
    return new RecomputeReport(progress.get(), errors.get(),
        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
  }
}
