package coedit.engine.embedded;

import coedit.engine.CodecException;
import coedit.engine.DepotRef;
import coedit.engine.Partitioner;
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
    try {
      byte[] b = ref.codec().encode(record);
      if (b == null) {
        throw new CodecException("codec " + ref.codec() + " of depot " + name
            + " encoded a " + record.getClass().getName() + " as null");
      }
      return b;
    } catch (CodecException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new CodecException("depot " + name + ": cannot encode " + record.getClass().getName()
          + " with " + ref.codec() + ": " + e, e);
    }
  }

  Object decode(byte[] payload, int partition, long offset) {
    try {
      return ref.codec().decode(payload);
    } catch (RuntimeException e) {
      throw new CodecException("depot " + name + " partition " + partition + " offset " + offset
          + ": cannot decode " + payload.length + " bytes with " + ref.codec() + ": " + e, e);
    }
  }

  int partitionOf(Object record, int partitions) {
    Object key;
    try {
      key = ref.partitionKey().apply(record);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("depot " + name + ": partition key function failed on "
          + record.getClass().getName() + ": " + e, e);
    }
    try {
      return Partitioner.partition(key, partitions);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("depot " + name + ": " + e.getMessage(), e);
    }
  }
}
