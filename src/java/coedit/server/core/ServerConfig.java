package coedit.server.core;

import coedit.server.auth.TokenVerifier;
import coedit.server.limits.Limits;
import java.util.List;

/**
 * Everything the server can be told, with the defaults of docs/protocol.md.
 *
 * @param host interface to bind ({@code 127.0.0.1} by default; {@code 0.0.0.0} for all)
 * @param port TCP port, 0 for any free port
 * @param maxBodyBytes largest HTTP body and largest live-protocol frame, in bytes
 * @param maxDocumentLength largest document, in code points
 * @param sendBufferBytes unsent data allowed per live connection before it is dropped as a slow reader
 * @param heartbeatMillis how often the server pings live connections
 * @param timeoutMillis silence after which a live connection is considered dead
 * @param maxHistoryEntries most entries one history page holds
 * @param maxHistoryBytes most bytes of entries one history page holds (a page always holds
 *        at least one entry, so an entry larger than this is served alone)
 * @param textCatchUpEntries how far behind a {@code textOk} joiner must be to get the text instead
 * @param verifier checks bearer tokens; null runs the server open (no authentication)
 * @param allowedOrigins browser origins allowed besides the server's own ({@code https://app.example});
 *     {@code "*"} allows every origin
 * @param insecureOpen run open on a non-loopback address anyway (otherwise the server refuses to start)
 * @param limits what one client may cost (rates, connection counts)
 */
public record ServerConfig(String host, int port, long maxBodyBytes, int maxDocumentLength, long sendBufferBytes,
    long heartbeatMillis, long timeoutMillis, int maxHistoryEntries, long maxHistoryBytes, int textCatchUpEntries,
    TokenVerifier verifier, List<String> allowedOrigins, boolean insecureOpen, Limits limits) {

  public ServerConfig {
    if (port < 0 || port > 65535) throw new IllegalArgumentException("port must be 0..65535, not " + port);
    if (maxBodyBytes < 1024) throw new IllegalArgumentException("max body must be at least 1024 bytes");
    if (maxDocumentLength < 1) throw new IllegalArgumentException("max document length must be positive");
    if (sendBufferBytes < 1024) throw new IllegalArgumentException("send buffer must be at least 1024 bytes");
    if (maxHistoryEntries < 1) throw new IllegalArgumentException("a history page must hold at least 1 entry");
    if (maxHistoryBytes < 1024) throw new IllegalArgumentException("a history page must allow at least 1024 bytes");
    if (heartbeatMillis < 10 || timeoutMillis <= heartbeatMillis) {
      throw new IllegalArgumentException("need 10 <= heartbeat < timeout (ms), got " + heartbeatMillis + " and " + timeoutMillis);
    }
    allowedOrigins = List.copyOf(allowedOrigins);
    if (limits == null) throw new IllegalArgumentException("limits must be given (Limits.unlimited() for none)");
  }

  public static ServerConfig defaults() {
    return new ServerConfig("127.0.0.1", 8080, 1 << 20, 10_000_000, 1 << 20, 15_000, 45_000, 1_000, 1 << 20, 100,
        null, List.of(), false, Limits.defaults());
  }

  public ServerConfig withHost(String h) {
    return new ServerConfig(h, port, maxBodyBytes, maxDocumentLength, sendBufferBytes, heartbeatMillis, timeoutMillis,
        maxHistoryEntries, maxHistoryBytes, textCatchUpEntries, verifier, allowedOrigins, insecureOpen, limits);
  }

  public ServerConfig withPort(int p) {
    return new ServerConfig(host, p, maxBodyBytes, maxDocumentLength, sendBufferBytes, heartbeatMillis, timeoutMillis,
        maxHistoryEntries, maxHistoryBytes, textCatchUpEntries, verifier, allowedOrigins, insecureOpen, limits);
  }

  public ServerConfig withLimits(long body, int document, long sendBuffer) {
    return new ServerConfig(host, port, body, document, sendBuffer, heartbeatMillis, timeoutMillis,
        maxHistoryEntries, maxHistoryBytes, textCatchUpEntries, verifier, allowedOrigins, insecureOpen, limits);
  }

  public ServerConfig withHeartbeat(long heartbeat, long timeout) {
    return new ServerConfig(host, port, maxBodyBytes, maxDocumentLength, sendBufferBytes, heartbeat, timeout,
        maxHistoryEntries, maxHistoryBytes, textCatchUpEntries, verifier, allowedOrigins, insecureOpen, limits);
  }

  public ServerConfig withHistory(int maxEntries, int textCatchUp) {
    return new ServerConfig(host, port, maxBodyBytes, maxDocumentLength, sendBufferBytes, heartbeatMillis, timeoutMillis,
        maxEntries, maxHistoryBytes, textCatchUp, verifier, allowedOrigins, insecureOpen, limits);
  }

  /** History pages of at most {@code entries} entries and {@code bytes} bytes. */
  public ServerConfig withHistoryPage(int entries, long bytes) {
    return new ServerConfig(host, port, maxBodyBytes, maxDocumentLength, sendBufferBytes, heartbeatMillis, timeoutMillis,
        entries, bytes, textCatchUpEntries, verifier, allowedOrigins, insecureOpen, limits);
  }

  /** Requires bearer tokens checked by {@code v} (null: open). */
  public ServerConfig withAuth(TokenVerifier v) {
    return new ServerConfig(host, port, maxBodyBytes, maxDocumentLength, sendBufferBytes, heartbeatMillis, timeoutMillis,
        maxHistoryEntries, maxHistoryBytes, textCatchUpEntries, v, allowedOrigins, insecureOpen, limits);
  }

  public ServerConfig withAllowedOrigins(List<String> origins) {
    return new ServerConfig(host, port, maxBodyBytes, maxDocumentLength, sendBufferBytes, heartbeatMillis, timeoutMillis,
        maxHistoryEntries, maxHistoryBytes, textCatchUpEntries, verifier, origins, insecureOpen, limits);
  }

  public ServerConfig withInsecureOpen(boolean yes) {
    return new ServerConfig(host, port, maxBodyBytes, maxDocumentLength, sendBufferBytes, heartbeatMillis, timeoutMillis,
        maxHistoryEntries, maxHistoryBytes, textCatchUpEntries, verifier, allowedOrigins, yes, limits);
  }

  public ServerConfig withRateLimits(Limits l) {
    return new ServerConfig(host, port, maxBodyBytes, maxDocumentLength, sendBufferBytes, heartbeatMillis, timeoutMillis,
        maxHistoryEntries, maxHistoryBytes, textCatchUpEntries, verifier, allowedOrigins, insecureOpen, l);
  }
}
