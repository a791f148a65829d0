package coedit.engine;

import java.util.Objects;

/**
 * How an engine, or one launched module, is doing. {@code detail} says why when it is not
 * running (the failure, or that it was closed); it is never null.
 */
public record Health(State state, String detail) {

  /** The states in the order they happen; FAILED and CLOSED are final. */
  public enum State {
    /** Opening storage, replaying unprocessed records, joining its cluster. */
    STARTING,
    /** Accepting appends, processing, answering reads. */
    RUNNING,
    /** A failure it cannot recover from in this process (see {@link Cluster#onFailure}). */
    FAILED,
    /** Closed by its owner. */
    CLOSED
  }

  public Health {
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(detail, "detail");
  }

  public static final Health RUNNING = new Health(State.RUNNING, "running");

  public boolean isRunning() {
    return state == State.RUNNING;
  }
}
