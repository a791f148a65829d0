package coedit.engine.store;

import coedit.engine.ListDiff;
import coedit.engine.ListStore;
import coedit.engine.storage.KV;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code key -> subindexed list}: a size entry, a start entry once elements were dropped,
 * and one entry per held element. Dropping deletes element entries only, so indexes never
 * move and every read stays O(1) or O(log n + range).
 */
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
  public long start(K key) {
    return startAt(prefix(key));
  }

  @Override
  @SuppressWarnings("unchecked")
  public V get(K key, long index) {
    byte[] p = prefix(key);
    byte[] raw = index < 0 ? null : access.get(Keys.element(p, index));
    if (raw == null) {
      throw new IndexOutOfBoundsException(info.name + ": index " + index + " outside ["
          + startAt(p) + ", " + sizeAt(p) + ") for key " + key);
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
    // Dropped elements have no entries, so the scan starts at the first one held.
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
    long start = startAt(p);
    if (index < start || index >= size) {
      throw new IndexOutOfBoundsException(info.name + ": set index " + index + " outside ["
          + start + ", " + size + ") for key " + key);
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
    long start = startAt(p);
    for (long i = Math.max(newSize, start); i < size; i++) {
      access.delete(Keys.element(p, i));
    }
    writeSize(p, newSize);
    if (newSize < start) {
      writeStart(p, newSize);
    }
    ProxyHub.Path path = watched(p);
    if (path != null) {
      access.notice(new Notice(hub, path, newSize, new ListDiff.Truncated<>(newSize), size));
    }
  }

  @Override
  public void dropBefore(K key, long index) {
    checkWritable();
    if (index < 0) {
      throw new IndexOutOfBoundsException(info.name + ": drop before " + index + " < 0 for key " + key);
    }
    byte[] p = prefix(key);
    long start = startAt(p);
    if (index <= start) {
      return;
    }
    long size = sizeAt(p);
    for (long i = start; i < Math.min(index, size); i++) {
      access.delete(Keys.element(p, i));
    }
    writeStart(p, index);
    if (index > size) {
      writeSize(p, index);
    }
    ProxyHub.Path path = watched(p);
    if (path != null) {
      long newSize = Math.max(size, index);
      access.notice(new Notice(hub, path, newSize, new ListDiff.DroppedBefore<>(index), size));
    }
  }

  private long startAt(byte[] prefix) {
    byte[] raw = access.get(Keys.startKey(prefix));
    return raw == null ? 0 : Keys.getLong(raw, 0);
  }

  private void writeStart(byte[] prefix, long start) {
    if (start == 0) {
      access.delete(Keys.startKey(prefix));
    } else {
      access.put(Keys.startKey(prefix), Keys.longBytes(start));
    }
  }
}
