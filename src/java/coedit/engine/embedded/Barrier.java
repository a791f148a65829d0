package coedit.engine.embedded;

import coedit.engine.EngineException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Waits until every record appended before the call is processed and committed: a fence
 * through the writer (so every earlier append is in some inbox) followed by a call queued
 * behind those records on every task thread (calls run after a commit).
 */
final class Barrier {

  private Barrier() {}

  static void await(ModuleRuntime rt, TaskThread[] threads, Duration timeout) {
    CountDownLatch latch = new CountDownLatch(threads.length);
    rt.writer.fence(seq -> {
      for (int i = 0; i < threads.length; i++) {
        rt.call(i, task -> latch.countDown(), new CompletableFuture<>());
      }
    });
    boolean done;
    try {
      done = latch.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new EngineException("interrupted in awaitProcessed", e);
    }
    if (!done) {
      throw new EngineException("module " + rt.name() + ": records appended before awaitProcessed"
          + " were not all processed within " + timeout);
    }
  }
}
