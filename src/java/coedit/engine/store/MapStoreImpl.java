package coedit.engine.store;

import coedit.engine.MapStore;
import coedit.engine.ValueDiff;

/** {@code key -> value}: one stored entry per key. */
public final class MapStoreImpl<K, V> extends StoreBase implements MapStore<K, V> {

  public MapStoreImpl(PStateInfo info, Access access, ProxyHub hub, int partition, int partitions,
      boolean writable) {
    super(info, access, hub, partition, partitions, writable);
  }

  @Override
  @SuppressWarnings("unchecked")
  public V get(K key) {
    return (V) value(access.get(prefix(key)));
  }

  @Override
  public void put(K key, V value) {
    checkWritable();
    byte[] k = prefix(key);
    byte[] raw = info.encode(info.valueCodec, value, "value");
    ProxyHub.Path path = watched(k);
    Object old = path == null ? null : value(access.get(k));
    access.put(k, raw);
    if (path != null) {
      access.notice(new Notice(hub, path, value, new ValueDiff.Put<>(value), old));
    }
  }

  @Override
  public void remove(K key) {
    checkWritable();
    byte[] k = prefix(key);
    ProxyHub.Path path = watched(k);
    Object old = path == null ? null : value(access.get(k));
    access.delete(k);
    if (path != null && old != null) {
      access.notice(new Notice(hub, path, null, new ValueDiff.Removed<>(), old));
    }
  }
}
