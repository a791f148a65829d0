package coedit.engine.kafka;

import coedit.engine.MapPState;
import coedit.engine.Proxy;
import coedit.engine.ProxyListener;
import coedit.engine.ValueDiff;
import coedit.engine.store.MapStoreImpl;
import coedit.engine.store.PStateInfo;

/** Reads run on the owning task ({@link OwnerAccess}); watches go through {@link Subscriptions}. */
final class MapClient<K, V> implements MapPState<K, V> {

  private final KafkaModule module;
  private final PStateInfo info;
  private final MapStoreImpl<K, V> reader;

  MapClient(KafkaModule module, PStateInfo info) {
    this.module = module;
    this.info = info;
    this.reader = new MapStoreImpl<>(info, module.ownerAccess, null, -1, module.partitions(),
        false);
  }

  @Override
  public String name() {
    return info.name;
  }

  @Override
  public V get(K key) {
    EngineThreads.checkMayBlock("MapPState.get");
    return reader.get(key);
  }

  @Override
  public Proxy<V> watch(K key, ProxyListener<V, ValueDiff<V>> listener) {
    return module.subscriptions.watch(info, key, listener);
  }
}
