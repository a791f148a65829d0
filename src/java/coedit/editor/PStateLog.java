package coedit.editor;

import coedit.editor.data.ClientSeq;
import coedit.editor.data.HistoryEntry;
import coedit.editor.data.SeqEntry;
import coedit.editor.data.Snapshot;
import coedit.engine.QueryContext;
import coedit.engine.ReadOnlyListStore;
import coedit.engine.ReadOnlyMapStore;
import coedit.engine.ReadOnlySortedMapStore;
import coedit.ot.Change;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A {@link DocumentLog} over the task's {@code $$history}, {@code $$submissions},
 * {@code $$snapshots} and {@code $$horizons}: range reads of just what a step asks for, in
 * pages. Valid on the owning task, during one record.
 */
final class PStateLog implements DocumentLog {
  private static final int PAGE = 4096;

  private final ReadOnlyListStore<String, HistoryEntry> history;
  private final ReadOnlySortedMapStore<String, ClientSeq, SeqEntry> submissions;
  private final ReadOnlyMapStore<String, Snapshot> snapshots;
  private final ReadOnlyMapStore<String, Snapshot> horizons;
  private final EditorStats stats;

  PStateLog(QueryContext ctx, EditorPStates p, EditorStats stats) {
    this.history = ctx.store(p.history());
    this.submissions = ctx.store(p.submissions());
    this.snapshots = ctx.store(p.snapshots());
    this.horizons = ctx.store(p.horizons());
    this.stats = stats;
  }

  @Override
  public List<Change> changes(String docId, long fromExclusive, long toInclusive) {
    stats.historyRead();
    List<Change> changes = new ArrayList<>((int) Math.min(PAGE, toInclusive - fromExclusive));
    for (HistoryEntry e : entries(docId, fromExclusive, toInclusive)) changes.add(e.change());
    return changes;
  }

  @Override
  public List<HistoryEntry> entries(String docId, long fromExclusive, long toInclusive) {
    // Entry v sits at index v - 1: versions (from, to] are indexes [from, to).
    List<HistoryEntry> out = new ArrayList<>();
    for (long from = fromExclusive; from < toInclusive; from += PAGE) {
      out.addAll(history.range(docId, from, Math.min(toInclusive, from + PAGE)));
    }
    return out;
  }

  @Override
  public Change change(String docId, long version) {
    return history.get(docId, version - 1).change();
  }

  @Override
  public long entryTime(String docId, long version) {
    return history.get(docId, version - 1).timeMillis();
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

  @Override
  public List<Map.Entry<ClientSeq, SeqEntry>> submissions(String docId, ClientSeq from, ClientSeq to) {
    List<Map.Entry<ClientSeq, SeqEntry>> out = new ArrayList<>();
    ClientSeq next = from;
    while (true) {
      List<Map.Entry<ClientSeq, SeqEntry>> page = submissions.range(docId, next, to, PAGE);
      out.addAll(page);
      if (page.size() < PAGE) return out;
      next = page.get(page.size() - 1).getKey();
      next = next.withSeq(next.seq() + 1);
    }
  }

  @Override
  public Snapshot snapshot(String docId) {
    return snapshots.get(docId);
  }

  @Override
  public Snapshot horizonText(String docId) {
    return horizons.get(docId);
  }
}
