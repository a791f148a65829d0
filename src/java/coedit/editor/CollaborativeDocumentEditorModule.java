package coedit.editor;

import coedit.editor.data.ClientSeq;
import coedit.editor.data.DocSnapshot;
import coedit.editor.data.EditSubmission;
import coedit.editor.data.EditorCodecs;
import coedit.editor.data.HistoryEntry;
import coedit.editor.data.Snapshot;
import coedit.editor.data.SubmitResult;
import coedit.editor.data.SubmitResult.Accepted;
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
import coedit.ot.Change;
import coedit.ot.InvalidChangeException;
import coedit.ot.Ot;
import java.util.ArrayList;
import java.util.List;

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
 *   <li>Each submission is applied exactly once: a resubmitted (docId, clientId, seq) is
 *       answered with its original version and transformed change, also after a restart.
 *   <li>A bad submission (malformed record, invalid id, empty or oversize change, version
 *       ahead of the document, offsets or lengths outside the document at its base version)
 *       gets a {@link Rejected} ack saying what is wrong; nothing is applied and the task
 *       goes on.
 *   <li>Per-edit cost does not grow with the document or its history: hot documents live
 *       in memory as ropes; each edit writes one history entry and one index entry; the
 *       text is snapshotted into {@code $$docs} only every
 *       max({@link EditorConfig#snapshotEvery()}, length / {@link EditorConfig#snapshotCharsPerEdit()})
 *       versions; a stale submission reads only the history since its base version.
 *   <li>The {@code doc+version} query returns a document's text and version atomically.
 * </ul>
 * Client usage: {@link EngineDocumentService}; stories in CollaborativeDocumentEditorModuleTest.
 */
public final class CollaborativeDocumentEditorModule implements Module {
  public static final String NAME = "editor";
  public static final String EDIT_DEPOT = "*editDepot";
  public static final String DOCS = "$$docs";
  public static final String HISTORY = "$$history";
  public static final String SUBMISSIONS = "$$submissions";
  public static final String APPLY_EDITS = "applyEdits";
  /** The article's {@code doc+version} query (engine names exclude '+'). */
  public static final String DOC_QUERY = "doc-version";

  private final EditorConfig config;

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

  @Override
  public void define(ModuleBuilder b) {
    // Partitioning by docId puts a document's submissions and all its PState keys on one task.
    var editDepot = b.depot(EDIT_DEPOT, EditorCodecs.SUBMISSION, EditSubmission::docId);
    var p = new EditorPStates(
        b.map(DOCS, Codecs.string(), EditorCodecs.SNAPSHOT),
        b.list(HISTORY, Codecs.string(), EditorCodecs.HISTORY_ENTRY),
        b.sortedMap(SUBMISSIONS, Codecs.string(), EditorCodecs.CLIENT_SEQ, Codecs.longs()));
    b.stream(APPLY_EDITS, editDepot, () -> new ApplyEdits(p, config));
    // Runs on the owning task between records, so snapshot and history are read at one version.
    b.query(DOC_QUERY, (String docId) -> docId, (String docId, QueryContext ctx) -> {
      HotDoc doc = DocLoader.load(ctx, p, Ids.validate("docId", docId));
      return new DocSnapshot(docId, doc.text.toString(), doc.version);
    });
  }

  /** The stream topology: one instance per task, its partition's submissions in order. */
  static final class ApplyEdits implements Processor<EditSubmission> {
    private final EditorPStates p;
    private final EditorConfig config;
    private final DocCache cache;
    private TaskContext ctx;
    private MapStore<String, Snapshot> docs;
    private ListStore<String, HistoryEntry> history;
    private SortedMapStore<String, ClientSeq, Long> submissions;

    ApplyEdits(EditorPStates p, EditorConfig config) {
      this.p = p;
      this.config = config;
      this.cache = new DocCache(config.cacheCodePoints(), config.cacheDocuments());
    }

    @Override
    public void init(TaskContext ctx) {
      this.ctx = ctx;
      docs = ctx.store(p.docs());
      history = ctx.store(p.history());
      submissions = ctx.store(p.submissions());
    }

    @Override
    public Object process(DepotRecord<EditSubmission> record) {
      EditSubmission s = record.value();
      // Checked before anything is read or written, so a malformed record changes nothing.
      String problem = SubmissionCheck.problem(s, config);
      if (problem != null) return new Rejected(problem);
      HotDoc doc = cache.get(s.docId());
      if (doc == null) {
        // The task is the only writer of its PStates, so what they hold is the whole truth.
        doc = DocLoader.load(ctx, p, s.docId());
        cache.put(s.docId(), doc);
      }
      try {
        return submit(s, doc, record.appendTimeMillis());
      } catch (RuntimeException e) {
        // The engine discards this record's writes; the hot copy may be ahead of them.
        cache.evict(s.docId());
        throw e;
      }
    }

    private SubmitResult submit(EditSubmission s, HotDoc doc, long timeMillis) {
      String docId = s.docId();
      ClientSeq key = new ClientSeq(s.clientId(), s.seq());
      // The index entry commits in the same batch as the history entry, so a seen seq always
      // has its entry: answer with the original, apply nothing.
      Long seen = IdempotencyIndex.versionOf(submissions, doc, docId, key);
      if (seen != null) return new Accepted(seen, history.get(docId, seen - 1).change(), true);
      if (s.version() > doc.version) {
        return new Rejected("version " + s.version() + " is ahead of document " + docId
            + ", which is at version " + doc.version);
      }
      // Entries base+1..current are exactly what the client had not seen; only they are read
      // (from memory when recent, else from $$history).
      List<Change> changes = doc.recent.since(s.version());
      if (changes == null) {
        changes = new ArrayList<>();
        for (HistoryEntry e : history.range(docId, s.version(), doc.version)) changes.add(e.change());
      }
      long baseLength = doc.text.length();
      for (Change c : changes) baseLength -= lengthDelta(c);
      try {
        // Validate against the document the client saw; the transformed change then fits the
        // current one by the transform law, and Ot.apply re-checks it before changing the rope.
        Ot.validate((int) baseLength, s.change());
        Change change = changes.isEmpty() ? s.change() : Ot.transformOverHistory(s.change(), changes);
        int before = doc.text.length();
        Ot.apply(doc.text, change);
        cache.resized(doc.text.length() - before);
        long version = ++doc.version;
        history.append(docId, new HistoryEntry(version, s.clientId(), s.seq(), timeMillis, change));
        doc.recent.add(version, change);
        IdempotencyIndex.record(submissions, doc, docId, key, version);
        snapshotIfDue(docId, doc);
        return new Accepted(version, change, false);
      } catch (InvalidChangeException e) {
        return new Rejected("the change does not fit document " + docId + " at version "
            + s.version() + ": " + e.getMessage());
      }
    }

    /**
     * Amortized cost per edit: length / interval <= snapshotCharsPerEdit code points. The
     * decision depends only on versions and lengths, so recompute writes the same snapshots.
     */
    private void snapshotIfDue(String docId, HotDoc doc) {
      long interval = Math.max(config.snapshotEvery(), doc.text.length() / config.snapshotCharsPerEdit());
      if (doc.version - doc.snapshotVersion >= interval) {
        docs.put(docId, new Snapshot(doc.version, doc.text.toString()));
        doc.snapshotVersion = doc.version;
      }
    }

    /** How a valid change alters a document's length, in code points. */
    static long lengthDelta(Change change) {
      long delta = 0;
      for (var e : change.edits()) {
        delta += e instanceof coedit.ot.Insert ins
            ? ins.text().codePointCount(0, ins.text().length()) : -((coedit.ot.Delete) e).length();
      }
      return delta;
    }
  }
}
