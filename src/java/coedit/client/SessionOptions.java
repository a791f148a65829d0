package coedit.client;

import java.time.Duration;
import java.util.UUID;

/**
 * How a session presents itself and reconnects. {@code clientId} must be unique per
 * session (the server identifies submissions by user, clientId and seq); the default is
 * random. {@code tokens} supplies bearer tokens for a server that requires them (null:
 * none, for an open server).
 */
public record SessionOptions(String clientId, String name, String colour, Duration minBackoff, Duration maxBackoff,
    Duration openTimeout, TokenProvider tokens) {

  public static SessionOptions defaults() {
    return new SessionOptions("j" + UUID.randomUUID().toString().replace("-", "").substring(0, 16), "", "#888888",
        Duration.ofMillis(250), Duration.ofSeconds(10), Duration.ofSeconds(10), null);
  }

  public SessionOptions withClientId(String id) {
    return new SessionOptions(id, name, colour, minBackoff, maxBackoff, openTimeout, tokens);
  }

  public SessionOptions withName(String n, String c) {
    return new SessionOptions(clientId, n, c, minBackoff, maxBackoff, openTimeout, tokens);
  }

  public SessionOptions withBackoff(Duration min, Duration max) {
    return new SessionOptions(clientId, name, colour, min, max, openTimeout, tokens);
  }

  /** Joins with tokens from {@code provider} (docs/protocol.md, "Authentication"). */
  public SessionOptions withTokens(TokenProvider provider) {
    return new SessionOptions(clientId, name, colour, minBackoff, maxBackoff, openTimeout, provider);
  }
}
