package coedit.editor;

import coedit.editor.data.ClientSeq;
import coedit.editor.data.DocSnapshot;
import coedit.editor.data.DocText;
import coedit.editor.data.EditSubmission;
import coedit.editor.data.HistoryEntry;
import coedit.editor.data.SeqEntry;
import coedit.editor.data.SubmitResult;
import coedit.engine.Health;
import coedit.ot.Change;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The reference model of the editor: the module's own {@link DocumentStep} over plain
 * in-memory lists, with no engine, no durability and no eviction. Tests check the module
 * against it, and run the server and clients over it. The same contract as the engine-backed
 * service: a total order per document (one completer thread), transform over history,
 * idempotent (clientId, seq), atomic reads, ordered watch (one thread per subscription).
 * Keep one instance across server restarts to model a restart over the same data.
 */
public final class ModelDocumentService implements DocumentService {

  /** One document: the step's state and what the module keeps in its PStates. */
  private static final class Doc implements DocumentLog {
    Document state = Document.empty();
    final List<HistoryEntry> history = new ArrayList<>();
    final TreeMap<ClientSeq, SeqEntry> submissions = new TreeMap<>(Comparator
        .comparing(ClientSeq::author, Comparator.nullsFirst(Comparator.<String>naturalOrder()))
        .thenComparing(ClientSeq::clientId).thenComparingLong(ClientSeq::seq));
    final List<Watch> watches = new ArrayList<>();

    @Override
    public List<Change> changes(String docId, long fromExclusive, long toInclusive) {
      List<Change> out = new ArrayList<>();
      for (HistoryEntry e : history.subList((int) fromExclusive, (int) toInclusive)) out.add(e.change());
      return out;
    }

    @Override
    public Change change(String docId, long version) {
      return history.get((int) version - 1).change();
    }

    @Override
    public SeqEntry accepted(String docId, ClientSeq key) {
      return submissions.get(key);
    }

    @Override
    public Map.Entry<ClientSeq, SeqEntry> firstAtOrAfter(String docId, ClientSeq key) {
      Map.Entry<ClientSeq, SeqEntry> e = submissions.ceilingEntry(key);
      return e != null && e.getKey().sameSubmitter(key) ? e : null;
    }
  }

  private final class Watch implements Subscription {
    final Doc doc;
    final HistoryListener listener;
    final ExecutorService thread = Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "model-watch");
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
      synchronized (ModelDocumentService.this) {
        doc.watches.remove(this);
      }
      thread.shutdown();
    }
  }

  private final EditorConfig config;
  private final boolean transform;
  private final Map<String, Doc> docs = new HashMap<>();
  private final ExecutorService completer = Executors.newSingleThreadExecutor(r -> {
    Thread t = new Thread(r, "model-complete");
    t.setDaemon(true);
    return t;
  });
  private volatile long submitDelayMillis;

  private ModelDocumentService(EditorConfig config, boolean transform) {
    this.config = config;
    this.transform = transform;
  }

  /** The model with the module's default limits. */
  public ModelDocumentService() {
    this(EditorConfig.defaults());
  }

  /** The model with {@code config}'s limits. */
  public ModelDocumentService(EditorConfig config) {
    this(config, true);
  }

  /**
   * A broken editor for testing test harnesses: it applies every change as if made on the
   * current version, never transforming it. A harness that cannot tell it from the model
   * has no teeth.
   */
  public static ModelDocumentService forgettingToTransform() {
    return new ModelDocumentService(EditorConfig.defaults(), false);
  }

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
        f.complete(submitNow(s));
      } catch (Throwable t) {
        f.completeExceptionally(t);
      }
    });
    return f;
  }

  /** Decides {@code s} on the caller's thread, as the module's topology does on its task. */
  public synchronized SubmitResult submitNow(EditSubmission s) {
    SubmitResult malformed = SubmissionCheck.malformed(s);
    if (malformed != null) return malformed;
    Doc d = doc(s.docId());
    if (!transform && s.version() <= d.state.version()) {
      s = new EditSubmission(s.docId(), s.clientId(), s.seq(), d.state.version(), s.change(), s.author());
    }
    DocumentStep.Step step = DocumentStep.step(d.state, s, d, config, System.currentTimeMillis());
    d.state = step.next();
    for (DocWrite w : step.writes()) {
      if (w instanceof DocWrite.AppendHistory a) {
        d.history.add(a.entry());
        for (Watch watch : d.watches) watch.deliver(a.entry());
      } else if (w instanceof DocWrite.RecordSubmission r) {
        d.submissions.put(r.key(), r.entry());
      }
    }
    return step.outcome();
  }

  @Override
  public synchronized DocSnapshot read(String docId) {
    Doc d = doc(Ids.validate("docId", docId));
    return new DocSnapshot(docId, d.state.text(), d.state.version());
  }

  @Override
  public synchronized DocText snapshot(String docId) {
    Doc d = doc(Ids.validate("docId", docId));
    return new DocText(docId, d.state.snapshot(), d.state.version());
  }

  @Override
  public synchronized List<HistoryEntry> history(String docId, long fromExclusive, long toInclusive) {
    Doc d = doc(Ids.validate("docId", docId));
    int from = (int) Math.max(0, fromExclusive);
    int to = (int) Math.min(d.history.size(), toInclusive);
    return from >= to ? List.of() : List.copyOf(d.history.subList(from, to));
  }

  @Override
  public synchronized Subscription watch(String docId, long fromVersion, HistoryListener listener) {
    Doc d = doc(Ids.validate("docId", docId));
    Watch w = new Watch(d, listener);
    for (int v = (int) Math.max(0, fromVersion); v < d.history.size(); v++) w.deliver(d.history.get(v));
    d.watches.add(w);
    return w;
  }

  @Override
  public Health health() {
    return Health.RUNNING;
  }

  private Doc doc(String id) {
    return docs.computeIfAbsent(id, k -> new Doc());
  }

  @Override
  public void close() {
    completer.shutdown();
  }
}
