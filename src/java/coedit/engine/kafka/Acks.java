package coedit.engine.kafka;

import coedit.engine.AckLevel;
import coedit.engine.AppendResult;
import coedit.engine.EngineException;
import coedit.engine.ProcessingException;
import coedit.engine.runtime.Admission;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The client appends of this instance that are on their way: produced, then processed by
 * the owner of their partition wherever it runs. The owner answers each record that names
 * an appender ({@link Headers#FROM}) once it has processed it: in-JVM directly, otherwise
 * through the node-to-node channel. The answer releases the record's admission permit and
 * completes an {@link AckLevel#ACK} append. Answers to requests no longer pending (a
 * reprocess after a failover answers again) are ignored.
 *
 * <p>Answers are addressed by host:port, which a restarted instance may reuse: a reprocess
 * of a dead instance's records then answers here with that instance's request ids. So ids
 * start at a random point of the 63-bit space for each instance (two incarnations' ranges
 * overlap with negligible probability), and an answer must also name the pending append's
 * partition and, once the depot has told us, its offset; one that does not is someone
 * else's and is ignored.
 */
final class Acks {

  /** What an owner tells an appender about one processed record. */
  record Reply(long request, int partition, long offset, Map<String, Object> acks,
      String failedTopology, Object failure) {}

  private static final class Pending {
    final Admission admission;
    final String depot;
    final int partition;
    final AckLevel level;
    final CompletableFuture<AppendResult> future;
    final long deadline;
    /** No topology consumes the depot: the append is done once it is in. */
    final boolean unprocessed;
    volatile long offset = -1;

    Pending(Admission admission, String depot, int partition, AckLevel level,
        CompletableFuture<AppendResult> future, long deadline, boolean unprocessed) {
      this.admission = admission;
      this.unprocessed = unprocessed;
      this.depot = depot;
      this.partition = partition;
      this.level = level;
      this.future = future;
      this.deadline = deadline;
    }
  }

  private final ConcurrentHashMap<Long, Pending> pending = new ConcurrentHashMap<>();
  private final AtomicLong nextId;
  private final long timeoutNanos;

  Acks(Duration timeout) {
    this(timeout, new SecureRandom().nextLong() >>> 2);
  }

  /** Request ids from {@code firstId} on (a fixed start, for tests). */
  Acks(Duration timeout, long firstId) {
    this.timeoutNanos = timeout.toNanos();
    this.nextId = new AtomicLong(firstId);
  }

  /**
   * A new request id for an admitted append; its permit is released when it is answered.
   * {@code unprocessed}: no topology consumes the depot, so nobody will answer and the
   * append is complete (at every level) once it is in the depot.
   */
  long register(Admission admission, String depot, int partition, AckLevel level,
      CompletableFuture<AppendResult> future, boolean unprocessed) {
    long id = nextId.getAndIncrement();
    pending.put(id, new Pending(admission, depot, partition, level, future,
        System.nanoTime() + timeoutNanos, unprocessed));
    return id;
  }

  /** The record is in the depot, replicated to min.insync.replicas brokers. */
  void appended(long id, long offset) {
    Pending p = pending.get(id);
    if (p == null) {
      return;
    }
    p.offset = offset;
    if (p.unprocessed && pending.remove(id, p)) {
      p.admission.release(p.partition);
      p.future.complete(new AppendResult(p.partition, offset, Map.of()));
    } else if (p.level == AckLevel.APPEND_ACK) {
      p.future.complete(new AppendResult(p.partition, offset, Map.of()));
    }
  }

  /** The produce failed: nothing was appended. */
  void failed(long id, RuntimeException e) {
    Pending p = pending.remove(id);
    if (p != null) {
      p.admission.release(p.partition);
      p.future.completeExceptionally(e);
    }
  }

  /** An owner processed the record; an answer about another record than the pending one's is ignored. */
  void processed(Reply r) {
    Pending p = pending.get(r.request());
    if (p == null || p.partition != r.partition() || (p.offset >= 0 && p.offset != r.offset())
        || !pending.remove(r.request(), p)) {
      return;
    }
    p.admission.release(p.partition);
    if (p.level != AckLevel.ACK) {
      return;
    }
    if (r.failedTopology() != null) {
      p.future.completeExceptionally(new ProcessingException(r.failedTopology(), p.depot,
          r.partition(), r.offset(), r.acks(), Failures.cause(r.failure())));
    } else {
      p.future.complete(new AppendResult(r.partition(), r.offset(), r.acks()));
    }
  }

  void processedAll(List<Object> replies) {
    for (Object r : replies) {
      processed((Reply) r);
    }
  }

  /** Fails the requests older than the timeout: their owner never answered. */
  void expire() {
    long now = System.nanoTime();
    for (Map.Entry<Long, Pending> e : pending.entrySet()) {
      Pending p = e.getValue();
      if (now - p.deadline > 0 && pending.remove(e.getKey(), p)) {
        p.admission.release(p.partition);
        p.future.completeExceptionally(new EngineException("depot " + p.depot + " partition "
            + p.partition + (p.offset >= 0 ? " offset " + p.offset : "") + ": no owner"
            + " processed the record within " + Duration.ofNanos(timeoutNanos) + (p.offset >= 0
            ? "; it is durable in the depot and will be processed" : "")));
      }
    }
  }

  /** On close: nothing more will be answered here. */
  void failAll(RuntimeException e) {
    for (Long id : List.copyOf(pending.keySet())) {
      Pending p = pending.remove(id);
      if (p != null) {
        p.admission.release(p.partition);
        p.future.completeExceptionally(e);
      }
    }
  }
}
