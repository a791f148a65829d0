package coedit.client;

import java.time.Duration;
import java.util.UUID;

/**
 * How a session presents itself and reconnects. {@code clientId} must be unique per
 * session (the server identifies submissions by clientId and seq); the default is random.
 */
public record SessionOptions(String clientId, String name, String colour, Duration minBackoff, Duration maxBackoff,
    Duration openTimeout) {

  public static SessionOptions defaults() {
    return new SessionOptions("j" + UUID.randomUUID().toString().replace("-", "").substring(0, 16), "", "#888888",
        Duration.ofMillis(250), Duration.ofSeconds(10), Duration.ofSeconds(10));
  }

  public SessionOptions withClientId(String id) {
    return new SessionOptions(id, name, colour, minBackoff, maxBackoff, openTimeout);
  }

  public SessionOptions withName(String n, String c) {
    return new SessionOptions(clientId, n, c, minBackoff, maxBackoff, openTimeout);
  }

  public SessionOptions withBackoff(Duration min, Duration max) {
    return new SessionOptions(clientId, name, colour, min, max, openTimeout);
  }
}
