package coedit.engine;

/** Writable view of a task's partition of a {@code key -> subindexed sorted map} PState. */
public interface SortedMapStore<K, S, V> extends ReadOnlySortedMapStore<K, S, V> {

  /** Sets the value under {@code subkey}; {@code value} must not be null. */
  void put(K key, S subkey, V value);

  /** Removes {@code subkey}; absent subkeys are fine. */
  void remove(K key, S subkey);
}
