package coedit.engine.embedded;

import coedit.engine.AckLevel;
import coedit.engine.AppendResult;
import coedit.engine.Depot;
import coedit.engine.runtime.Futures;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * Appends from outside the module. The record is encoded and partitioned on the caller's
 * thread (bad records fail at once, before anything is stored), admitted against its
 * partition's queue capacity (waiting up to the append timeout), then handed to the writer.
 */
final class DepotClient<R> implements Depot<R> {

  private final ModuleRuntime rt;
  private final DepotInfo depot;

  DepotClient(ModuleRuntime rt, DepotInfo depot) {
    this.rt = rt;
    this.depot = depot;
  }

  @Override
  public String name() {
    return depot.name;
  }

  @Override
  public int partitionOf(R record) {
    Objects.requireNonNull(record, () -> "record of " + depot.name);
    return depot.partitionOf(record, rt.partitions());
  }

  @Override
  public AppendResult append(R record, AckLevel level) {
    EngineThread.checkMayBlock("Depot.append");
    return Futures.join(appendAsync(record, level));
  }

  @Override
  public CompletableFuture<AppendResult> appendAsync(R record, AckLevel level) {
    PendingAppend p;
    try {
      Objects.requireNonNull(record, () -> "record appended to " + depot.name);
      Objects.requireNonNull(level, () -> "ack level of an append to " + depot.name);
      rt.checkUsable();
      byte[] payload = depot.encode(record);
      int partition = depot.partitionOf(record, rt.partitions());
      rt.admission.acquire(depot.name, partition, !EngineThread.current());
      p = new PendingAppend(depot, partition, payload, record, level, System.currentTimeMillis(),
          new CompletableFuture<>());
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
    CompletableFuture<AppendResult> result = p.future;
    if (level == AckLevel.NONE) {
      result = CompletableFuture.completedFuture(new AppendResult(p.partition, -1, Map.of()));
    }
    rt.writer.submit(p);
    return result;
  }
}
