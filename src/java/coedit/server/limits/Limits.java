package coedit.server.limits;

/**
 * Every per-client limit of the server (docs/protocol.md, "Limits"); 0 turns a limit off.
 *
 * @param connectionSubmitsPerSecond submissions per second one live connection may make
 * @param userSubmitsPerSecond submissions per second one user may make over all connections and HTTP
 * @param connectionInsertBytesPerSecond inserted UTF-8 bytes per second per live connection
 * @param userInsertBytesPerSecond inserted UTF-8 bytes per second per user
 * @param presencePerSecond presence updates per second a connection's others receive (the rest coalesce)
 * @param joinsPerConnection join attempts one connection may make (one connection edits one document)
 * @param connectionsPerUser live connections one user may hold at once
 * @param connectionsPerAddress live connections one remote address may hold at once
 * @param connectionsTotal live connections the server holds at once
 */
public record Limits(int connectionSubmitsPerSecond, int userSubmitsPerSecond, long connectionInsertBytesPerSecond,
    long userInsertBytesPerSecond, int presencePerSecond, int joinsPerConnection, int connectionsPerUser,
    int connectionsPerAddress, int connectionsTotal) {

  public Limits {
    if (connectionSubmitsPerSecond < 0 || userSubmitsPerSecond < 0 || connectionInsertBytesPerSecond < 0
        || userInsertBytesPerSecond < 0 || presencePerSecond < 0 || joinsPerConnection < 0 || connectionsPerUser < 0
        || connectionsPerAddress < 0 || connectionsTotal < 0) {
      throw new IllegalArgumentException("limits must not be negative (0 turns one off)");
    }
  }

  /**
   * The defaults: far above a person typing (a typist makes a few submissions a second: the
   * clients keep one in flight and batch the rest) and far below what one client could
   * otherwise push (hundreds of submissions and tens of thousands of presence messages a
   * second).
   */
  public static Limits defaults() {
    return new Limits(30, 100, 256 * 1024, 1024 * 1024, 20, 8, 32, 256, 10_000);
  }

  /** No limit at all (benchmarks that drive the server from one address). */
  public static Limits unlimited() {
    return new Limits(0, 0, 0, 0, 0, 0, 0, 0, 0);
  }

  public Limits withSubmits(int perConnection, int perUser) {
    return new Limits(perConnection, perUser, connectionInsertBytesPerSecond, userInsertBytesPerSecond,
        presencePerSecond, joinsPerConnection, connectionsPerUser, connectionsPerAddress, connectionsTotal);
  }

  public Limits withInsertBytes(long perConnection, long perUser) {
    return new Limits(connectionSubmitsPerSecond, userSubmitsPerSecond, perConnection, perUser,
        presencePerSecond, joinsPerConnection, connectionsPerUser, connectionsPerAddress, connectionsTotal);
  }

  public Limits withPresence(int perSecond) {
    return new Limits(connectionSubmitsPerSecond, userSubmitsPerSecond, connectionInsertBytesPerSecond,
        userInsertBytesPerSecond, perSecond, joinsPerConnection, connectionsPerUser, connectionsPerAddress, connectionsTotal);
  }

  public Limits withJoins(int perConnection) {
    return new Limits(connectionSubmitsPerSecond, userSubmitsPerSecond, connectionInsertBytesPerSecond,
        userInsertBytesPerSecond, presencePerSecond, perConnection, connectionsPerUser, connectionsPerAddress, connectionsTotal);
  }

  public Limits withConnections(int perUser, int perAddress, int total) {
    return new Limits(connectionSubmitsPerSecond, userSubmitsPerSecond, connectionInsertBytesPerSecond,
        userInsertBytesPerSecond, presencePerSecond, joinsPerConnection, perUser, perAddress, total);
  }
}
