package coedit.engine;

import java.util.List;

/**
 * Read view of a task's partition of a {@code key -> subindexed list} PState. Elements are
 * stored one by one: size and element reads cost O(1), a range read O(log n + range size),
 * never a whole-list read. A key never written is an empty list.
 */
public interface ReadOnlyListStore<K, V> {

  long size(K key);

  /** Element {@code index}; {@link IndexOutOfBoundsException} outside {@code [0, size)}. */
  V get(K key, long index);

  /** Elements {@code from <= i < to}, with {@code to} clamped to the size; {@code from >= 0}. */
  List<V> range(K key, long from, long to);
}
