package coedit.engine.kafka;

import coedit.engine.CodecException;
import coedit.engine.DepotRecord;
import coedit.engine.EngineException;
import coedit.engine.store.Notice;
import coedit.engine.store.PStateInfo;
import coedit.engine.store.ProxyHub;
import coedit.engine.topology.Decls;
import coedit.engine.topology.Depots;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The Kafka Streams processor of one depot in one task: it runs the module's stream
 * topologies on the depot, one record at a time, as one atomic event each. For every
 * topology it buffers the writes, notices and depot appends of the call and applies them
 * only if the call returns normally; the Kafka stores changelog the applied writes, and the
 * appends are forwarded to the depots' sinks, all in the task's transaction.
 *
 * <p>The owner answers the record's appender as soon as the record is processed, before
 * the transaction commits. That is sound because the depot record was durable first and
 * processors are deterministic: if this owner dies before committing, the next one
 * reprocesses the record to the same result, and answers nothing until it has (see the
 * gate in {@link TaskState}).
 *
 * <p>Module processors are created afresh in every {@link #init}: Streams calls it again
 * when it revives a task from its changelog, and a processor's caches must never be ahead
 * of its state.
 */
final class DepotNode implements Processor<byte[], byte[], byte[], byte[]> {

  private static final System.Logger LOG = System.getLogger(DepotNode.class.getName());

  private final KafkaModule module;
  private final Decls.Depot depot;
  private final List<Decls.Topology> topologies;
  private final List<Notice> notices = new ArrayList<>();
  private final List<EventBuffer.Append> appends = new ArrayList<>();
  private ProcessorContext<byte[], byte[]> ctx;
  private TaskState task;
  private EventBuffer buffer;
  private coedit.engine.Processor<Object>[] processors;
  private RuntimeException[] initErrors;
  private long offset;

  DepotNode(KafkaModule module, Decls.Depot depot, List<Decls.Topology> topologies) {
    this.module = module;
    this.depot = depot;
    this.topologies = topologies;
  }

  @Override
  @SuppressWarnings({"unchecked", "rawtypes"})
  public void init(ProcessorContext<byte[], byte[]> context) {
    EngineThreads.mark();
    this.ctx = context;
    int partition = context.taskId().partition();
    Map<Integer, KeyValueStore<Bytes, byte[]>> stores = new HashMap<>();
    for (PStateInfo info : module.layout.pstates.values()) {
      stores.put(info.id, context.getStateStore(Names.store(info.name)));
    }
    task = module.tasks.open(partition, module.layout.topologiesByDepot.keySet(), stores);
    buffer = new EventBuffer(stores);
    processors = new coedit.engine.Processor[topologies.size()];
    initErrors = new RuntimeException[topologies.size()];
    for (int i = 0; i < topologies.size(); i++) {
      Decls.Topology t = topologies.get(i);
      try {
        coedit.engine.Processor<Object> p =
            (coedit.engine.Processor<Object>) t.supplier().get();
        if (p == null) {
          throw new EngineException("processor supplier of " + t.name() + " returned null");
        }
        p.init(new KafkaTaskContext(module.layout, partition, buffer, task.hub,
            () -> module.suppressAppends(depot.name(), partition, offset)));
        processors[i] = p;
      } catch (RuntimeException e) {
        initErrors[i] = new EngineException("topology " + t.name() + " could not start on"
            + " partition " + partition + ": " + e, e);
        LOG.log(System.Logger.Level.ERROR, initErrors[i].getMessage(), e);
      }
    }
    module.armGate(depot.name(), task);
  }

  @Override
  public void process(Record<byte[], byte[]> record) {
    offset = ctx.recordMetadata().orElseThrow().offset();
    byte[] barrier = Headers.barrier(record.headers());
    if (barrier != null) {
      task.seen(depot.name(), offset); // a barrier changes no state
      if (barrier[0] == Headers.GATE && ByteBuffer.wrap(barrier, 1, 8).getLong() == task.nonce) {
        task.barrierSeen(depot.name());
      }
      return;
    }
    String from = Headers.from(record.headers());
    Acks.Reply reply;
    task.lock.lock();
    try {
      reply = run(record, Headers.request(record.headers()));
    } finally {
      // The gate may open only now, with the record's writes applied (or, if it threw,
      // discarded) and the lock still held: opened before them, a reader waiting at the
      // gate could take the lock first and miss the last record an earlier owner had
      // acknowledged (one such ACK was missing in a failover run).
      task.seen(depot.name(), offset);
      task.lock.unlock();
    }
    if (from != null) {
      module.reply(from, reply);
    }
  }

  private Acks.Reply run(Record<byte[], byte[]> record, long request) {
    int partition = task.partition;
    Object value;
    try {
      value = Depots.decode(depot.ref(), record.value(), partition, offset);
    } catch (CodecException e) {
      // Undecodable (e.g. the codec changed): skipped for good rather than retried forever.
      LOG.log(System.Logger.Level.ERROR, e.getMessage() + "; skipped", e);
      module.counted(depot.name(), partition, offset, topologies.size());
      return new Acks.Reply(request, partition, offset, Map.of(),
          topologies.isEmpty() ? "" : topologies.get(0).name(), e);
    }
    DepotRecord<Object> r = new DepotRecord<>(depot.name(), partition, offset,
        record.timestamp(), value);
    Map<String, Object> acks = null;
    String failedTopology = null;
    Throwable failure = null;
    int errors = 0;
    for (int i = 0; i < topologies.size(); i++) {
      Decls.Topology t = topologies.get(i);
      try {
        if (processors[i] == null) {
          throw initErrors[i];
        }
        Object ack = processors[i].process(r);
        buffer.keep(notices, appends);
        if (ack != null) {
          if (acks == null) {
            acks = new HashMap<>(4);
          }
          acks.put(t.name(), ack);
        }
      } catch (Throwable e) {
        if (e instanceof VirtualMachineError && !(e instanceof StackOverflowError)) {
          throw (VirtualMachineError) e;
        }
        buffer.drop();
        errors++;
        if (failure == null) {
          failure = e;
          failedTopology = t.name();
        }
        LOG.log(System.Logger.Level.DEBUG, () -> "topology " + t.name() + " failed on "
            + depot.name() + " partition " + partition + " offset " + offset + ": " + e);
      }
    }
    for (EventBuffer.Append a : appends) {
      ctx.forward(new Record<>(a.key(), a.payload(), record.timestamp()),
          Names.sinkNode(a.depot()));
    }
    appends.clear();
    ProxyHub.publish(notices);
    notices.clear();
    module.counted(depot.name(), partition, offset, errors);
    return new Acks.Reply(request, partition, offset, acks == null ? Map.of() : acks,
        failedTopology, failure);
  }

  @Override
  public void close() {
    if (processors != null) {
      for (coedit.engine.Processor<Object> p : processors) {
        if (p != null) {
          try {
            p.close();
          } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "processor close failed", e);
          }
        }
      }
      processors = null;
    }
    if (task != null) {
      task.lock.lock();
      try {
        module.tasks.close(task);
      } finally {
        task.lock.unlock();
      }
      module.ownershipChanged(task);
      task = null;
    }
  }
}
