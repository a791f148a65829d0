package coedit.engine;

/**
 * A processor's only door to the runtime: its task's PStates and appends to depots.
 * Like Kafka Streams' ProcessorContext, it covers no scheduling, punctuation or headers.
 *
 * <p>Writes made while processing a record become visible to later reads at once (also
 * within the same record) and durable together with the record's "processed" mark. Keys
 * must belong to this task's partition (see {@link ModuleBuilder}); otherwise the call
 * throws {@link IllegalStateException}.
 */
public interface TaskContext extends QueryContext {

  @Override
  <K, V> MapStore<K, V> store(MapRef<K, V> ref);

  @Override
  <K, V> ListStore<K, V> store(ListRef<K, V> ref);

  @Override
  <K, S, V> SortedMapStore<K, S, V> store(SortedMapRef<K, S, V> ref);

  /**
   * Appends {@code record} to {@code depot} (on whatever partition its key picks): the only
   * way to reach another partition. The append happens exactly once, atomically with the
   * current record's writes, and is not subject to the client backpressure limit.
   * During {@link ModuleInstance#recompute recompute} it does nothing: the depots already
   * hold what the first run appended.
   */
  <R> void append(DepotRef<R> depot, R record);

  /** Wall-clock time; prefer {@link DepotRecord#appendTimeMillis()} for stored data. */
  long nowMillis();
}
