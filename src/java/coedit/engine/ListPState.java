package coedit.engine;

import java.util.List;

/** Client of a {@code key -> subindexed list} PState; reads run on the owning task. */
public interface ListPState<K, V> {

  String name();

  long size(K key);

  /** {@link IndexOutOfBoundsException} outside {@code [0, size)}. */
  V get(K key, long index);

  /** Elements {@code from <= i < to}, {@code to} clamped to the size. */
  List<V> range(K key, long from, long to);

  /**
   * Watches one key's list. The proxy holds the size at subscription time; the listener
   * gets (new size, {@link ListDiff}, old size) for every later append, set and truncate.
   */
  Proxy<Long> watch(K key, ProxyListener<Long, ListDiff<V>> listener);
}
