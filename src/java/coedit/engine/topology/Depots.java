package coedit.engine.topology;

import coedit.engine.CodecException;
import coedit.engine.DepotRef;
import coedit.engine.Partitioner;

/**
 * What every runtime does with a depot's records: encode and decode them with the depot's
 * codec and place them with {@link Partitioner}, so a key lands on the same partition on
 * every runtime. Failures name the depot.
 */
public final class Depots {

  private Depots() {}

  public static byte[] encode(DepotRef<?> depot, Object record) {
    @SuppressWarnings("unchecked")
    DepotRef<Object> ref = (DepotRef<Object>) depot;
    try {
      byte[] b = ref.codec().encode(record);
      if (b == null) {
        throw new CodecException("codec " + ref.codec() + " of depot " + ref.name()
            + " encoded a " + record.getClass().getName() + " as null");
      }
      return b;
    } catch (CodecException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new CodecException("depot " + ref.name() + ": cannot encode "
          + record.getClass().getName() + " with " + ref.codec() + ": " + e, e);
    }
  }

  public static Object decode(DepotRef<?> ref, byte[] payload, int partition, long offset) {
    try {
      return ref.codec().decode(payload);
    } catch (RuntimeException e) {
      throw new CodecException("depot " + ref.name() + " partition " + partition + " offset "
          + offset + ": cannot decode " + payload.length + " bytes with " + ref.codec() + ": "
          + e, e);
    }
  }

  public static int partitionOf(DepotRef<?> depot, Object record, int partitions) {
    @SuppressWarnings("unchecked")
    DepotRef<Object> ref = (DepotRef<Object>) depot;
    Object key;
    try {
      key = ref.partitionKey().apply(record);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("depot " + ref.name() + ": partition key function"
          + " failed on " + record.getClass().getName() + ": " + e, e);
    }
    try {
      return Partitioner.partition(key, partitions);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("depot " + ref.name() + ": " + e.getMessage(), e);
    }
  }

  /** The canonical bytes of {@code record}'s partition key (see {@link Partitioner}). */
  public static byte[] keyBytes(DepotRef<?> depot, Object record) {
    @SuppressWarnings("unchecked")
    DepotRef<Object> ref = (DepotRef<Object>) depot;
    return Partitioner.canonicalBytes(ref.partitionKey().apply(record));
  }
}
