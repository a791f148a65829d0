package coedit.engine.kafka;

import coedit.engine.Partitioner;
import coedit.engine.store.PStateInfo;
import coedit.engine.topology.Decls;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.processor.StreamPartitioner;
import org.apache.kafka.streams.state.Stores;

/**
 * A module as one Kafka Streams sub-topology: a source and a {@link DepotNode} per consumed
 * depot, a sink per depot (for processor appends, placed with the engine's
 * {@link Partitioner}), and every PState's store (plus the runtime's own task store)
 * connected to every depot node. Streams co-partitions what shares a store, so task
 * {@code p} owns partition {@code p} of every depot and every PState, as on every runtime.
 */
final class ModuleTopology {

  /** Places a processor append by its key, the partition key's canonical bytes. */
  static final StreamPartitioner<byte[], byte[]> PARTITIONER =
      (topic, key, value, partitions) -> Optional.of(Set.of(
          Math.floorMod(Partitioner.murmur3(key), partitions)));

  private ModuleTopology() {}

  /** The topology, or null when the module has no stream topology (nothing to process). */
  static Topology build(KafkaModule m) {
    Map<String, List<Decls.Topology>> byDepot = m.layout.topologiesByDepot;
    if (byDepot.isEmpty()) {
      return null;
    }
    Topology t = new Topology();
    List<String> nodes = new ArrayList<>();
    for (Map.Entry<String, List<Decls.Topology>> e : byDepot.entrySet()) {
      String depot = e.getKey();
      Decls.Depot decl = m.definition.depotNamed(depot);
      t.addSource(Names.sourceNode(depot), new ByteArrayDeserializer(),
          new ByteArrayDeserializer(), m.topic(depot));
      t.addProcessor(Names.processorNode(depot), () -> new DepotNode(m, decl, e.getValue()),
          Names.sourceNode(depot));
      nodes.add(Names.processorNode(depot));
    }
    String[] parents = nodes.toArray(String[]::new);
    for (Decls.Depot d : m.definition.depots.values()) {
      t.addSink(Names.sinkNode(d.name()), m.topic(d.name()), new ByteArraySerializer(),
          new ByteArraySerializer(), PARTITIONER, parents);
    }
    Map<String, String> changelog = Map.of("min.insync.replicas",
        Integer.toString(m.config.minInsyncReplicas()));
    List<String> stores = new ArrayList<>();
    for (PStateInfo p : m.layout.pstates.values()) {
      stores.add(Names.store(p.name));
    }
    stores.add(Names.TASK_STORE);
    for (String store : stores) {
      t.addStateStore(Stores.keyValueStoreBuilder(LockedStore.supplier(store, m.tasks::lock),
          Serdes.Bytes(), Serdes.ByteArray()).withCachingDisabled()
          .withLoggingEnabled(changelog), parents);
    }
    return t;
  }
}
