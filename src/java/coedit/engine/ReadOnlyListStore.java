package coedit.engine;

import java.util.List;

/**
 * Read view of a task's partition of a {@code key -> subindexed list} PState. Elements are
 * stored one by one: size and element reads cost O(1), a range read O(log n + range size),
 * never a whole-list read. A key never written is an empty list.
 *
 * <p>Indexes are stable: {@link ListStore#dropBefore} drops a list's first elements without
 * moving the others, so a list holds the elements {@code [start, size)} and
 * {@code start == 0} until something was dropped.
 */
public interface ReadOnlyListStore<K, V> {

  /** The index the next append gets: one past the last element (dropped ones count). */
  long size(K key);

  /** The first index held: elements below it were dropped; {@code 0 <= start <= size}. */
  long start(K key);

  /** Element {@code index}; {@link IndexOutOfBoundsException} outside {@code [start, size)}. */
  V get(K key, long index);

  /**
   * Elements {@code max(from, start) <= i < to}, with {@code to} clamped to the size;
   * {@code from >= 0}. The first element returned is at index {@code max(from, start)}.
   */
  List<V> range(K key, long from, long to);
}
