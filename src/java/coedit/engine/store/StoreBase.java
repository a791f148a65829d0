package coedit.engine.store;

import java.util.Objects;

/**
 * What the three store shapes share: key encoding, the partition rule, read-only mode and
 * proxy notices. {@code partition < 0} means a client store, which reads any partition.
 */
public abstract class StoreBase {

  public final PStateInfo info;
  final Access access;
  final ProxyHub hub;
  final int partition;
  final int partitions;
  final boolean writable;

  protected StoreBase(PStateInfo info, Access access, ProxyHub hub, int partition, int partitions,
      boolean writable) {
    this.info = info;
    this.access = access;
    this.hub = hub;
    this.partition = partition;
    this.partitions = partitions;
    this.writable = writable;
  }

  /** The stored prefix of {@code key}, after checking it belongs to this task. */
  final byte[] prefix(Object key) {
    Objects.requireNonNull(key, () -> info.name + ": key must not be null");
    int p = info.partitionOf(key, partitions);
    if (partition >= 0 && p != partition) {
      throw new IllegalStateException(info.name + ": key " + key + " belongs to partition " + p
          + ", but this task owns partition " + partition
          + "; reach other partitions by appending to a depot");
    }
    return Keys.pstateKey(info.id, p, info.encode(info.keyCodec, key, "key"));
  }

  final void checkWritable() {
    if (!writable) {
      throw new IllegalStateException(info.name + " is read-only here: only stream topologies"
          + " write PStates");
    }
  }

  /** Non-null when someone watches this path, so callers compute notices only then. */
  final ProxyHub.Path watched(byte[] prefix) {
    return hub == null ? null : hub.watched(info.id, prefix);
  }

  final Object value(byte[] raw) {
    return raw == null ? null : info.decode(info.valueCodec, raw, "value");
  }

  final long sizeAt(byte[] prefix) {
    byte[] raw = access.get(Keys.sizeKey(prefix));
    return raw == null ? 0 : Keys.getLong(raw, 0);
  }

  final void writeSize(byte[] prefix, long size) {
    if (size == 0) {
      access.delete(Keys.sizeKey(prefix));
    } else {
      access.put(Keys.sizeKey(prefix), Keys.longBytes(size));
    }
  }
}
