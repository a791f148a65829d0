package coedit.engine;

import java.util.List;

/** Client of a {@code key -> subindexed list} PState; reads run on the owning task. */
public interface ListPState<K, V> {

  String name();

  /** The index the next append gets (see {@link ReadOnlyListStore#size}). */
  long size(K key);

  /** The first index held (see {@link ReadOnlyListStore#start}). */
  long start(K key);

  /** {@link IndexOutOfBoundsException} outside {@code [start, size)}. */
  V get(K key, long index);

  /** Elements {@code max(from, start) <= i < to}, {@code to} clamped to the size. */
  List<V> range(K key, long from, long to);

  /**
   * Watches one key's list. The proxy holds the size at subscription time; the listener
   * gets (new size, {@link ListDiff}, old size) for every later append, set, truncate and drop.
   */
  Proxy<Long> watch(K key, ProxyListener<Long, ListDiff<V>> listener);
}
