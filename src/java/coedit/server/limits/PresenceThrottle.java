package coedit.server.limits;

/**
 * Spaces one connection's presence broadcasts at least {@code 1/rate} apart. A caller that
 * is told to wait keeps the latest update and delivers it when the wait is over, so a
 * flood of thousands of updates a second costs the others {@code rate} messages a second
 * and the last position is never lost.
 */
public final class PresenceThrottle {
  private final long intervalNanos;
  private long next;

  /** {@code perSecond} 0: no spacing. */
  public PresenceThrottle(int perSecond) {
    this.intervalNanos = perSecond <= 0 ? 0 : 1_000_000_000L / perSecond;
  }

  /** 0 when a broadcast may go now (and takes the slot), else nanoseconds until the next slot. */
  public synchronized long admit(long nowNanos) {
    if (intervalNanos == 0) return 0;
    long wait = next - nowNanos;
    if (wait > 0) return wait;
    next = nowNanos + intervalNanos;
    return 0;
  }
}
