package coedit.engine.storage;

/**
 * Writes applied atomically by {@link Storage#write}: either all of them become visible
 * (and durable, when synced) or none. Not thread-safe; used once.
 */
public interface Batch extends AutoCloseable {

  void put(Space space, byte[] key, byte[] value);

  void delete(Space space, byte[] key);

  /** Deletes every key in {@code [from, to)}. */
  void deleteRange(Space space, byte[] from, byte[] to);

  /** Number of operations added so far. */
  int size();

  /** Releases the batch without writing it; idempotent, and done by {@link Storage#write}. */
  @Override
  void close();
}
