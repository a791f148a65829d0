package coedit.ot;

import java.util.List;

/**
 * The client side of the protocol, as pure values (ot.js {@code client.js}): a client is
 * {@link Synchronized} (nothing unacknowledged), {@link AwaitingConfirm} (one change in
 * flight) or {@link AwaitingWithBuffer} (one in flight, later local edits composed into a
 * buffer). Each transition returns the next state and what to send or apply; the caller does
 * the I/O. Server changes are transformed with the server's change as the accepted one, the
 * same tie rule the server uses, so client and server texts converge.
 *
 * <p>Ordering assumption (the server's stream): changes accepted before ours arrive before
 * the acknowledgement of ours, so an ack always names {@code version() + 1}.
 */
public sealed interface ClientState permits Synchronized, AwaitingConfirm, AwaitingWithBuffer {

  /** The last server version this client has integrated. */
  long version();

  /** The user edited locally (the local text already shows {@code change}); may yield a change to send. */
  ClientStep applyLocal(Change change);

  /** Another client's change, accepted at version() + 1; yields it transformed, to apply locally (never null). */
  ClientStep applyServer(Change serverChange);

  /**
   * Other clients' changes, accepted one after another at version() + 1, + 2, ...: the same
   * next state and the same changes to apply as {@link #applyServer} on each in turn (ties
   * included), in O(k + (sum of their sizes) · log k) for k unacknowledged components instead
   * of O(m · k). A client catching up on a run of entries (after being offline, say) uses this.
   */
  ClientRun applyServerRun(List<Change> serverChanges);

  /** Our in-flight change was accepted at {@code newVersion} (must be version() + 1); may yield the buffer to send. */
  ClientStep serverAck(long newVersion);

  /** Checks the ordering assumption of an acknowledgement. */
  static void checkAck(ClientState state, long newVersion) {
    if (newVersion != state.version() + 1) {
      throw new IllegalStateException("acknowledgement at version " + newVersion
          + " but this client has integrated version " + state.version()
          + "; the server changes in between were not delivered first");
    }
  }
}
