package coedit.engine;

/** Writable view of a task's partition of a {@code key -> subindexed list} PState. */
public interface ListStore<K, V> extends ReadOnlyListStore<K, V> {

  /** Appends at the end in O(1); returns the new element's index (the old size). */
  long append(K key, V element);

  /** Replaces element {@code index} in {@code [start, size)}. */
  void set(K key, long index, V element);

  /**
   * Drops elements from {@code newSize} on, {@code 0 <= newSize <= size}; cost O(dropped).
   * Below the start, the list becomes empty with {@code start == size == newSize}.
   */
  void truncate(K key, long newSize);

  /**
   * Drops the elements below {@code index}; the others keep their indexes. Afterwards
   * {@code start == max(start, index)} and {@code size == max(size, index)}: an index past
   * the end empties the list and the next append goes at {@code index}. Cost O(dropped).
   */
  void dropBefore(K key, long index);
}
