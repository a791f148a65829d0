package coedit.engine.embedded;

import coedit.engine.ListDiff;
import coedit.engine.ListPState;
import coedit.engine.Proxy;
import coedit.engine.ProxyListener;
import coedit.engine.store.ListStoreImpl;
import coedit.engine.store.PStateInfo;
import java.util.List;

/** Reads committed state directly (each read is atomic); watches go through the owning task. */
final class ListClient<K, V> implements ListPState<K, V> {

  private final ModuleRuntime rt;
  private final PStateInfo info;
  private final ListStoreImpl<K, V> reader;

  ListClient(ModuleRuntime rt, PStateInfo info) {
    this.rt = rt;
    this.info = info;
    this.reader = new ListStoreImpl<>(info, new StorageAccess(rt.storage), null, -1,
        rt.partitions(), false);
  }

  @Override
  public String name() {
    return info.name;
  }

  @Override
  public long size(K key) {
    rt.checkUsable();
    return reader.size(key);
  }

  @Override
  public long start(K key) {
    rt.checkUsable();
    return reader.start(key);
  }

  @Override
  public V get(K key, long index) {
    rt.checkUsable();
    return reader.get(key, index);
  }

  @Override
  public List<V> range(K key, long from, long to) {
    rt.checkUsable();
    return reader.range(key, from, to);
  }

  @Override
  public Proxy<Long> watch(K key, ProxyListener<Long, ListDiff<V>> listener) {
    return rt.watch(info, key, listener, () -> reader.size(key));
  }
}
