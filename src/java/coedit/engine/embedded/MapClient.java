package coedit.engine.embedded;

import coedit.engine.MapPState;
import coedit.engine.Proxy;
import coedit.engine.ProxyListener;
import coedit.engine.ValueDiff;
import coedit.engine.store.MapStoreImpl;
import coedit.engine.store.PStateInfo;

/** Reads committed state directly (each read is atomic); watches go through the owning task. */
final class MapClient<K, V> implements MapPState<K, V> {

  private final ModuleRuntime rt;
  private final PStateInfo info;
  private final MapStoreImpl<K, V> reader;

  MapClient(ModuleRuntime rt, PStateInfo info) {
    this.rt = rt;
    this.info = info;
    this.reader = new MapStoreImpl<>(info, new StorageAccess(rt.storage), null, -1,
        rt.partitions(), false);
  }

  @Override
  public String name() {
    return info.name;
  }

  @Override
  public V get(K key) {
    rt.checkUsable();
    return reader.get(key);
  }

  @Override
  public Proxy<V> watch(K key, ProxyListener<V, ValueDiff<V>> listener) {
    return rt.watch(info, key, listener, () -> reader.get(key));
  }
}
