package coedit.engine;

/**
 * A value that does not cross engine instances as it is (it holds shared in-memory
 * structure, a rope say) but stands for plain data that does. Where a runtime sends values
 * between instances (the Kafka runtime: ack values, query results, watched values), it sends
 * {@link #portable()} instead, and the receiving instance hands its caller
 * {@link Restorable#restore()} of that: a value equal in meaning to the original. Where
 * caller and owner share a process nothing is converted, so a value can keep an O(1) form
 * for in-process callers (the conversion, O(size), runs on the sending instance's network
 * thread, never on the task).
 */
public interface Portable {

  /** The plain-data form: a record of data (records, enums, strings, boxed primitives, lists, sets, maps). */
  Restorable portable();

  /** The plain-data form of a {@link Portable}: a record that rebuilds the value it stands for. */
  interface Restorable {
    /** The value this data stands for. */
    Object restore();
  }
}
