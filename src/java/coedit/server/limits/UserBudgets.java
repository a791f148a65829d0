package coedit.server.limits;

import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/**
 * The {@link SubmitBudget} of every user who submitted lately (keyed by user, or by remote
 * address for anonymous HTTP callers). Budgets that have filled up again are forgotten, so
 * the map holds only users active in the last few seconds.
 */
public final class UserBudgets {
  private static final int SWEEP_EVERY = 1024;
  private final Limits limits;
  private final long maxMessageBytes;
  private final Map<String, SubmitBudget> budgets = new HashMap<>();
  private int calls;

  public UserBudgets(Limits limits, long maxMessageBytes) {
    this.limits = limits;
    this.maxMessageBytes = maxMessageBytes;
  }

  /** Takes one submission of {@code bytes} from {@code key}'s budget; 0 or milliseconds to wait. */
  public long take(String key, long bytes, long nowNanos) {
    if (limits.userSubmitsPerSecond() == 0 && limits.userInsertBytesPerSecond() == 0) return 0;
    SubmitBudget b;
    synchronized (this) {
      if (++calls % SWEEP_EVERY == 0) sweep(nowNanos);
      b = budgets.computeIfAbsent(key, k -> new SubmitBudget(limits.userSubmitsPerSecond(),
          limits.userInsertBytesPerSecond(), maxMessageBytes, nowNanos));
    }
    return b.take(bytes, nowNanos);
  }

  synchronized int size() {
    return budgets.size();
  }

  private void sweep(long now) {
    for (Iterator<SubmitBudget> it = budgets.values().iterator(); it.hasNext(); ) {
      if (it.next().idle(now)) it.remove();
    }
  }
}
