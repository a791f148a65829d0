package coedit.tools.bench;

import coedit.client.CoeditClient;
import coedit.client.DocumentSession;
import coedit.client.RemoteChange;
import coedit.client.SessionListener;
import coedit.client.SessionOptions;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.IntSupplier;

/**
 * One simulated typist: a Java client session on a document, typing at a fixed rate
 * (inserts of a letter at a random place, one keystroke in four a delete), reporting what
 * it sends, what is acknowledged and what it receives to the {@link LoadRecorder}.
 */
final class LoadTypist implements SessionListener {
  final String docId;
  final String clientId;
  private final LoadRecorder recorder;
  private final IntSupplier othersInDoc;
  private final Map<Long, Long> sentAt = new ConcurrentHashMap<>();
  private volatile DocumentSession session;

  LoadTypist(String docId, String clientId, LoadRecorder recorder, IntSupplier othersInDoc) {
    this.docId = docId;
    this.clientId = clientId;
    this.recorder = recorder;
    this.othersInDoc = othersInDoc;
  }

  CompletableFuture<LoadTypist> open(CoeditClient client) {
    return client.openAsync(docId, SessionOptions.defaults().withClientId(clientId), this).thenApply(s -> {
      session = s;
      return this;
    });
  }

  /** One keystroke. */
  void type() {
    DocumentSession s = session;
    if (s == null) return;
    ThreadLocalRandom r = ThreadLocalRandom.current();
    synchronized (s) {
      int len = s.length();
      if (len > 0 && r.nextInt(4) == 0) s.delete(r.nextInt(len), 1);
      else s.insert(r.nextInt(len + 1), String.valueOf((char) ('a' + r.nextInt(26))));
    }
  }

  void close() {
    DocumentSession s = session;
    if (s != null) s.close();
  }

  @Override
  public void onSubmitted(long seq) {
    sentAt.put(seq, System.nanoTime());
    recorder.sent(docId, clientId, seq, othersInDoc.getAsInt());
  }

  @Override
  public void onAcknowledged(long seq, long version) {
    Long t = sentAt.remove(seq);
    if (t != null) recorder.acked(t);
  }

  @Override
  public void onRemoteChange(RemoteChange change) {
    if (change.clientId() != null) recorder.received(docId, change.clientId(), change.seq());
  }
}
