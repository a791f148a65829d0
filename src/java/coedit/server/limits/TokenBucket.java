package coedit.server.limits;

/**
 * A token bucket: {@code rate} tokens a second, holding at most {@code capacity}; a request
 * takes {@code n} tokens or, when there are not enough, nothing. Rate 0 is unlimited.
 * Thread-safe; time is given by the caller (nanoseconds, monotonic), so tests need no clock.
 */
public final class TokenBucket {
  private final double rate;
  private final double capacity;
  private double tokens;
  private long last;

  /** A full bucket at {@code nowNanos}. */
  public TokenBucket(double rate, double capacity, long nowNanos) {
    this.rate = rate;
    this.capacity = Math.max(capacity, 1);
    this.tokens = this.capacity;
    this.last = nowNanos;
  }

  /** Takes {@code n} tokens; returns 0 when taken, else the milliseconds until they would be there. */
  public synchronized long take(double n, long nowNanos) {
    if (rate <= 0) return 0;
    refill(nowNanos);
    // More than the bucket can ever hold is allowed once it is full, so a single large (but
    // otherwise valid) request is slowed down, not refused forever.
    double need = Math.min(n, capacity);
    if (tokens >= need) {
      tokens -= n;
      return 0;
    }
    return Math.max(1, (long) Math.ceil((need - tokens) / rate * 1000));
  }

  /** Milliseconds until {@code n} tokens would be there (0: now), without taking any. */
  public synchronized long waitFor(double n, long nowNanos) {
    if (rate <= 0) return 0;
    refill(nowNanos);
    double need = Math.min(n, capacity);
    return tokens >= need ? 0 : Math.max(1, (long) Math.ceil((need - tokens) / rate * 1000));
  }

  /** True when the bucket is full again at {@code nowNanos} (it may be forgotten). */
  public synchronized boolean full(long nowNanos) {
    refill(nowNanos);
    return tokens >= capacity;
  }

  private void refill(long now) {
    if (now > last) {
      tokens = Math.min(capacity, tokens + (now - last) / 1e9 * rate);
      last = now;
    }
  }
}
