package coedit.engine;

/**
 * Client of a {@code key -> value} PState. Reads run on the task owning the key, between
 * events, so they see a committed state including every ACK-acknowledged append.
 */
public interface MapPState<K, V> {

  String name();

  V get(K key);

  /**
   * Watches one key. The returned proxy holds the value at subscription time; then the
   * listener gets every later change of the key, in order, with {@link ValueDiff}.
   */
  Proxy<V> watch(K key, ProxyListener<V, ValueDiff<V>> listener);
}
