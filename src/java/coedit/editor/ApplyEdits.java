package coedit.editor;

import coedit.editor.data.EditSubmission;
import coedit.editor.data.SubmitResult.Rejected;
import coedit.engine.DepotRecord;
import coedit.engine.Processor;
import coedit.engine.TaskContext;
import java.util.Map;

/**
 * The editor's stream topology on {@code *editDepot}, one instance per task: each submission
 * of its partition, in order, through {@link DocumentStep} (which lets {@link Compaction}
 * drop history the retention no longer keeps), and the writes into the PStates. Everything
 * it decides is in those functions; this only loads, calls and writes.
 */
final class ApplyEdits implements Processor<EditSubmission> {
  private final EditorPStates p;
  private final EditorConfig config;
  private final EditorStats stats;
  private final Map<Integer, DocCache> caches;
  private DocCache cache;
  private TaskContext ctx;
  private DocumentLog log;
  private DocWriter writer;

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
    log = new PStateLog(ctx, p, stats);
    writer = new DocWriter(ctx, p);
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
      writer.write(docId, step.writes());
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
}
