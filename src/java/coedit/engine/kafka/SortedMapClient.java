package coedit.engine.kafka;

import coedit.engine.Proxy;
import coedit.engine.ProxyListener;
import coedit.engine.SortedMapDiff;
import coedit.engine.SortedMapPState;
import coedit.engine.store.PStateInfo;
import coedit.engine.store.SortedMapStoreImpl;
import java.util.List;
import java.util.Map;

/** Reads run on the owning task ({@link OwnerAccess}); watches go through {@link Subscriptions}. */
final class SortedMapClient<K, S, V> implements SortedMapPState<K, S, V> {

  private final KafkaModule module;
  private final PStateInfo info;
  private final SortedMapStoreImpl<K, S, V> reader;

  SortedMapClient(KafkaModule module, PStateInfo info) {
    this.module = module;
    this.info = info;
    this.reader = new SortedMapStoreImpl<>(info, module.ownerAccess, null, -1,
        module.partitions(), false);
  }

  @Override
  public String name() {
    return info.name;
  }

  @Override
  public V get(K key, S subkey) {
    EngineThreads.checkMayBlock("SortedMapPState.get");
    return reader.get(key, subkey);
  }

  @Override
  public long size(K key) {
    EngineThreads.checkMayBlock("SortedMapPState.size");
    return reader.size(key);
  }

  @Override
  public List<Map.Entry<S, V>> range(K key, S fromInclusive, S toExclusive, int limit) {
    EngineThreads.checkMayBlock("SortedMapPState.range");
    return reader.range(key, fromInclusive, toExclusive, limit);
  }

  @Override
  public Proxy<Long> watch(K key, ProxyListener<Long, SortedMapDiff<S, V>> listener) {
    return module.subscriptions.watch(info, key, listener);
  }
}
