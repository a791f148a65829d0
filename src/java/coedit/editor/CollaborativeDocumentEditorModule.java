package coedit.editor;

import coedit.editor.data.ClientSeq;
import coedit.editor.data.DocSnapshot;
import coedit.editor.data.DocText;
import coedit.editor.data.EditSubmission;
import coedit.editor.data.EditorCodecs;
import coedit.editor.data.HistoryEntry;
import coedit.editor.data.SeqEntry;
import coedit.editor.data.Snapshot;
import coedit.editor.data.SubmitResult.Rejected;
import coedit.engine.Codecs;
import coedit.engine.DepotRecord;
import coedit.engine.ListStore;
import coedit.engine.MapStore;
import coedit.engine.Module;
import coedit.engine.ModuleBuilder;
import coedit.engine.Processor;
import coedit.engine.QueryContext;
import coedit.engine.SortedMapStore;
import coedit.engine.TaskContext;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The collaborative document editor of Red Planet Labs' "Rama in 40 lines" article, made
 * durable, idempotent and O(size of the edit) per edit.
 *
 * <p>Guarantees:
 * <ul>
 *   <li>Submissions to one document are applied one at a time in one total order: all of a
 *       document's submissions go to one depot partition, whose task runs them serially.
 *   <li>Version = number of accepted submissions: every accepted submission is exactly one
 *       {@code $$history} entry, even when its transformed change is empty. (The article
 *       counts the pieces a transformed change splits into, so a client cannot predict its
 *       version; here the ack's version is always the previous version + 1.)
 *   <li>Each submission is applied exactly once: a resubmitted (docId, author, clientId, seq)
 *       is answered with its original version and transformed change, also after a restart;
 *       the same key with a different base version or change is rejected as
 *       {@code SEQ_CONFLICT} (the index stores a fingerprint of what was accepted). Keys
 *       include the author, so users never answer or poison each other's seqs.
 *   <li>A bad submission (malformed record, invalid id, empty or oversize change, version
 *       ahead of the document, offsets or lengths outside the document at its base version,
 *       a document that would grow past its limit) gets a {@link Rejected} ack with a
 *       {@link coedit.editor.data.RejectCode} and a message; nothing is applied and the task
 *       goes on.
 *   <li>Per-edit cost does not grow with the document or its history: hot documents live
 *       in memory as ropes; each edit writes one history entry and one index entry; the
 *       text is snapshotted into {@code $$snapshots} only every
 *       max({@link EditorConfig#snapshotEvery()}, length / {@link EditorConfig#snapshotCharsPerEdit()})
 *       versions; a stale submission reads only the history since its base version.
 *   <li>The {@code doc+version} query returns a document's text and version atomically.
 * </ul>
 * Client usage: {@link EngineDocumentService}; stories in CollaborativeDocumentEditorModuleTest.
 */
public final class CollaborativeDocumentEditorModule implements Module {
  public static final String NAME = "editor";
  public static final String EDIT_DEPOT = "*editDepot";
  /** Each document's text at some recent version (the article's {@code $$docs} holds the current text). */
  public static final String SNAPSHOTS = "$$snapshots";
  public static final String HISTORY = "$$history";
  public static final String SUBMISSIONS = "$$submissions";
  public static final String APPLY_EDITS = "applyEdits";
  /** The article's {@code doc+version} query (engine names exclude '+'): a {@code DocSnapshot}. */
  public static final String DOC_QUERY = "doc-version";
  /**
   * Text and version as a {@code DocText}: O(1) on the task, the text materialised by the
   * caller, so reading a large document never stalls its partition.
   */
  public static final String TEXT_QUERY = "doc-text";

  private final EditorConfig config;
  private final EditorStats stats = new EditorStats();
  /**
   * Each task's hot documents, by partition: the topology and the queries of a task share
   * them (both run on the task's thread), so a read never rebuilds a document the task
   * holds. A processor's init installs a fresh cache (a relaunch or recompute starts cold).
   */
  private final Map<Integer, DocCache> caches = new ConcurrentHashMap<>();

  public CollaborativeDocumentEditorModule() {
    this(EditorConfig.defaults());
  }

  public CollaborativeDocumentEditorModule(EditorConfig config) {
    this.config = config;
  }

  @Override
  public String name() {
    return NAME;
  }

  /** What this module object's tasks have done with hot documents, in this process. */
  public EditorStats stats() {
    return stats;
  }

  @Override
  public void define(ModuleBuilder b) {
    // Partitioning by docId puts a document's submissions and all its PState keys on one task.
    var editDepot = b.depot(EDIT_DEPOT, EditorCodecs.SUBMISSION, EditSubmission::docId);
    var p = new EditorPStates(
        b.map(SNAPSHOTS, Codecs.string(), EditorCodecs.SNAPSHOT),
        b.list(HISTORY, Codecs.string(), EditorCodecs.HISTORY_ENTRY),
        b.sortedMap(SUBMISSIONS, Codecs.string(), EditorCodecs.CLIENT_SEQ, EditorCodecs.SEQ_ENTRY));
    b.stream(APPLY_EDITS, editDepot, () -> new ApplyEdits(p, config, stats, caches));
    // Both run on the owning task between records, so text and version are of one version.
    b.query(DOC_QUERY, (String docId) -> docId, (String docId, QueryContext ctx) -> {
      Document doc = hot(ctx, p, Ids.validate("docId", docId));
      return new DocSnapshot(docId, doc.text(), doc.version());
    });
    b.query(TEXT_QUERY, (String docId) -> docId, (String docId, QueryContext ctx) -> {
      Document doc = hot(ctx, p, Ids.validate("docId", docId));
      return new DocText(docId, doc.snapshot(), doc.version());
    });
  }

  /** The task's hot document, loaded into its cache if need be; on the task's thread. */
  private Document hot(QueryContext ctx, EditorPStates p, String docId) {
    DocCache cache = caches.get(ctx.partition());
    Document doc = cache == null ? null : cache.get(docId);
    if (doc == null) {
      doc = DocLoader.load(ctx, p, docId);
      stats.loaded();
      if (cache != null) cache.put(docId, doc);
    }
    return doc;
  }

  /**
   * The stream topology, one instance per task: each submission of its partition, in order,
   * through {@link DocumentStep}, and the step's writes into the PStates. Everything it
   * decides is in the step; this only loads, calls and writes.
   */
  static final class ApplyEdits implements Processor<EditSubmission> {
    private final EditorPStates p;
    private final EditorConfig config;
    private final EditorStats stats;
    private final Map<Integer, DocCache> caches;
    private DocCache cache;
    private TaskContext ctx;
    private DocumentLog log;
    private MapStore<String, Snapshot> snapshots;
    private ListStore<String, HistoryEntry> history;
    private SortedMapStore<String, ClientSeq, SeqEntry> submissions;

    ApplyEdits(EditorPStates p, EditorConfig config, EditorStats stats, Map<Integer, DocCache> caches) {
      this.p = p;
      this.config = config;
      this.stats = stats;
      this.caches = caches;
    }

    @Override
    public void init(TaskContext ctx) {
      this.ctx = ctx;
      cache = new DocCache(config.cacheCodePoints(), config.cacheDocuments(), stats);
      caches.put(ctx.partition(), cache);
      snapshots = ctx.store(p.snapshots());
      history = ctx.store(p.history());
      submissions = ctx.store(p.submissions());
      log = new PStateLog(history, submissions, stats);
    }

    @Override
    public Object process(DepotRecord<EditSubmission> record) {
      EditSubmission s = record.value();
      // Refused before the document is loaded, so a malformed record reads and writes nothing.
      Rejected malformed = SubmissionCheck.malformed(s);
      if (malformed != null) return malformed;
      String docId = s.docId();
      Document doc = cache.get(docId);
      if (doc == null) {
        // The task is the only writer of its PStates, so what they hold is the whole truth.
        doc = DocLoader.load(ctx, p, docId);
        stats.loaded();
        cache.put(docId, doc);
      }
      long weightBefore = doc.weight();
      try {
        DocumentStep.Step step = DocumentStep.step(doc, s, log, config, record.appendTimeMillis());
        for (DocWrite w : step.writes()) write(docId, w);
        cache.resized(step.next().weight() - weightBefore);
        return step.outcome();
      } catch (RuntimeException e) {
        // The engine discards this record's writes; the document may be ahead of them.
        cache.evict(docId);
        throw e;
      }
    }

    @Override
    public void close() {
      caches.remove(ctx.partition(), cache);
    }

    private void write(String docId, DocWrite w) {
      if (w instanceof DocWrite.AppendHistory a) {
        history.append(docId, a.entry());
      } else if (w instanceof DocWrite.RecordSubmission r) {
        submissions.put(docId, r.key(), r.entry());
      } else {
        snapshots.put(docId, ((DocWrite.PutSnapshot) w).snapshot());
      }
    }
  }
}
