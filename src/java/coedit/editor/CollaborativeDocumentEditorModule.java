package coedit.editor;

import coedit.editor.data.ClientSeq;
import coedit.editor.data.DocClient;
import coedit.editor.data.DocSnapshot;
import coedit.editor.data.DocText;
import coedit.editor.data.EditSubmission;
import coedit.editor.data.EditorCodecs;
import coedit.editor.data.Rejoin;
import coedit.editor.data.SeqEntry;
import coedit.editor.data.SubmitResult.Rejected;
import coedit.engine.Codecs;
import coedit.engine.Module;
import coedit.engine.ModuleBuilder;
import coedit.engine.QueryContext;
import java.util.List;
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
 *   <li>With a {@link HistoryRetention} policy, storage stays bounded for a document edited
 *       forever: history the policy no longer keeps is dropped once its text is stored
 *       at the horizon ({@code $$horizons}), and so are the idempotency entries below it
 *       except each client's latest. A submission made below the horizon is refused with
 *       {@code HISTORY_COMPACTED}, never transformed wrongly; a resent submission is still
 *       recognised (each client's latest seq outlives the horizon). Decided by
 *       {@link Compaction} from versions and stored times only, so recompute drops the
 *       same; without a policy nothing is dropped. (The server then also has the engine trim
 *       the depot below per-partition bases of these PStates: docs/operations.md, "Depot
 *       trimming".)
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
  /** Each document's text at its history horizon (the article has no such thing: it never compacts). */
  public static final String HORIZONS = "$$horizons";
  /**
   * For a client below the history horizon: text, version, horizon and that client's highest
   * accepted seq, read atomically (a {@code Rejoin}; the argument a {@code DocClient}).
   */
  public static final String REJOIN_QUERY = "doc-rejoin";
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
        b.sortedMap(SUBMISSIONS, Codecs.string(), EditorCodecs.CLIENT_SEQ, EditorCodecs.SEQ_ENTRY),
        b.map(HORIZONS, Codecs.string(), EditorCodecs.SNAPSHOT));
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
    b.query(REJOIN_QUERY, DocClient::docId, (DocClient who, QueryContext ctx) -> {
      Document doc = hot(ctx, p, Ids.validate("docId", who.docId()));
      ClientSeq first = new ClientSeq(who.author(), Ids.validate("clientId", who.clientId()), 0);
      Long bound = doc.seqBound(first);
      if (bound == null) {
        // The index keeps each client's latest seq below the horizon, so its last entry is it.
        List<Map.Entry<ClientSeq, SeqEntry>> seqs = new PStateLog(ctx, p, stats)
            .submissions(who.docId(), first, first.withSeq(Long.MAX_VALUE));
        bound = seqs.isEmpty() ? -1 : seqs.get(seqs.size() - 1).getKey().seq();
      }
      return new Rejoin(new DocText(who.docId(), doc.snapshot(), doc.version()), doc.horizon(), bound);
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
}
