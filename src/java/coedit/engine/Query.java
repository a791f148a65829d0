package coedit.engine;

import java.util.concurrent.CompletableFuture;

/** Client of a query topology: a function that runs on the task owning its argument. */
public interface Query<A, T> {

  String name();

  /** Runs the query; a handler's exception is rethrown wrapped in an {@link EngineException}. */
  T invoke(A args);

  CompletableFuture<T> invokeAsync(A args);
}
