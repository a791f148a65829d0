package coedit.engine.store;

import coedit.engine.SortedMapDiff;
import coedit.engine.SortedMapStore;
import coedit.engine.storage.KV;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** {@code key -> subindexed sorted map}: a size entry plus one entry per subkey. */
public final class SortedMapStoreImpl<K, S, V> extends StoreBase implements SortedMapStore<K, S, V> {

  public SortedMapStoreImpl(PStateInfo info, Access access, ProxyHub hub, int partition,
      int partitions, boolean writable) {
    super(info, access, hub, partition, partitions, writable);
  }

  private byte[] subkey(S subkey) {
    return info.encode(info.subkeyCodec, subkey, "subkey");
  }

  @Override
  @SuppressWarnings("unchecked")
  public V get(K key, S subkey) {
    return (V) value(access.get(Keys.sub(prefix(key), subkey(subkey))));
  }

  @Override
  public long size(K key) {
    return sizeAt(prefix(key));
  }

  @Override
  @SuppressWarnings("unchecked")
  public List<Map.Entry<S, V>> range(K key, S fromInclusive, S toExclusive, int limit) {
    if (limit < 0) {
      throw new IllegalArgumentException(info.name + ": range limit " + limit + " < 0");
    }
    byte[] p = prefix(key);
    byte[] from = Keys.sub(p, fromInclusive == null ? new byte[0] : subkey(fromInclusive));
    byte[] to = toExclusive == null ? Keys.entriesEnd(p) : Keys.sub(p, subkey(toExclusive));
    List<KV> kvs = access.scan(from, to, limit);
    List<Map.Entry<S, V>> out = new ArrayList<>(kvs.size());
    for (KV kv : kvs) {
      S s = (S) info.decode(info.subkeyCodec, Keys.subkeyOf(kv.key(), p.length), "subkey");
      out.add(new AbstractMap.SimpleImmutableEntry<>(s, (V) value(kv.value())));
    }
    return out;
  }

  @Override
  public void put(K key, S subkey, V value) {
    checkWritable();
    Objects.requireNonNull(subkey, () -> info.name + ": subkey must not be null");
    byte[] p = prefix(key);
    byte[] k = Keys.sub(p, subkey(subkey));
    byte[] raw = info.encode(info.valueCodec, value, "value");
    boolean existed = access.get(k) != null;
    long size = sizeAt(p);
    access.put(k, raw);
    long newSize = existed ? size : size + 1;
    if (!existed) {
      writeSize(p, newSize);
    }
    ProxyHub.Path path = watched(p);
    if (path != null) {
      access.notice(new Notice(hub, path, newSize, new SortedMapDiff.Put<>(subkey, value), size));
    }
  }

  @Override
  public void remove(K key, S subkey) {
    checkWritable();
    Objects.requireNonNull(subkey, () -> info.name + ": subkey must not be null");
    byte[] p = prefix(key);
    byte[] k = Keys.sub(p, subkey(subkey));
    if (access.get(k) == null) {
      return;
    }
    long size = sizeAt(p);
    access.delete(k);
    writeSize(p, size - 1);
    ProxyHub.Path path = watched(p);
    if (path != null) {
      access.notice(new Notice(hub, path, size - 1, new SortedMapDiff.Removed<>(subkey), size));
    }
  }
}
