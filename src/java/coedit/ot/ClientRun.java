package coedit.ot;

import java.util.List;

/**
 * A run of server changes integrated by a {@link ClientState}: the next state, and for each
 * server change in order the change to apply to the local text (each after the ones before
 * it). The list is immutable and as long as the run; an entry may be {@link Change#EMPTY}.
 */
public record ClientRun(ClientState next, List<Change> toApply) {
  public ClientRun {
    if (next == null) throw new IllegalArgumentException("a client run needs a next state");
    toApply = List.copyOf(toApply);
  }
}
