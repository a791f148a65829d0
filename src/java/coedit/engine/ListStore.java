package coedit.engine;

/** Writable view of a task's partition of a {@code key -> subindexed list} PState. */
public interface ListStore<K, V> extends ReadOnlyListStore<K, V> {

  /** Appends at the end in O(1); returns the new element's index (the old size). */
  long append(K key, V element);

  /** Replaces element {@code index} in {@code [0, size)}. */
  void set(K key, long index, V element);

  /** Drops elements from {@code newSize} on, {@code 0 <= newSize <= size}; cost O(dropped). */
  void truncate(K key, long newSize);
}
