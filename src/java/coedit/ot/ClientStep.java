package coedit.ot;

/**
 * One transition of a {@link ClientState}: the next state, the change to send to the server
 * (null: nothing to send) and the change to apply to the local text (null: nothing).
 */
public record ClientStep(ClientState next, Change toSend, Change toApply) {
  public ClientStep {
    if (next == null) throw new IllegalArgumentException("a client step needs a next state");
  }
}
