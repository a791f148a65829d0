package coedit.server.cluster;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What this node has to tell the others, coalesced and bounded: one message per key (a
 * participant's presence, a document's hello, the node's beat), the latest replacing an
 * unsent earlier one in its place. One thread hands messages to the producer in order;
 * while the producer is slow or blocked (a broker failing over) messages coalesce here
 * instead of piling up, so memory stays bounded by the participants this node hosts, and
 * by {@code max} keys at worst (then the oldest are dropped: presence is ephemeral).
 */
final class PeerOutbox implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(PeerOutbox.class);

  private final LinkedHashMap<String, byte[]> pending = new LinkedHashMap<>();
  private final int max;
  private final Thread sender;
  private boolean closed;
  private long dropped;

  /** {@code send} runs on the outbox's thread, one message at a time, in order. */
  PeerOutbox(int max, Consumer<byte[]> send) {
    this.max = max;
    this.sender = new Thread(() -> run(send), "coedit-peers-send");
    sender.setDaemon(true);
    sender.start();
  }

  /** Queues {@code message} under {@code key}, replacing an unsent one of the same key. */
  synchronized void offer(String key, byte[] message) {
    if (closed) return;
    pending.remove(key); // the new one goes to the back: order among keys is the order of their latest news
    pending.put(key, message);
    while (pending.size() > max) {
      String oldest = pending.keySet().iterator().next();
      pending.remove(oldest);
      if (dropped++ % 1000 == 0) log.warn("peers: {} messages dropped, the producer does not keep up", dropped);
    }
    notifyAll();
  }

  /** Sends what is queued, then stops the thread (at most {@code millis}). */
  void close(long millis) {
    synchronized (this) {
      closed = true;
      notifyAll();
    }
    try {
      sender.join(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    close(2_000);
  }

  private void run(Consumer<byte[]> send) {
    while (true) {
      List<byte[]> batch;
      synchronized (this) {
        while (pending.isEmpty() && !closed) {
          try {
            wait();
          } catch (InterruptedException e) {
            return;
          }
        }
        if (pending.isEmpty()) return;
        batch = new ArrayList<>(pending.values());
        pending.clear();
      }
      for (byte[] m : batch) {
        try {
          send.accept(m);
        } catch (RuntimeException e) {
          log.debug("peers: a message could not be sent: {}", e.toString());
        }
      }
    }
  }

  /** For tests: messages waiting. */
  synchronized int size() {
    return pending.size();
  }
}
