package coedit.engine.kafka;

import coedit.engine.store.ProxyHub;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.ReentrantLock;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * This instance's ownership of one task (partition) of a module, from the moment Streams
 * initializes its processors here to the moment it closes them. Everything that touches the
 * task's stores holds {@link #lock}: the stream thread while it processes a record or
 * commits, and readers, queries and subscriptions while they run, so each of them sees the
 * state between two records.
 *
 * <p>The gate: a new owner answers nothing until it has processed past every record that
 * was in its input partitions when it took the task over. For each consumed depot it reads
 * the partition's end offset at takeover and waits until it has processed the record just
 * below it; when that offset holds no record it will process (a transaction marker ends
 * the partition) it appends a barrier with a fresh nonce and waits for that instead. Every
 * ACK given by an earlier owner was for a record below those end offsets, so nothing a
 * client was told is ever missing from what this owner answers. The gate opens under the
 * task's lock, after the awaited record's writes are applied, so a reader released by it
 * cannot take the lock between the two.
 */
final class TaskState {

  final int partition;
  final ReentrantLock lock;
  final ProxyHub hub;
  final long nonce;
  /** The task's state stores by PState id. */
  final Map<Integer, KeyValueStore<Bytes, byte[]>> stores = new HashMap<>();
  final CompletableFuture<Void> caughtUp = new CompletableFuture<>();
  /** Per consumed depot not yet caught up: the end offset at takeover. */
  private final Map<String, Long> awaited = new HashMap<>();
  /** Processor nodes (one per consumed depot) initialized and not yet closed. */
  int openNodes;
  /** False once Streams closed the task here; checked under the lock. */
  volatile boolean active = true;

  TaskState(int partition, ReentrantLock lock, ProxyHub hub, long nonce) {
    this.partition = partition;
    this.lock = lock;
    this.hub = hub;
    this.nonce = nonce;
  }

  /** The gate waits for {@code depot} until a record at {@code endOffset - 1} or later is seen. */
  synchronized void await(String depot, long endOffset) {
    if (endOffset <= 0) {
      awaited.remove(depot);
      openIfDone();
    } else {
      awaited.put(depot, endOffset);
    }
  }

  /** Still waiting for {@code depot}? */
  synchronized boolean waitingFor(String depot) {
    return awaited.containsKey(depot);
  }

  /** The task saw (processed or skipped) the record at {@code offset} of {@code depot}. */
  void seen(String depot, long offset) {
    synchronized (this) {
      Long end = awaited.get(depot);
      if (end == null || offset < end - 1) {
        return;
      }
      awaited.remove(depot);
    }
    openIfDone();
  }

  /** This owner's barrier in {@code depot} was seen: everything before it is processed. */
  void barrierSeen(String depot) {
    synchronized (this) {
      awaited.remove(depot);
    }
    openIfDone();
  }

  private void openIfDone() {
    boolean open;
    synchronized (this) {
      open = awaited.isEmpty();
    }
    if (open) {
      caughtUp.complete(null);
    }
  }

  /** Usable for reads: still owned here, and caught up. Call with {@link #lock} held. */
  boolean serving() {
    return active && caughtUp.isDone();
  }
}
