package coedit.engine;

/**
 * What a query sees: read-only views of its task's partition of each PState. Valid only
 * during the call that received it, on the task thread.
 */
public interface QueryContext {

  /** This task's partition, in {@code [0, partitions())}. */
  int partition();

  /** Number of partitions of the module; fixed for the life of its data. */
  int partitions();

  <K, V> ReadOnlyMapStore<K, V> store(MapRef<K, V> ref);

  <K, V> ReadOnlyListStore<K, V> store(ListRef<K, V> ref);

  <K, S, V> ReadOnlySortedMapStore<K, S, V> store(SortedMapRef<K, S, V> ref);
}
