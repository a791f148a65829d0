package coedit.engine;

import java.time.Duration;

/**
 * A launched module: clients for its depots, PStates and queries. Lookups by name fail
 * with an {@link IllegalArgumentException} naming the unknown name, its kind and the
 * declared names; lookups by ref are type-checked by the compiler. Clients are thread-safe
 * and cheap; they stay valid until the cluster closes.
 */
public interface ModuleInstance {

  String name();

  int partitions();

  /** RUNNING, or FAILED with the failure, or CLOSED. */
  Health health();

  <R> Depot<R> depot(String name);

  /** The same as by name; the ref's types checked by the compiler. */
  default <R> Depot<R> depot(DepotRef<R> ref) {
    return depot(ref.name());
  }

  <K, V> MapPState<K, V> map(String name);

  /** The same as by name; the ref's types checked by the compiler. */
  default <K, V> MapPState<K, V> map(MapRef<K, V> ref) {
    return map(ref.name());
  }

  <K, V> ListPState<K, V> list(String name);

  /** The same as by name; the ref's types checked by the compiler. */
  default <K, V> ListPState<K, V> list(ListRef<K, V> ref) {
    return list(ref.name());
  }

  <K, S, V> SortedMapPState<K, S, V> sortedMap(String name);

  /** The same as by name; the ref's types checked by the compiler. */
  default <K, S, V> SortedMapPState<K, S, V> sortedMap(SortedMapRef<K, S, V> ref) {
    return sortedMap(ref.name());
  }

  <A, T> Query<A, T> query(String name);

  /** The same as by name; the ref's types checked by the compiler. */
  default <A, T> Query<A, T> query(QueryRef<A, T> ref) {
    return query(ref.name());
  }

  /**
   * Waits until every record appended (by anyone) before this call has been processed and
   * committed; for tests that append with {@link AckLevel#NONE} or
   * {@link AckLevel#APPEND_ACK}. {@link EngineException} on timeout.
   */
  void awaitProcessed(Duration timeout);

  /**
   * Rebuilds every PState from the depots: clears them, then runs every record through
   * fresh processors in the original per-task order. Appends wait while it runs; proxies are
   * resynced afterwards. With deterministic processors the result equals the PStates before.
   * Where the embedded engine trimmed a depot ({@link DepotTrimming}), each partition starts
   * from its base (its PStates as of the trimmed records) instead of from empty PStates.
   */
  RecomputeReport recompute(ProgressListener listener);
}
