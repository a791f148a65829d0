package coedit.ot;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code inFlight} awaits its ack, and later local edits are composed into {@code buffer},
 * which follows {@code inFlight} and is sent once that is acknowledged.
 */
public record AwaitingWithBuffer(long version, Change inFlight, Change buffer) implements ClientState {
  public AwaitingWithBuffer {
    if (inFlight == null) throw new IllegalArgumentException("in-flight change is null");
    if (buffer == null) throw new IllegalArgumentException("buffer is null");
  }

  /** Adds the change to the buffer: buffer := compose(buffer, change). */
  @Override
  public ClientStep applyLocal(Change change) {
    if (change.isEmpty()) return new ClientStep(this, null, null);
    return new ClientStep(new AwaitingWithBuffer(version, inFlight, Ot.compose(buffer, change)), null, null);
  }

  /**
   * Transforms {@code s} over the in-flight change, then over the buffer (the server's change
   * is the accepted one both times), and applies what is left of it:
   * <pre>
   *           o                           o   (after inFlight)
   * inFlight / \ s               buffer  / \ s1
   *         o   o                       o   o
   *      s1  \ / inFlight'     s2 (apply)\ / buffer'
   *           o                           o
   * </pre>
   */
  @Override
  public ClientStep applyServer(Change s) {
    Transformed overInFlight = Ot.transform(s, inFlight);
    Transformed overBuffer = Ot.transform(overInFlight.acceptedPrime(), buffer);
    return new ClientStep(
        new AwaitingWithBuffer(version + 1, overInFlight.incomingPrime(), overBuffer.incomingPrime()),
        null, overBuffer.acceptedPrime());
  }

  /**
   * Both diamonds above once per server change, with the in-flight change and the buffer
   * held as trees that each server change only touches where it edits. (Composing the run
   * and transforming both once would not do: the buffer's ties depend on where each server
   * insert sat relative to the text deleted before it, which a composition forgets.)
   */
  @Override
  public ClientRun applyServerRun(List<Change> serverChanges) {
    if (Ot.checked(serverChanges, "server").isEmpty()) return new ClientRun(this, List.of());
    OpTree inFlightOps = OpTree.of(TextOperation.fromChange(inFlight));
    OpTree bufferOps = OpTree.of(TextOperation.fromChange(buffer));
    List<Change> toApply = new ArrayList<>(serverChanges.size());
    for (Change s : serverChanges) {
      TextOperation s1 = inFlightOps.transformAccepted(TextOperation.fromChange(s));
      toApply.add(bufferOps.transformAccepted(s1).toChange());
    }
    return new ClientRun(new AwaitingWithBuffer(version + serverChanges.size(),
        inFlightOps.toOperation().toChange(), bufferOps.toOperation().toChange()), toApply);
  }

  /** The in-flight change was accepted; the buffer (made after it) is sent next. */
  @Override
  public ClientStep serverAck(long newVersion) {
    ClientState.checkAck(this, newVersion);
    if (buffer.isEmpty()) return new ClientStep(new Synchronized(newVersion), null, null);
    return new ClientStep(new AwaitingConfirm(newVersion, buffer), buffer, null);
  }
}
