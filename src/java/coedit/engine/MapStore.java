package coedit.engine;

/** Writable view of a task's partition of a {@code key -> value} PState. */
public interface MapStore<K, V> extends ReadOnlyMapStore<K, V> {

  /** Sets the value; {@code value} must not be null (use {@link #remove}). */
  void put(K key, V value);

  /** Removes the key; absent keys are fine. */
  void remove(K key);
}
