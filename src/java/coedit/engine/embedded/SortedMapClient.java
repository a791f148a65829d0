package coedit.engine.embedded;

import coedit.engine.Proxy;
import coedit.engine.ProxyListener;
import coedit.engine.SortedMapDiff;
import coedit.engine.SortedMapPState;
import coedit.engine.store.PStateInfo;
import coedit.engine.store.SortedMapStoreImpl;
import java.util.List;
import java.util.Map;

/** Reads committed state directly (each read is atomic); watches go through the owning task. */
final class SortedMapClient<K, S, V> implements SortedMapPState<K, S, V> {

  private final ModuleRuntime rt;
  private final PStateInfo info;
  private final SortedMapStoreImpl<K, S, V> reader;

  SortedMapClient(ModuleRuntime rt, PStateInfo info) {
    this.rt = rt;
    this.info = info;
    this.reader = new SortedMapStoreImpl<>(info, new StorageAccess(rt.storage), null, -1,
        rt.partitions(), false);
  }

  @Override
  public String name() {
    return info.name;
  }

  @Override
  public V get(K key, S subkey) {
    rt.checkUsable();
    return reader.get(key, subkey);
  }

  @Override
  public long size(K key) {
    rt.checkUsable();
    return reader.size(key);
  }

  @Override
  public List<Map.Entry<S, V>> range(K key, S fromInclusive, S toExclusive, int limit) {
    rt.checkUsable();
    return reader.range(key, fromInclusive, toExclusive, limit);
  }

  @Override
  public Proxy<Long> watch(K key, ProxyListener<Long, SortedMapDiff<S, V>> listener) {
    return rt.watch(info, key, listener, () -> reader.size(key));
  }
}
