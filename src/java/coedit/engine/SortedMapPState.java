package coedit.engine;

import java.util.List;
import java.util.Map;

/** Client of a {@code key -> subindexed sorted map} PState; reads run on the owning task. */
public interface SortedMapPState<K, S, V> {

  String name();

  V get(K key, S subkey);

  long size(K key);

  /** See {@link ReadOnlySortedMapStore#range}. */
  List<Map.Entry<S, V>> range(K key, S fromInclusive, S toExclusive, int limit);

  /**
   * Watches one key's sorted map. The proxy holds the size at subscription time; the
   * listener gets (new size, {@link SortedMapDiff}, old size) for every later put and remove.
   */
  Proxy<Long> watch(K key, ProxyListener<Long, SortedMapDiff<S, V>> listener);
}
