package coedit.server;

import coedit.editor.DocumentService;
import coedit.editor.HistoryListener;
import coedit.editor.Subscription;
import coedit.editor.data.DocSnapshot;
import coedit.editor.data.EditSubmission;
import coedit.editor.data.HistoryEntry;
import coedit.editor.data.SubmitResult;
import coedit.ot.Change;
import coedit.ot.InvalidChangeException;
import coedit.ot.Ot;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A test double of the editor module, in memory: the same contract as the engine-backed
 * service (total order per document, transform over history, idempotent (clientId, seq),
 * atomic reads, ordered watch on one thread per subscription), with no durability. Keep
 * one instance across server restarts to model a restart over the same data directory.
 */
public final class InMemoryDocumentService implements DocumentService {
  private static final class Doc {
    final List<HistoryEntry> entries = new ArrayList<>();
    final List<String> texts = new ArrayList<>(List.of(""));
    final Map<String, SubmitResult.Accepted> done = new HashMap<>();
    final List<Watch> watches = new ArrayList<>();
  }

  private final class Watch implements Subscription {
    final Doc doc;
    final HistoryListener listener;
    final ExecutorService thread = Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "fake-watch");
      t.setDaemon(true);
      return t;
    });

    Watch(Doc doc, HistoryListener listener) {
      this.doc = doc;
      this.listener = listener;
    }

    void deliver(HistoryEntry e) {
      thread.execute(() -> listener.onEntry(e));
    }

    @Override
    public void close() {
      synchronized (InMemoryDocumentService.this) {
        doc.watches.remove(this);
      }
      thread.shutdown();
    }
  }

  private final Map<String, Doc> docs = new HashMap<>();
  private final ExecutorService completer = Executors.newSingleThreadExecutor(r -> {
    Thread t = new Thread(r, "fake-complete");
    t.setDaemon(true);
    return t;
  });
  private volatile long submitDelayMillis;

  /** Makes every submission take this long before it is applied (a slow disk). */
  public void submitDelay(long millis) {
    submitDelayMillis = millis;
  }

  @Override
  public CompletableFuture<SubmitResult> submit(EditSubmission s) {
    CompletableFuture<SubmitResult> f = new CompletableFuture<>();
    completer.execute(() -> {
      try {
        if (submitDelayMillis > 0) Thread.sleep(submitDelayMillis);
        f.complete(apply(s));
      } catch (Throwable t) {
        f.completeExceptionally(t);
      }
    });
    return f;
  }

  private synchronized SubmitResult apply(EditSubmission s) {
    Doc d = doc(s.docId());
    SubmitResult.Accepted earlier = d.done.get(s.clientId() + "#" + s.seq());
    if (earlier != null) return new SubmitResult.Accepted(earlier.version(), earlier.change(), true);
    long head = d.entries.size();
    if (s.version() > head) return new SubmitResult.Rejected("version " + s.version() + " is ahead of " + head);
    String base = d.texts.get((int) s.version());
    try {
      Ot.validate(base.codePointCount(0, base.length()), s.change());
    } catch (InvalidChangeException e) {
      return new SubmitResult.Rejected(e.getMessage());
    }
    List<Change> since = new ArrayList<>();
    for (int v = (int) s.version(); v < head; v++) since.add(d.entries.get(v).change());
    Change transformed = Ot.transformOverHistory(s.change(), since);
    String text = Ot.apply(d.texts.get((int) head), transformed);
    HistoryEntry e = new HistoryEntry(head + 1, s.clientId(), s.seq(), System.currentTimeMillis(), transformed);
    d.entries.add(e);
    d.texts.add(text);
    SubmitResult.Accepted a = new SubmitResult.Accepted(e.version(), transformed, false);
    d.done.put(s.clientId() + "#" + s.seq(), a);
    for (Watch w : d.watches) w.deliver(e);
    return a;
  }

  @Override
  public synchronized DocSnapshot read(String docId) {
    Doc d = doc(docId);
    return new DocSnapshot(docId, d.texts.get(d.texts.size() - 1), d.entries.size());
  }

  @Override
  public synchronized List<HistoryEntry> history(String docId, long fromExclusive, long toInclusive) {
    Doc d = doc(docId);
    int from = (int) Math.max(0, fromExclusive);
    int to = (int) Math.min(d.entries.size(), toInclusive);
    return from >= to ? List.of() : List.copyOf(d.entries.subList(from, to));
  }

  @Override
  public synchronized Subscription watch(String docId, long fromVersion, HistoryListener listener) {
    Doc d = doc(docId);
    Watch w = new Watch(d, listener);
    for (int v = (int) Math.max(0, fromVersion); v < d.entries.size(); v++) w.deliver(d.entries.get(v));
    d.watches.add(w);
    return w;
  }

  private Doc doc(String id) {
    return docs.computeIfAbsent(id, k -> new Doc());
  }

  @Override
  public void close() {
    completer.shutdown();
  }
}
