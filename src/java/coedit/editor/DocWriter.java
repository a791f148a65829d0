package coedit.editor;

import coedit.editor.data.ClientSeq;
import coedit.editor.data.HistoryEntry;
import coedit.editor.data.SeqEntry;
import coedit.editor.data.Snapshot;
import coedit.engine.ListStore;
import coedit.engine.MapStore;
import coedit.engine.SortedMapStore;
import coedit.engine.TaskContext;
import java.util.List;

/**
 * Carries out {@link DocWrite}s on the task's PStates, in order, atomically with the current
 * record (the engine commits a record's writes together). It decides nothing: what to write
 * was decided by {@link DocumentStep} and {@link Compaction}.
 */
final class DocWriter {
  private final MapStore<String, Snapshot> snapshots;
  private final ListStore<String, HistoryEntry> history;
  private final SortedMapStore<String, ClientSeq, SeqEntry> submissions;
  private final MapStore<String, Snapshot> horizons;

  DocWriter(TaskContext ctx, EditorPStates p) {
    this.snapshots = ctx.store(p.snapshots());
    this.history = ctx.store(p.history());
    this.submissions = ctx.store(p.submissions());
    this.horizons = ctx.store(p.horizons());
  }

  /** Writes {@code writes}, in order, for document {@code docId}. */
  void write(String docId, List<DocWrite> writes) {
    for (DocWrite w : writes) {
      if (w instanceof DocWrite.AppendHistory a) {
        history.append(docId, a.entry());
      } else if (w instanceof DocWrite.RecordSubmission r) {
        submissions.put(docId, r.key(), r.entry());
      } else if (w instanceof DocWrite.PutSnapshot s) {
        snapshots.put(docId, s.snapshot());
      } else if (w instanceof DocWrite.DropHistoryBefore d) {
        // Entry v sits at index v - 1: entries up to the horizon are the indexes below it.
        history.dropBefore(docId, d.horizon());
      } else if (w instanceof DocWrite.PutHorizonText t) {
        horizons.put(docId, t.text());
      } else {
        submissions.remove(docId, ((DocWrite.RemoveSubmission) w).key());
      }
    }
  }
}
