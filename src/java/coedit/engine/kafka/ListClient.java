package coedit.engine.kafka;

import coedit.engine.ListDiff;
import coedit.engine.ListPState;
import coedit.engine.Proxy;
import coedit.engine.ProxyListener;
import coedit.engine.store.ListStoreImpl;
import coedit.engine.store.PStateInfo;
import java.util.List;

/** Reads run on the owning task ({@link OwnerAccess}); watches go through {@link Subscriptions}. */
final class ListClient<K, V> implements ListPState<K, V> {

  private final KafkaModule module;
  private final PStateInfo info;
  private final ListStoreImpl<K, V> reader;

  ListClient(KafkaModule module, PStateInfo info) {
    this.module = module;
    this.info = info;
    this.reader = new ListStoreImpl<>(info, module.ownerAccess, null, -1, module.partitions(),
        false);
  }

  @Override
  public String name() {
    return info.name;
  }

  @Override
  public long size(K key) {
    EngineThreads.checkMayBlock("ListPState.size");
    return reader.size(key);
  }

  @Override
  public long start(K key) {
    EngineThreads.checkMayBlock("ListPState.start");
    return reader.start(key);
  }

  @Override
  public V get(K key, long index) {
    EngineThreads.checkMayBlock("ListPState.get");
    return reader.get(key, index);
  }

  @Override
  public List<V> range(K key, long from, long to) {
    EngineThreads.checkMayBlock("ListPState.range");
    return reader.range(key, from, to);
  }

  @Override
  public Proxy<Long> watch(K key, ProxyListener<Long, ListDiff<V>> listener) {
    return module.subscriptions.watch(info, key, listener);
  }
}
