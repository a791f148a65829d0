package coedit.editor;

import coedit.editor.data.ClientSeq;
import coedit.editor.data.HistoryEntry;
import coedit.editor.data.SeqEntry;
import coedit.engine.ReadOnlyListStore;
import coedit.engine.ReadOnlySortedMapStore;
import coedit.ot.Change;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A {@link DocumentLog} over the task's {@code $$history} and {@code $$submissions}: range
 * reads of just what a step asks for. Valid on the owning task, during one record.
 */
final class PStateLog implements DocumentLog {
  private final ReadOnlyListStore<String, HistoryEntry> history;
  private final ReadOnlySortedMapStore<String, ClientSeq, SeqEntry> submissions;
  private final EditorStats stats;

  PStateLog(ReadOnlyListStore<String, HistoryEntry> history,
      ReadOnlySortedMapStore<String, ClientSeq, SeqEntry> submissions, EditorStats stats) {
    this.history = history;
    this.submissions = submissions;
    this.stats = stats;
  }

  @Override
  public List<Change> changes(String docId, long fromExclusive, long toInclusive) {
    stats.historyRead();
    // Entry v sits at index v - 1: versions (from, to] are indexes [from, to).
    List<HistoryEntry> entries = history.range(docId, fromExclusive, toInclusive);
    List<Change> changes = new ArrayList<>(entries.size());
    for (HistoryEntry e : entries) changes.add(e.change());
    return changes;
  }

  @Override
  public Change change(String docId, long version) {
    return history.get(docId, version - 1).change();
  }

  @Override
  public SeqEntry accepted(String docId, ClientSeq key) {
    return submissions.get(docId, key);
  }

  @Override
  public Map.Entry<ClientSeq, SeqEntry> firstAtOrAfter(String docId, ClientSeq key) {
    List<Map.Entry<ClientSeq, SeqEntry>> next = submissions.range(docId, key, key.withSeq(Long.MAX_VALUE), 1);
    return next.isEmpty() ? null : next.get(0);
  }
}
