package coedit.client;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/** Reconnect delays: min, doubling per failed attempt up to max, with ±20 % jitter; reset on success. */
final class Backoff {
  private final long minMillis;
  private final long maxMillis;
  private long next;

  Backoff(Duration min, Duration max) {
    this.minMillis = Math.max(1, min.toMillis());
    this.maxMillis = Math.max(minMillis, max.toMillis());
    this.next = minMillis;
  }

  /** The delay before the next attempt. */
  synchronized long nextDelayMillis() {
    long base = next;
    next = Math.min(maxMillis, next * 2);
    double jitter = 0.8 + 0.4 * ThreadLocalRandom.current().nextDouble();
    return Math.max(1, Math.round(base * jitter));
  }

  synchronized void reset() {
    next = minMillis;
  }
}
