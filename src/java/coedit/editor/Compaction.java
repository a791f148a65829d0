package coedit.editor;

import coedit.editor.DocWrite.DropHistoryBefore;
import coedit.editor.DocWrite.PutHorizonText;
import coedit.editor.DocWrite.PutSnapshot;
import coedit.editor.DocWrite.RemoveSubmission;
import coedit.editor.data.ClientSeq;
import coedit.editor.data.HistoryEntry;
import coedit.editor.data.SeqEntry;
import coedit.editor.data.Snapshot;
import coedit.ot.Ot;
import coedit.ot.Rope;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * History retention as functions next to {@link DocumentStep}: when to drop a document's
 * oldest history, and what that writes. Like the step, they read only the {@link Document}
 * and the {@link DocumentLog}, change the document only through {@link Document#compacted},
 * and return writes, which are committed with the submission that caused them.
 *
 * <p>Laws they keep:
 * <ul>
 *   <li>Nothing a client may still need is dropped early: an entry goes only when the
 *       {@link HistoryRetention} keeps it by neither count nor age, and its text survives
 *       as the text at the new horizon ({@code $$horizons}), written with the drop.</li>
 *   <li>The snapshot never falls below the horizon, so a document always loads.</li>
 *   <li>The idempotency index keeps every entry above the horizon and, below it, each
 *       client's latest seq: a client's unacknowledged submission is always either found
 *       there (it was accepted) or refused as compacted (it never will be), never applied
 *       twice.</li>
 *   <li>Decisions depend on versions, lengths and stored append times only: recompute
 *       decides the same.</li>
 * </ul>
 */
final class Compaction {
  private Compaction() {}

  /**
   * After {@code accepted} was accepted (its writes not yet applied): drops what the policy
   * no longer keeps, once that is at least as much as it keeps (amortized). Returns the
   * writes, or an empty list when nothing is due.
   */
  static List<DocWrite> afterAccept(Document doc, String docId, DocumentLog log, EditorConfig config,
      HistoryEntry accepted) {
    HistoryRetention r = config.retention();
    if (!r.enabled()) return List.of();
    long horizon = horizonFor(doc, docId, log, r, config, accepted.timeMillis());
    if (horizon == doc.horizon()) return List.of();
    return compact(doc, docId, log, horizon, accepted);
  }

  /**
   * Where the horizon goes now: the newest version the policy no longer keeps, if that drops
   * enough to be worth it, else where it is. Entry v (the newest, accepted just now at
   * {@code nowMillis}) is younger than any age bound.
   */
  static long horizonFor(Document doc, String docId, DocumentLog log, HistoryRetention r, EditorConfig config,
      long nowMillis) {
    long v = doc.version();
    long h = doc.horizon();
    long candidate = r.keepVersions() >= 0 ? v - r.keepVersions() : v;
    if (candidate - h < HistoryRetention.MIN_BATCH) return h;
    if (r.keepMillis() >= 0) {
      candidate = lastOlderThan(log, docId, h, Math.min(candidate, v - 1), nowMillis - r.keepMillis());
    }
    long slack = Math.max(Math.max(HistoryRetention.MIN_BATCH, v - candidate),
        doc.length() / config.snapshotCharsPerEdit());
    return candidate - h >= slack ? candidate : h;
  }

  /**
   * The newest version in (lo, hi] whose entry was appended before {@code cutoff}, or lo
   * when none was; append times are taken as non-decreasing (binary search, O(log n) reads).
   */
  private static long lastOlderThan(DocumentLog log, String docId, long lo, long hi, long cutoff) {
    if (hi <= lo || log.entryTime(docId, lo + 1) >= cutoff) return lo;
    long a = lo + 1;
    long b = hi;
    while (a < b) {
      long m = (a + b + 1) >>> 1;
      if (log.entryTime(docId, m) < cutoff) a = m;
      else b = m - 1;
    }
    return a;
  }

  /**
   * Moves the horizon to {@code newHorizon} (> the current one): stores the text there, drops
   * the entries up to it and the index entries below it that no resend can need, and moves
   * the snapshot up to the horizon if it was below. {@code pending} is the entry accepted by
   * the current step, not in the log yet.
   */
  private static List<DocWrite> compact(Document doc, String docId, DocumentLog log, long newHorizon,
      HistoryEntry pending) {
    long h = doc.horizon();
    long snapshotVersion = doc.snapshotVersion();
    List<DocWrite> writes = new ArrayList<>();
    List<HistoryEntry> dropped = new ArrayList<>(log.entries(docId, h, Math.min(newHorizon, pending.version() - 1)));
    if (newHorizon == pending.version()) dropped.add(pending);
    // The text at the new horizon, from the stored text nearest below it.
    Snapshot stored = log.snapshot(docId);
    Snapshot base = stored != null && stored.version() >= h && stored.version() <= newHorizon ? stored : textAt(log, docId, h);
    Rope text = new Rope(base.text());
    for (HistoryEntry e : dropped) if (e.version() > base.version()) Ot.apply(text, e.change());
    Snapshot horizonText = new Snapshot(newHorizon, text.toString());
    writes.add(new PutHorizonText(horizonText));
    writes.add(new DropHistoryBefore(newHorizon));
    for (ClientSeq key : staleSeqs(docId, log, dropped, newHorizon, pending)) writes.add(new RemoveSubmission(key));
    if (snapshotVersion < newHorizon) {
      writes.add(new PutSnapshot(horizonText));
      snapshotVersion = newHorizon;
    }
    doc.compacted(newHorizon, snapshotVersion);
    return writes;
  }

  /** The stored text at horizon {@code h}: empty at 0, else {@code $$horizons}. */
  private static Snapshot textAt(DocumentLog log, String docId, long h) {
    if (h == 0) return Snapshot.EMPTY;
    Snapshot s = log.horizonText(docId);
    if (s == null || s.version() != h) {
      throw new IllegalStateException("document " + docId + " has no text at its horizon " + h + " (found "
          + (s == null ? "none" : "version " + s.version()) + ")");
    }
    return s;
  }

  /**
   * The index entries to remove when {@code dropped} goes below {@code newHorizon}: for each
   * (author, client) in it, its entries at or below the horizon except its latest seq
   * overall (kept so that its unacknowledged submission is still recognised, and so that a
   * rejoining client learns whether it got in). Reads O(clients in the range) ranges.
   * {@code pending}, accepted by the current step, is not in the index yet.
   */
  private static List<ClientSeq> staleSeqs(String docId, DocumentLog log, List<HistoryEntry> dropped, long newHorizon,
      HistoryEntry pending) {
    Map<ClientSeq, Long> highest = new HashMap<>();
    for (HistoryEntry e : dropped) highest.merge(new ClientSeq(e.author(), e.clientId(), 0), e.seq(), Math::max);
    ClientSeq pendingKey = new ClientSeq(pending.author(), pending.clientId(), pending.seq());
    List<ClientSeq> out = new ArrayList<>();
    for (Map.Entry<ClientSeq, Long> c : highest.entrySet()) {
      ClientSeq client = c.getKey();
      long top = c.getValue();
      boolean later = log.firstAtOrAfter(docId, client.withSeq(top + 1)) != null
          || (pendingKey.sameSubmitter(client) && pendingKey.seq() > top);
      for (Map.Entry<ClientSeq, SeqEntry> s : log.submissions(docId, client, client.withSeq(top + 1))) {
        if (s.getValue().version() <= newHorizon && (later || s.getKey().seq() != top)) out.add(s.getKey());
      }
    }
    return out;
  }
}
