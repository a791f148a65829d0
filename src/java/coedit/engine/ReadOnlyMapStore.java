package coedit.engine;

/** Read view of a task's partition of a {@code key -> value} PState. */
public interface ReadOnlyMapStore<K, V> {

  /** The value, or null when absent. */
  V get(K key);
}
