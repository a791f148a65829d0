package coedit.editor;

import coedit.editor.data.HistoryEntry;
import coedit.editor.data.Snapshot;
import coedit.engine.QueryContext;
import coedit.engine.ReadOnlyListStore;
import coedit.ot.ComposedHistory;
import coedit.ot.Ot;
import coedit.ot.Rope;

/**
 * Rebuilds a document from its PStates: the snapshot in {@code $$snapshots}, then the
 * history entries after it. Correct because entry v is the change that took the document
 * from version v - 1 to v, a snapshot is the text at its version, and compaction keeps the
 * snapshot at or above the history horizon (the first entry held is the horizon's
 * successor). Cost: the snapshot plus the tail, which the snapshot policy keeps short;
 * never the whole history.
 */
final class DocLoader {
  private DocLoader() {}

  private static final int CHUNK = 1024;

  /** The document at its current version (the size of its history). */
  static Document load(QueryContext ctx, EditorPStates p, String docId) {
    Snapshot snapshot = ctx.store(p.snapshots()).get(docId);
    if (snapshot == null) snapshot = Snapshot.EMPTY;
    ReadOnlyListStore<String, HistoryEntry> history = ctx.store(p.history());
    long version = history.size(docId);
    Rope text = new Rope(snapshot.text());
    ComposedHistory held = new ComposedHistory(snapshot.version());
    for (long from = snapshot.version(); from < version; from += CHUNK) {
      for (HistoryEntry e : history.range(docId, from, Math.min(version, from + CHUNK))) {
        Ot.apply(text, e.change());
        held.append(e.change());
      }
    }
    return new Document(text, version, snapshot.version(), held, history.start(docId));
  }
}
