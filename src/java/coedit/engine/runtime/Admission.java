package coedit.engine.runtime;

import coedit.engine.EngineOverloadedException;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Backpressure: each partition admits at most {@code capacity} client records that are not
 * yet processed and committed. An append waits up to the timeout for room, then fails.
 */
public final class Admission {

  private final Semaphore[] permits;
  private final int capacity;
  private final long timeoutNanos;
  private final String module;

  public Admission(String module, int partitions, int capacity, Duration timeout) {
    this.module = module;
    this.capacity = capacity;
    this.timeoutNanos = timeout.toNanos();
    this.permits = new Semaphore[partitions];
    for (int i = 0; i < partitions; i++) {
      permits[i] = new Semaphore(capacity);
    }
  }

  /**
   * Takes a permit for {@code partition}.
   *
   * @param mayWait false on engine threads, where waiting could deadlock
   */
  public void acquire(String depot, int partition, boolean mayWait) {
    Semaphore s = permits[partition];
    if (s.tryAcquire()) {
      return;
    }
    boolean ok = false;
    if (mayWait) {
      try {
        ok = s.tryAcquire(timeoutNanos, TimeUnit.NANOSECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    if (!ok) {
      throw new EngineOverloadedException("module " + module + ", depot " + depot + ", partition "
          + partition + ": " + capacity + " records are appended and not yet processed (the"
          + " queue capacity); " + (mayWait ? "waited " + Duration.ofNanos(timeoutNanos)
          + " (the append timeout) for room" : "cannot wait on an engine thread")
          + ". The task is behind: retry later.");
    }
  }

  public void release(int partition) {
    permits[partition].release();
  }

  /** Records of {@code partition} admitted and not yet processed (the queue's depth). */
  public int queued(int partition) {
    return capacity - permits[partition].availablePermits();
  }

  /**
   * Registers the depth of every partition's queue as the gauge
   * {@code coedit.engine.queue.depth{module, partition}}.
   */
  public void registerGauges(MeterRegistry registry) {
    for (int p = 0; p < permits.length; p++) {
      int partition = p;
      Gauge.builder("coedit.engine.queue.depth", this, a -> a.queued(partition))
          .description("records appended to the partition and not yet processed")
          .tags("module", module, "partition", Integer.toString(partition))
          .register(registry);
    }
  }
}
