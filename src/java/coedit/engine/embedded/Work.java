package coedit.engine.embedded;

import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/** What a task thread does, in inbox order. */
sealed interface Work {

  /**
   * Process one depot record. {@code pending} is the client append waiting for it, or null
   * (records replayed at launch, and records appended by processors).
   */
  record Record(int partition, DepotInfo depot, long offset, long appendTime, Object value,
      PendingAppend pending) implements Work {}

  /**
   * Run {@code body} on the task of {@code partition}, between events, after a commit.
   * {@code future} (nullable) is failed instead if the task stops before running it.
   */
  record Call(int partition, Consumer<Task> body, CompletableFuture<?> future) implements Work {}

  /** Commit, close the processors, and end the thread. */
  record Stop() implements Work {}
}
