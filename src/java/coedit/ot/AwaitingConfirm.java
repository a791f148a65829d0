package coedit.ot;

import java.util.ArrayList;
import java.util.List;

/** One change, {@code inFlight}, was sent (made against {@code version}) and awaits its ack. */
public record AwaitingConfirm(long version, Change inFlight) implements ClientState {
  public AwaitingConfirm {
    if (inFlight == null) throw new IllegalArgumentException("in-flight change is null");
  }

  /** Holds the change back in a buffer until the in-flight one is acknowledged. */
  @Override
  public ClientStep applyLocal(Change change) {
    if (change.isEmpty()) return new ClientStep(this, null, null);
    return new ClientStep(new AwaitingWithBuffer(version, inFlight, change), null, null);
  }

  /**
   * The server accepted {@code s} before our in-flight change, so the server will transform
   * ours over it; we do the same and apply {@code s} transformed over ours:
   * <pre>
   *               o   text at version, before anything in flight
   *     inFlight / \ s (accepted first)
   *             o   o
   *  s' (apply)  \ / inFlight' (still in flight)
   *               o   same text on both paths
   * </pre>
   */
  @Override
  public ClientStep applyServer(Change s) {
    Transformed t = Ot.transform(s, inFlight);
    return new ClientStep(new AwaitingConfirm(version + 1, t.incomingPrime()), null, t.acceptedPrime());
  }

  /**
   * The diamond above once per server change, with the in-flight change held as a tree that
   * each server change only touches where it edits.
   */
  @Override
  public ClientRun applyServerRun(List<Change> serverChanges) {
    if (Ot.checked(serverChanges, "server").isEmpty()) return new ClientRun(this, List.of());
    OpTree pending = OpTree.of(TextOperation.fromChange(inFlight));
    List<Change> toApply = new ArrayList<>(serverChanges.size());
    for (Change s : serverChanges) {
      toApply.add(pending.transformAccepted(TextOperation.fromChange(s)).toChange());
    }
    return new ClientRun(
        new AwaitingConfirm(version + serverChanges.size(), pending.toOperation().toChange()), toApply);
  }

  /** Our change is now the server's version {@code newVersion}: nothing is pending. */
  @Override
  public ClientStep serverAck(long newVersion) {
    ClientState.checkAck(this, newVersion);
    return new ClientStep(new Synchronized(newVersion), null, null);
  }
}
