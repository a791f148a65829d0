package coedit.tools.bench;

import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Latency samples of a load run. Ack latency: a submission sent until its ack. Broadcast
 * latency: a submission sent until the last other typist in its document has applied it.
 * Only submissions sent after {@link #startWindow()} count, so warm-up and ramp steps do
 * not leak into a measurement.
 */
final class LoadRecorder {
  private record Flight(long seq, long sentNanos, AtomicInteger waiting) {}

  /** Flights of one sender, by seq modulo the ring size (a typist has one submission in flight at a time). */
  private static final class Sender {
    final AtomicReferenceArray<Flight> ring = new AtomicReferenceArray<>(RING);
  }

  private static final int RING = 256;

  // Client ids are unique across the benchmark's documents, so the id alone names a sender.
  // Every typist receives every other typist's entries (hundreds of thousands a second on
  // one document): looked up by the sender's id, no key built per receipt.
  private final Map<String, Sender> senders = new ConcurrentHashMap<>();
  private volatile long windowStart = Long.MAX_VALUE;
  private long[] acks = new long[1 << 16];
  private int ackCount;
  private long[] broadcasts = new long[1 << 16];
  private int broadcastCount;

  /** Starts a measurement window: forgets earlier samples and flights. */
  synchronized void startWindow() {
    ackCount = 0;
    broadcastCount = 0;
    senders.clear();
    windowStart = System.nanoTime();
  }

  /** {@code clientId} sent {@code seq} on {@code docId}, which {@code others} other typists follow. */
  void sent(String docId, String clientId, long seq, int others) {
    long now = System.nanoTime();
    if (now < windowStart || others == 0) return;
    senders.computeIfAbsent(clientId, k -> new Sender()).ring.set((int) (seq & (RING - 1)),
        new Flight(seq, now, new AtomicInteger(others)));
  }

  void acked(long sentNanos) {
    if (sentNanos < windowStart) return;
    long d = System.nanoTime() - sentNanos;
    synchronized (this) {
      if (ackCount == acks.length) acks = Arrays.copyOf(acks, ackCount * 2);
      acks[ackCount++] = d;
    }
  }

  /** Another typist applied {@code clientId}'s {@code seq}. */
  void received(String docId, String clientId, long seq) {
    Sender sender = senders.get(clientId);
    if (sender == null) return;
    int slot = (int) (seq & (RING - 1));
    Flight f = sender.ring.get(slot);
    if (f == null || f.seq != seq || f.waiting.decrementAndGet() != 0) return;
    sender.ring.compareAndSet(slot, f, null);
    long d = System.nanoTime() - f.sentNanos;
    synchronized (this) {
      if (broadcastCount == broadcasts.length) broadcasts = Arrays.copyOf(broadcasts, broadcastCount * 2);
      broadcasts[broadcastCount++] = d;
    }
  }

  synchronized Stats acks() {
    return Stats.of(Arrays.copyOf(acks, ackCount));
  }

  synchronized Stats broadcasts() {
    return Stats.of(Arrays.copyOf(broadcasts, broadcastCount));
  }

  /** Percentiles in milliseconds. */
  record Stats(int count, double p50, double p99, double max) {
    static Stats of(long[] nanos) {
      if (nanos.length == 0) return new Stats(0, Double.NaN, Double.NaN, Double.NaN);
      Arrays.sort(nanos);
      return new Stats(nanos.length, at(nanos, 50), at(nanos, 99), nanos[nanos.length - 1] / 1e6);
    }

    private static double at(long[] sorted, double p) {
      int i = (int) Math.min(sorted.length - 1, Math.max(0, Math.ceil(p / 100 * sorted.length) - 1));
      return sorted[i] / 1e6;
    }
  }
}
