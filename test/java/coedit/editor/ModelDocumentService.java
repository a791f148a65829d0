package coedit.editor;

import coedit.editor.data.ClientSeq;
import coedit.editor.data.DocSnapshot;
import coedit.editor.data.DocText;
import coedit.editor.data.EditSubmission;
import coedit.editor.data.HistoryEntry;
import coedit.editor.data.Rejoin;
import coedit.editor.data.SeqEntry;
import coedit.editor.data.Snapshot;
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
import java.util.function.LongSupplier;

/**
 * The reference model of the editor: the module's own {@link DocumentStep} over plain
 * in-memory lists, with no engine, no durability and no eviction. Tests check the module
 * against it, and run the server and clients over it. The same contract as the engine-backed
 * service: a total order per document (one completer thread), transform over history,
 * idempotent (clientId, seq), atomic reads, ordered watch (one thread per subscription).
 * Keep one instance across server restarts to model a restart over the same data.
 */
public final class ModelDocumentService implements DocumentService {

  /**
   * One document: the step's state and what the module keeps in its PStates. The history
   * holds entries {@code start + 1 ..}: compaction drops from its front.
   */
  private static final class Doc implements DocumentLog {
    Document state = Document.empty();
    long start;
    final List<HistoryEntry> history = new ArrayList<>();
    final TreeMap<ClientSeq, SeqEntry> submissions = new TreeMap<>(Comparator
        .comparing(ClientSeq::author, Comparator.nullsFirst(Comparator.<String>naturalOrder()))
        .thenComparing(ClientSeq::clientId).thenComparingLong(ClientSeq::seq));
    Snapshot snapshot;
    Snapshot horizonText;
    final List<Watch> watches = new ArrayList<>();

    @Override
    public List<Change> changes(String docId, long fromExclusive, long toInclusive) {
      List<Change> out = new ArrayList<>();
      for (HistoryEntry e : entries(docId, fromExclusive, toInclusive)) out.add(e.change());
      return out;
    }

    @Override
    public List<HistoryEntry> entries(String docId, long fromExclusive, long toInclusive) {
      return List.copyOf(history.subList((int) (fromExclusive - start), (int) (toInclusive - start)));
    }

    @Override
    public Change change(String docId, long version) {
      return history.get((int) (version - 1 - start)).change();
    }

    @Override
    public long entryTime(String docId, long version) {
      return history.get((int) (version - 1 - start)).timeMillis();
    }

    @Override
    public List<Map.Entry<ClientSeq, SeqEntry>> submissions(String docId, ClientSeq from, ClientSeq to) {
      return List.copyOf(submissions.subMap(from, true, to, false).entrySet());
    }

    @Override
    public Snapshot snapshot(String docId) {
      return snapshot;
    }

    @Override
    public Snapshot horizonText(String docId) {
      return horizonText;
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
  private volatile LongSupplier clock = System::currentTimeMillis;

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
    DocumentStep.Step step = DocumentStep.step(d.state, s, d, config, clock.getAsLong());
    d.state = step.next();
    for (DocWrite w : step.writes()) {
      if (w instanceof DocWrite.AppendHistory a) {
        d.history.add(a.entry());
        for (Watch watch : d.watches) watch.deliver(a.entry());
      } else if (w instanceof DocWrite.RecordSubmission r) {
        d.submissions.put(r.key(), r.entry());
      } else if (w instanceof DocWrite.PutSnapshot p) {
        d.snapshot = p.snapshot();
      } else if (w instanceof DocWrite.PutHorizonText t) {
        d.horizonText = t.text();
      } else if (w instanceof DocWrite.DropHistoryBefore drop) {
        d.history.subList(0, (int) (drop.horizon() - d.start)).clear();
        d.start = drop.horizon();
      } else if (w instanceof DocWrite.RemoveSubmission r) {
        d.submissions.remove(r.key());
      }
    }
    return step.outcome();
  }

  /** Sets the clock that stamps accepted entries (the engine uses the record's append time). */
  public void clock(LongSupplier millis) {
    clock = millis;
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
    long from = Math.max(0, fromExclusive);
    long to = Math.min(d.start + d.history.size(), toInclusive);
    if (from >= to) return List.of();
    if (from < d.start) throw new HistoryCompactedException(docId, from, d.start);
    return d.entries(docId, from, to);
  }

  @Override
  public synchronized long horizon(String docId) {
    return doc(Ids.validate("docId", docId)).start;
  }

  @Override
  public synchronized Rejoin rejoin(String docId, String author, String clientId) {
    Doc d = doc(Ids.validate("docId", docId));
    ClientSeq first = new ClientSeq(author, Ids.validate("clientId", clientId), 0);
    var seqs = d.submissions(docId, first, first.withSeq(Long.MAX_VALUE));
    return new Rejoin(new DocText(docId, d.state.snapshot(), d.state.version()), d.start,
        seqs.isEmpty() ? -1 : seqs.get(seqs.size() - 1).getKey().seq());
  }

  @Override
  public synchronized Subscription watch(String docId, long fromVersion, HistoryListener listener) {
    Doc d = doc(Ids.validate("docId", docId));
    Watch w = new Watch(d, listener);
    long from = Math.max(0, fromVersion);
    if (from < d.start) {
      long now = d.state.version();
      w.thread.execute(() -> listener.onResync(now));
      from = now;
    }
    for (long v = from; v < d.start + d.history.size(); v++) w.deliver(d.history.get((int) (v - d.start)));
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
