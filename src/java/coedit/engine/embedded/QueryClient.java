package coedit.engine.embedded;

import coedit.engine.EngineException;
import coedit.engine.Partitioner;
import coedit.engine.Query;
import coedit.engine.runtime.Futures;
import coedit.engine.topology.Decls;
import java.util.concurrent.CompletableFuture;

/** Runs a query topology on the task owning its argument's partition key. */
final class QueryClient<A, T> implements Query<A, T> {

  private final ModuleRuntime rt;
  private final Decls.Query query;

  QueryClient(ModuleRuntime rt, Decls.Query query) {
    this.rt = rt;
    this.query = query;
  }

  @Override
  public String name() {
    return query.name();
  }

  @Override
  public T invoke(A args) {
    EngineThread.checkMayBlock("Query.invoke");
    return Futures.join(invokeAsync(args));
  }

  @Override
  @SuppressWarnings("unchecked")
  public CompletableFuture<T> invokeAsync(A args) {
    int partition;
    try {
      rt.checkUsable();
      Object key = query.partitionKey().apply(args);
      partition = Partitioner.partition(key, rt.partitions());
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(new IllegalArgumentException("query " + query.name()
          + ": cannot partition arguments " + args + ": " + e.getMessage(), e));
    }
    CompletableFuture<T> f = new CompletableFuture<>();
    rt.call(partition, task -> {
      try {
        f.complete((T) query.handler().handle(args, task.queryContext));
      } catch (RuntimeException | Error e) {
        f.completeExceptionally(new EngineException("query " + query.name() + " failed on"
            + " partition " + task.partition + ": " + e, e));
      }
    }, f);
    return f;
  }
}
