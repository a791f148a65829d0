package coedit.ot;

import java.util.List;

/** No change awaits acknowledgement: the local text is the server's text at {@code version}. */
public record Synchronized(long version) implements ClientState {

  /** Sends the change at once and awaits its acknowledgement (an empty change is not sent). */
  @Override
  public ClientStep applyLocal(Change change) {
    if (change.isEmpty()) return new ClientStep(this, null, null);
    return new ClientStep(new AwaitingConfirm(version, change), change, null);
  }

  /** Nothing local to transform over: apply the server change as it is. */
  @Override
  public ClientStep applyServer(Change serverChange) {
    return new ClientStep(new Synchronized(version + 1), null, serverChange);
  }

  /** Nothing local: each server change applies as it is. */
  @Override
  public ClientRun applyServerRun(List<Change> serverChanges) {
    Ot.checked(serverChanges, "server");
    return new ClientRun(new Synchronized(version + serverChanges.size()), serverChanges);
  }

  /** A protocol error: nothing is in flight. */
  @Override
  public ClientStep serverAck(long newVersion) {
    throw new IllegalStateException("acknowledgement at version " + newVersion
        + " but this client has no change in flight (synchronized at version " + version + ")");
  }
}
