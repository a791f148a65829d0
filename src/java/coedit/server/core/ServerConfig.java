package coedit.server.core;

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
 */
public record ServerConfig(String host, int port, long maxBodyBytes, int maxDocumentLength, long sendBufferBytes,
    long heartbeatMillis, long timeoutMillis, int maxHistoryEntries, long maxHistoryBytes, int textCatchUpEntries) {

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
  }

  public static ServerConfig defaults() {
    return new ServerConfig("127.0.0.1", 8080, 1 << 20, 10_000_000, 1 << 20, 15_000, 45_000, 1_000, 1 << 20, 100);
  }

  public ServerConfig withHost(String h) {
    return new ServerConfig(h, port, maxBodyBytes, maxDocumentLength, sendBufferBytes, heartbeatMillis, timeoutMillis, maxHistoryEntries, maxHistoryBytes, textCatchUpEntries);
  }

  public ServerConfig withPort(int p) {
    return new ServerConfig(host, p, maxBodyBytes, maxDocumentLength, sendBufferBytes, heartbeatMillis, timeoutMillis, maxHistoryEntries, maxHistoryBytes, textCatchUpEntries);
  }

  public ServerConfig withLimits(long body, int document, long sendBuffer) {
    return new ServerConfig(host, port, body, document, sendBuffer, heartbeatMillis, timeoutMillis, maxHistoryEntries, maxHistoryBytes, textCatchUpEntries);
  }

  public ServerConfig withHeartbeat(long heartbeat, long timeout) {
    return new ServerConfig(host, port, maxBodyBytes, maxDocumentLength, sendBufferBytes, heartbeat, timeout, maxHistoryEntries, maxHistoryBytes, textCatchUpEntries);
  }

  public ServerConfig withHistory(int maxEntries, int textCatchUp) {
    return new ServerConfig(host, port, maxBodyBytes, maxDocumentLength, sendBufferBytes, heartbeatMillis, timeoutMillis, maxEntries, maxHistoryBytes, textCatchUp);
  }

  /** History pages of at most {@code entries} entries and {@code bytes} bytes. */
  public ServerConfig withHistoryPage(int entries, long bytes) {
    return new ServerConfig(host, port, maxBodyBytes, maxDocumentLength, sendBufferBytes, heartbeatMillis, timeoutMillis, entries, bytes, textCatchUpEntries);
  }
}
