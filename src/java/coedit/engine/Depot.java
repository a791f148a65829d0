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
   * Appends without waiting for {@code level}; the future completes (or fails, with the
   * same exceptions as {@link #append}) when it is reached. The one wait is backpressure:
   * when the partition is full this call blocks up to the append timeout for room (on an
   * engine thread it fails at once instead). Appends made from one thread are ordered in
   * their partition as they were called. Dependent stages may run on engine threads: keep
   * them short and non-blocking.
   */
  CompletableFuture<AppendResult> appendAsync(R record, AckLevel level);
}
