package coedit.client;

import java.net.URI;
import java.util.List;

/**
 * Which server a session connects to, among the URLs it was given (the nodes of a cluster,
 * or one load balancer), and how long it waits before the next attempt. Rules:
 * <ul>
 *   <li>Start with the first URL.</li>
 *   <li>When a connection ends or cannot be made, move on to the next URL (round robin): a
 *       node that went away is left at once, and any node serves any document.</li>
 *   <li>After close code 1012 (the node stops or restarts the room) reconnect at once;
 *       otherwise after the backoff (reset once a connection is live again).</li>
 * </ul>
 * Not thread-safe: the session guards it.
 */
final class ServerChoice {
  /** WebSocket close code "service restart": reconnect at once. */
  static final int SERVICE_RESTART = 1012;

  private final List<URI> servers;
  private final Backoff backoff;
  private int current;

  ServerChoice(List<URI> servers, Backoff backoff) {
    if (servers.isEmpty()) throw new IllegalArgumentException("at least one server URL is needed");
    this.servers = List.copyOf(servers);
    this.backoff = backoff;
  }

  /** The server to connect to now. */
  URI current() {
    return servers.get(current);
  }

  /** The connection ended with {@code closeCode} (or could not be made: -1); the delay before the next attempt. */
  long failed(int closeCode) {
    current = (current + 1) % servers.size();
    return closeCode == SERVICE_RESTART ? 0 : backoff.nextDelayMillis();
  }

  /** A connection went live: the next outage starts the backoff from the beginning. */
  void live() {
    backoff.reset();
  }
}
