package coedit.client;

/**
 * What a session shows its user: connectivity plus the number of local edits the server
 * has not acknowledged yet (in flight and pending).
 */
public record Status(Connectivity connectivity, int pending) {
  /** docs/protocol.md, "Client status". */
  public enum Connectivity {
    /** No open connection; edits are kept and sent on reconnect. */
    OFFLINE,
    /** Connected and catching up. */
    SYNCING,
    /** Caught up; new entries arrive as they are accepted. */
    ONLINE
  }

  @Override
  public String toString() {
    return connectivity.name().toLowerCase() + (pending > 0 ? " (" + pending + " pending)" : "");
  }
}
