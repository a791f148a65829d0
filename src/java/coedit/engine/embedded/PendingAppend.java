package coedit.engine.embedded;

import coedit.engine.AckLevel;
import coedit.engine.AppendResult;
import java.util.concurrent.CompletableFuture;

/**
 * A client append on its way: admitted (holding a queue permit), then written by the
 * writer (which sets {@link #offset}), then processed by its task (which releases the
 * permit and, for {@link AckLevel#ACK}, completes the future).
 */
final class PendingAppend {

  final DepotInfo depot;
  final int partition;
  final byte[] payload;
  final Object value;
  final AckLevel level;
  final long appendTime;
  final CompletableFuture<AppendResult> future;
  long offset = -1;

  PendingAppend(DepotInfo depot, int partition, byte[] payload, Object value, AckLevel level,
      long appendTime, CompletableFuture<AppendResult> future) {
    this.depot = depot;
    this.partition = partition;
    this.payload = payload;
    this.value = value;
    this.level = level;
    this.appendTime = appendTime;
    this.future = future;
  }
}
