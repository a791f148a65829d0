package coedit.engine.storage;

/**
 * The storage SPI under the engine: ordered byte-keyed spaces with atomic batches. Keys
 * order as unsigned bytes. All methods are thread-safe. Every read sees whole batches only
 * (a batch is atomic for readers), and a write is visible to reads once {@code write}
 * returns.
 *
 * <p>Left out: transactions, merge operators, TTLs.
 */
public interface Storage extends Reads, AutoCloseable {

  /** The greatest entry with {@code from <= key < to}, or null. */
  KV last(Space space, byte[] from, byte[] to);

  Batch newBatch();

  /** A consistent read-only view of everything written so far; see {@link Snapshot}. */
  Snapshot snapshot();

  /**
   * Reclaims now the room taken by deleted keys in {@code [from, to)} of {@code space}
   * (RocksDB keeps a deleted range on disk until a compaction covers it). Blocks while it
   * works, so call it off the hot path; reads and writes go on meanwhile. Changes no value.
   */
  void compact(Space space, byte[] from, byte[] to);

  /**
   * Applies {@code batch} atomically and consumes it. With {@code sync} the write is on
   * stable storage when this returns; without, it survives a killed process but maybe not a
   * machine crash. Failures are {@link StorageException}s.
   */
  void write(Batch batch, boolean sync);

  /** True if data survives {@link #close()} (and reopening the same directory). */
  boolean durable();

  /** Bytes the data takes now (on disk, plus what is buffered in memory), approximately. */
  long sizeBytes();

  /**
   * Writes a consistent copy of everything written so far into the new directory
   * {@code dest}, while writes go on: one point in time for every space. Fails with a
   * {@link StorageException} when {@code dest} exists or this storage cannot be copied.
   */
  void checkpoint(java.nio.file.Path dest);

  @Override
  void close();
}
