package coedit.engine.store;

import coedit.engine.ListDiff;
import coedit.engine.ListStore;
import coedit.engine.storage.KV;
import java.util.ArrayList;
import java.util.List;

/** {@code key -> subindexed list}: a size entry plus one entry per element. */
public final class ListStoreImpl<K, V> extends StoreBase implements ListStore<K, V> {

  public ListStoreImpl(PStateInfo info, Access access, ProxyHub hub, int partition, int partitions,
      boolean writable) {
    super(info, access, hub, partition, partitions, writable);
  }

  @Override
  public long size(K key) {
    return sizeAt(prefix(key));
  }

  @Override
  @SuppressWarnings("unchecked")
  public V get(K key, long index) {
    byte[] p = prefix(key);
    byte[] raw = index < 0 ? null : access.get(Keys.element(p, index));
    if (raw == null) {
      throw new IndexOutOfBoundsException(info.name + ": index " + index + " outside [0, "
          + sizeAt(p) + ") for key " + key);
    }
    return (V) value(raw);
  }

  @Override
  @SuppressWarnings("unchecked")
  public List<V> range(K key, long from, long to) {
    if (from < 0) {
      throw new IndexOutOfBoundsException(info.name + ": range start " + from + " < 0");
    }
    byte[] p = prefix(key);
    if (to <= from) {
      return List.of();
    }
    int limit = (int) Math.min(Integer.MAX_VALUE - 8, to - from);
    List<KV> kvs = access.scan(Keys.element(p, from), Keys.element(p, to), limit);
    List<V> out = new ArrayList<>(kvs.size());
    for (KV kv : kvs) {
      out.add((V) value(kv.value()));
    }
    return out;
  }

  @Override
  public long append(K key, V element) {
    checkWritable();
    byte[] p = prefix(key);
    byte[] raw = info.encode(info.valueCodec, element, "element");
    long size = sizeAt(p);
    access.put(Keys.element(p, size), raw);
    writeSize(p, size + 1);
    ProxyHub.Path path = watched(p);
    if (path != null) {
      access.notice(new Notice(hub, path, size + 1, new ListDiff.Appended<>(size, element), size));
    }
    return size;
  }

  @Override
  public void set(K key, long index, V element) {
    checkWritable();
    byte[] p = prefix(key);
    byte[] raw = info.encode(info.valueCodec, element, "element");
    long size = sizeAt(p);
    if (index < 0 || index >= size) {
      throw new IndexOutOfBoundsException(info.name + ": set index " + index + " outside [0, "
          + size + ") for key " + key);
    }
    access.put(Keys.element(p, index), raw);
    ProxyHub.Path path = watched(p);
    if (path != null) {
      access.notice(new Notice(hub, path, size, new ListDiff.ElementSet<>(index, element), size));
    }
  }

  @Override
  public void truncate(K key, long newSize) {
    checkWritable();
    byte[] p = prefix(key);
    long size = sizeAt(p);
    if (newSize < 0 || newSize > size) {
      throw new IndexOutOfBoundsException(info.name + ": truncate to " + newSize
          + " outside [0, " + size + "] for key " + key);
    }
    if (newSize == size) {
      return;
    }
    for (long i = newSize; i < size; i++) {
      access.delete(Keys.element(p, i));
    }
    writeSize(p, newSize);
    ProxyHub.Path path = watched(p);
    if (path != null) {
      access.notice(new Notice(hub, path, newSize, new ListDiff.Truncated<>(newSize), size));
    }
  }
}
