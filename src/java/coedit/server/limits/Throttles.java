package coedit.server.limits;

/**
 * The limits every part of the server shares: the numbers, the per-user budgets, the
 * connection counts and the security log. One instance per server.
 */
public final class Throttles {
  private final Limits limits;
  private final UserBudgets users;
  private final ConnectionCounter connections;
  private final RateLimitedLog log = new RateLimitedLog(20);
  private final long maxMessageBytes;

  public Throttles(Limits limits, long maxMessageBytes) {
    this.limits = limits;
    this.maxMessageBytes = maxMessageBytes;
    this.users = new UserBudgets(limits, maxMessageBytes);
    this.connections = new ConnectionCounter(limits);
  }

  public Limits limits() {
    return limits;
  }

  public UserBudgets users() {
    return users;
  }

  public ConnectionCounter connections() {
    return connections;
  }

  public RateLimitedLog log() {
    return log;
  }

  /** A new live connection's own submission budget. */
  public SubmitBudget connectionBudget(long nowNanos) {
    return new SubmitBudget(limits.connectionSubmitsPerSecond(), limits.connectionInsertBytesPerSecond(),
        maxMessageBytes, nowNanos);
  }

  /** A new live connection's presence spacing. */
  public PresenceThrottle presenceThrottle() {
    return new PresenceThrottle(limits.presencePerSecond());
  }
}
