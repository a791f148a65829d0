package coedit.engine;

/**
 * Handles the records of one depot partition for one stream topology; one instance per task.
 *
 * <p>Guarantees: all calls on an instance come from its task's thread, one record at a
 * time, in the depot partition's offset order. A record's writes through the
 * {@link TaskContext} are applied atomically with the "processed" mark, so after any crash
 * each record's effect is in the PStates exactly once. Reads during {@link #process} see
 * the writes made earlier in the same call and by every earlier record.
 *
 * <p>If {@code process} throws, that record's writes and appends are discarded, the
 * appender's future fails with a {@link ProcessingException}, and the task continues with
 * the next record. Processors must be deterministic functions of the record and the
 * PStates (use {@link DepotRecord#appendTimeMillis()} rather than the clock) so that
 * reprocessing after a crash and {@link ModuleInstance#recompute recompute} give equal
 * results. State kept in fields is lost on restart and is not rolled back when
 * {@code process} throws: keep it in PStates, or in caches of them that a failed record
 * cannot leave ahead of the PStates.
 */
public interface Processor<R> {

  /** Called once on the task thread before the first record. Keep {@code ctx}. */
  default void init(TaskContext ctx) {}

  /**
   * Processes one record.
   *
   * @return the ack value handed to an {@link AckLevel#ACK} appender under this topology's
   *     name; may be null
   */
  Object process(DepotRecord<R> record);

  /** Called once on the task thread when the task stops. */
  default void close() {}
}
