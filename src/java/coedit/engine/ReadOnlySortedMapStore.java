package coedit.engine;

import java.util.List;
import java.util.Map;

/**
 * Read view of a task's partition of a {@code key -> subindexed sorted map} PState. Subkeys
 * are ordered by their encoded bytes (unsigned lexicographic); entries are stored one by
 * one. A key never written is an empty map.
 */
public interface ReadOnlySortedMapStore<K, S, V> {

  /** The value under {@code subkey}, or null. */
  V get(K key, S subkey);

  /** Number of subkeys, O(1). */
  long size(K key);

  /**
   * Up to {@code limit} entries with {@code fromInclusive <= subkey < toExclusive} in
   * ascending order; a null bound is unbounded.
   */
  List<Map.Entry<S, V>> range(K key, S fromInclusive, S toExclusive, int limit);
}
