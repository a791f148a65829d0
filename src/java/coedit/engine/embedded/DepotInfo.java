package coedit.engine.embedded;

import coedit.engine.DepotRef;
import coedit.engine.topology.Depots;
import java.util.ArrayList;
import java.util.List;

/** A depot at run time: its stored id and subscribed topologies. */
final class DepotInfo {

  final String name;
  final int id;
  final DepotRef<Object> ref;
  final List<TopologyInfo> topologies = new ArrayList<>();
  /** Next offset per partition; read and written by the writer thread only. */
  final long[] nextOffset;

  @SuppressWarnings("unchecked")
  DepotInfo(DepotRef<?> ref, int id, int partitions) {
    this.name = ref.name();
    this.id = id;
    this.ref = (DepotRef<Object>) ref;
    this.nextOffset = new long[partitions];
  }

  byte[] encode(Object record) {
    return Depots.encode(ref, record);
  }

  Object decode(byte[] payload, int partition, long offset) {
    return Depots.decode(ref, payload, partition, offset);
  }

  int partitionOf(Object record, int partitions) {
    return Depots.partitionOf(ref, record, partitions);
  }
}
