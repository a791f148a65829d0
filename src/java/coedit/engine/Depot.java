package coedit.engine;

import java.util.concurrent.CompletableFuture;

/** Client of one depot. Thread-safe; any number of appends may be in flight. */
public interface Depot<R> {

  String name();

  /** The partition {@code record} goes to. */
  int partitionOf(R record);

  /**
   * Appends and waits for {@code level}.
   *
   * @throws EngineOverloadedException the partition stayed full for the append timeout
   * @throws ProcessingException       ({@link AckLevel#ACK}) a topology failed on the record
   * @throws CodecException            the record cannot be encoded (nothing appended)
   * @throws EngineException           the cluster closed, or storage failed
   */
  AppendResult append(R record, AckLevel level);

  /**
   * Appends without blocking the caller; the future completes (or fails, with the same
   * exceptions as {@link #append}) at {@code level}. Appends made from one thread are
   * ordered in their partition as they were called.
   */
  CompletableFuture<AppendResult> appendAsync(R record, AckLevel level);
}
