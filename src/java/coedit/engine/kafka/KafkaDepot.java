package coedit.engine.kafka;

import coedit.engine.AckLevel;
import coedit.engine.AppendResult;
import coedit.engine.Depot;
import coedit.engine.EngineException;
import coedit.engine.runtime.Futures;
import coedit.engine.topology.Decls;
import coedit.engine.topology.Depots;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Appends to a depot topic. The record is encoded and placed with the engine's
 * {@link Partitioner} on the caller's thread (bad records fail at once, before anything is
 * sent), admitted against its partition's queue capacity on this instance, then produced
 * with {@code acks=all} to that partition, keyed by its partition key's canonical bytes and
 * headed with this instance's endpoint and a request id, by which the owner answers it.
 */
final class KafkaDepot<R> implements Depot<R> {

  private final KafkaModule module;
  private final Decls.Depot depot;
  private final String topic;

  KafkaDepot(KafkaModule module, Decls.Depot depot) {
    this.module = module;
    this.depot = depot;
    this.topic = module.topic(depot.name());
  }

  @Override
  public String name() {
    return depot.name();
  }

  @Override
  public int partitionOf(R record) {
    Objects.requireNonNull(record, () -> "record of " + depot.name());
    return Depots.partitionOf(depot.ref(), record, module.partitions());
  }

  @Override
  public AppendResult append(R record, AckLevel level) {
    EngineThreads.checkMayBlock("Depot.append");
    return Futures.join(appendAsync(record, level));
  }

  @Override
  public CompletableFuture<AppendResult> appendAsync(R record, AckLevel level) {
    CompletableFuture<AppendResult> future = new CompletableFuture<>();
    byte[] payload;
    byte[] key;
    int partition;
    long id;
    try {
      Objects.requireNonNull(record, () -> "record appended to " + depot.name());
      Objects.requireNonNull(level, () -> "ack level of an append to " + depot.name());
      module.checkUsable();
      payload = Depots.encode(depot.ref(), record);
      partition = Depots.partitionOf(depot.ref(), record, module.partitions());
      key = Depots.keyBytes(depot.ref(), record);
      module.admission.acquire(depot.name(), partition, !EngineThreads.current());
      id = module.cluster.acks.register(module.admission, depot.name(), partition, level,
          future, !module.layout.topologiesByDepot.containsKey(depot.name()));
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
    ProducerRecord<byte[], byte[]> pr = new ProducerRecord<>(topic, partition, null, key,
        payload, Headers.append(module.cluster.endpoint(), id));
    try {
      module.cluster.producer.send(pr, (md, e) -> {
        if (e != null) {
          module.cluster.acks.failed(id, new EngineException("depot " + depot.name()
              + " partition " + partition + ": the append failed and nothing was appended: "
              + e, e));
        } else {
          module.cluster.acks.appended(id, md.offset());
        }
      });
    } catch (RuntimeException e) {
      module.cluster.acks.failed(id, new EngineException("depot " + depot.name()
          + ": cannot send the append: " + e, e));
    }
    if (level == AckLevel.NONE) {
      return CompletableFuture.completedFuture(new AppendResult(partition, -1, Map.of()));
    }
    return future;
  }
}
