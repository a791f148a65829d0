package coedit.tools.kafka;

import coedit.client.CoeditClient;
import coedit.client.DocumentSession;
import coedit.client.RemoteChange;
import coedit.client.SessionListener;
import coedit.client.SessionOptions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One person typing in a cluster test or benchmark: a Java client session that inserts its
 * own letter at random places, so the final text tells how many of its keystrokes made it
 * (each exactly once). It records what the server acknowledged (seq to version, and when),
 * every error the server sent, and when others' entries arrived (for latency). Everything a
 * check needs afterwards; nothing here waits.
 */
public final class ClusterTypist implements SessionListener {
  final String docId;
  final String clientId;
  final char letter;
  /** The node this typist connects to first (index in the cluster). */
  final int home;
  private final AtomicLong typed = new AtomicLong();
  private final Map<Long, Long> acked = new ConcurrentHashMap<>();
  private final Map<Long, Long> sentAt = new ConcurrentHashMap<>();
  private final List<String> errors = new CopyOnWriteArrayList<>();
  private final List<Long> ackTimes = new CopyOnWriteArrayList<>();
  private volatile Listener observer;
  private volatile DocumentSession session;

  /** What a benchmark wants to hear as it happens (on the session's network thread: keep it short). */
  public interface Listener {
    /** {@code seq} is sent for the first time. */
    void submitted(ClusterTypist who, long seq);

    /** {@code seq} was acknowledged {@code nanos} after it was first sent. */
    void acked(ClusterTypist who, long seq, long nanos);

    /** Another typist's {@code seq} reached this one. */
    void received(ClusterTypist who, String from, long seq);
  }

  public ClusterTypist(String docId, String clientId, char letter, int home) {
    this.docId = docId;
    this.clientId = clientId;
    this.letter = letter;
    this.home = home;
  }

  /** Opens the session through {@code client} (whose server list starts with this typist's home node). */
  public CompletableFuture<ClusterTypist> open(CoeditClient client) {
    return client.openAsync(docId, SessionOptions.defaults().withClientId(clientId).withName(clientId, "#3cb44b"), this)
        .thenApply(s -> {
          session = s;
          return this;
        });
  }

  public void observe(Listener l) {
    observer = l;
  }

  /** One keystroke: the letter at a random place (now, locally; sent when the session allows). */
  public void type() {
    DocumentSession s = session;
    if (s == null) return;
    synchronized (s) {
      s.insert(ThreadLocalRandom.current().nextInt(s.length() + 1), String.valueOf(letter));
      typed.incrementAndGet();
    }
  }

  public DocumentSession session() {
    return session;
  }

  public String docId() {
    return docId;
  }

  public String clientId() {
    return clientId;
  }

  public int home() {
    return home;
  }

  /** Keystrokes typed so far. */
  public long typed() {
    return typed.get();
  }

  /** Acknowledged submissions: seq to version. */
  public Map<Long, Long> acked() {
    return Map.copyOf(acked);
  }

  /** Errors the server sent ({@code code: message}). */
  public List<String> errors() {
    return List.copyOf(errors);
  }

  /** The first acknowledgement at or after {@code millis} (ms since the epoch; 0 if none yet). */
  public long firstAckAfter(long millis) {
    return ackTimes.stream().filter(t -> t >= millis).findFirst().orElse(0L);
  }

  /** Every acknowledgement time (ms since the epoch), in order. */
  public List<Long> ackTimes() {
    return List.copyOf(ackTimes);
  }

  public void close() {
    DocumentSession s = session;
    if (s != null) s.close();
  }

  @Override
  public void onSubmitted(long seq) {
    sentAt.put(seq, System.nanoTime());
    Listener l = observer;
    if (l != null) l.submitted(this, seq);
  }

  @Override
  public void onAcknowledged(long seq, long version) {
    long now = System.currentTimeMillis();
    acked.put(seq, version);
    ackTimes.add(now);
    Long t = sentAt.remove(seq);
    Listener l = observer;
    if (l != null && t != null) l.acked(this, seq, System.nanoTime() - t);
  }

  @Override
  public void onRemoteChange(RemoteChange change) {
    Listener l = observer;
    if (l != null && change.clientId() != null) l.received(this, change.clientId(), change.seq());
  }

  @Override
  public void onError(String code, String message) {
    errors.add(code + ": " + message);
  }
}
