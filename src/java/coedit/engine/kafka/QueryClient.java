package coedit.engine.kafka;

import coedit.engine.EngineException;
import coedit.engine.Partitioner;
import coedit.engine.Query;
import coedit.engine.runtime.Futures;
import coedit.engine.topology.Decls;
import java.util.concurrent.CompletableFuture;

/**
 * Runs a query topology on the task owning its argument's partition key, under the task's
 * lock: here, or on the owning instance (arguments and result cross as {@link Wire} data).
 */
final class QueryClient<A, T> implements Query<A, T> {

  private final KafkaModule module;
  private final Decls.Query query;

  QueryClient(KafkaModule module, Decls.Query query) {
    this.module = module;
    this.query = query;
  }

  @Override
  public String name() {
    return query.name();
  }

  @Override
  public T invoke(A args) {
    EngineThreads.checkMayBlock("Query.invoke");
    return Futures.join(invokeAsync(args));
  }

  @Override
  @SuppressWarnings("unchecked")
  public CompletableFuture<T> invokeAsync(A args) {
    int partition;
    try {
      module.checkUsable();
      partition = Partitioner.partition(query.partitionKey().apply(args), module.partitions());
    } catch (EngineException e) {
      return CompletableFuture.failedFuture(e);
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(new IllegalArgumentException("query "
          + query.name() + ": cannot partition arguments " + args + ": " + e.getMessage(), e));
    }
    Router.Call remote = new Router.Call(module.name(), "query", partition, query.name(), args,
        null);
    // Served here without a thread hop when this instance owns the partition.
    TaskState t = module.tasks.owned(partition);
    if (t != null && t.caughtUp.isDone() && !EngineThreads.current()) {
      try {
        return CompletableFuture.completedFuture((T) run(partition, args, remote));
      } catch (RuntimeException e) {
        return CompletableFuture.failedFuture(e);
      }
    }
    return CompletableFuture.supplyAsync(() -> (T) run(partition, args, remote),
        module.cluster.callers);
  }

  private Object run(int partition, A args, Router.Call remote) {
    return module.router.run(partition, "query " + query.name(),
        t -> module.runQuery(query, args, t), remote);
  }
}
