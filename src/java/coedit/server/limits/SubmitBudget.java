package coedit.server.limits;

/**
 * What one submitter (a connection, or a user) may submit: a bucket of submissions and a
 * bucket of inserted bytes, each holding two seconds' worth (the bytes bucket at least one
 * whole message, so a large paste goes through at the rate instead of never). A submission
 * takes from both or from neither.
 */
public final class SubmitBudget {
  private final TokenBucket submissions;
  private final TokenBucket bytes;

  public SubmitBudget(int submitsPerSecond, long bytesPerSecond, long maxMessageBytes, long nowNanos) {
    this.submissions = new TokenBucket(submitsPerSecond, 2.0 * submitsPerSecond, nowNanos);
    this.bytes = new TokenBucket(bytesPerSecond, Math.max(2.0 * bytesPerSecond, maxMessageBytes), nowNanos);
  }

  /** Takes one submission of {@code insertedBytes}; 0 when allowed, else milliseconds to wait. */
  public synchronized long take(long insertedBytes, long nowNanos) {
    long wait = Math.max(submissions.waitFor(1, nowNanos), bytes.waitFor(insertedBytes, nowNanos));
    if (wait > 0) return wait;
    submissions.take(1, nowNanos);
    bytes.take(insertedBytes, nowNanos);
    return 0;
  }

  /** True when unused long enough to be full again. */
  public synchronized boolean idle(long nowNanos) {
    return submissions.full(nowNanos) && bytes.full(nowNanos);
  }
}
