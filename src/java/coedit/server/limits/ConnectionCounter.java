package coedit.server.limits;

import java.util.HashMap;
import java.util.Map;

/**
 * Live connections counted in total, per remote address (at the upgrade) and per user (at
 * the join, once the user is known). Each admission is paired with exactly one release.
 */
public final class ConnectionCounter {
  private final Limits limits;
  private final Map<String, Integer> perAddress = new HashMap<>();
  private final Map<String, Integer> perUser = new HashMap<>();
  private int total;

  public ConnectionCounter(Limits limits) {
    this.limits = limits;
  }

  /** Why one more connection from {@code address} is refused, or null (without counting it). */
  public synchronized String wouldRefuse(String address) {
    if (over(total, limits.connectionsTotal())) return "the server holds its maximum of " + limits.connectionsTotal() + " connections";
    if (over(perAddress.getOrDefault(address, 0), limits.connectionsPerAddress())) {
      return "address " + address + " holds its maximum of " + limits.connectionsPerAddress() + " connections";
    }
    return null;
  }

  /** Counts a connection from {@code address}; returns why not (and counts nothing) when over a limit. */
  public synchronized String open(String address) {
    String refusal = wouldRefuse(address);
    if (refusal != null) return refusal;
    total++;
    perAddress.merge(address, 1, Integer::sum);
    return null;
  }

  public synchronized void close(String address) {
    total--;
    perAddress.computeIfPresent(address, (k, n) -> n > 1 ? n - 1 : null);
  }

  /** Counts a connection of {@code user}; returns why not (and counts nothing) when over the limit. */
  public synchronized String join(String user) {
    if (over(perUser.getOrDefault(user, 0), limits.connectionsPerUser())) {
      return "user '" + user + "' holds the maximum of " + limits.connectionsPerUser() + " connections";
    }
    perUser.merge(user, 1, Integer::sum);
    return null;
  }

  public synchronized void leave(String user) {
    perUser.computeIfPresent(user, (k, n) -> n > 1 ? n - 1 : null);
  }

  public synchronized int total() {
    return total;
  }

  private static boolean over(int count, int limit) {
    return limit > 0 && count >= limit;
  }
}
