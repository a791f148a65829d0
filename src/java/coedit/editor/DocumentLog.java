package coedit.editor;

import coedit.editor.data.ClientSeq;
import coedit.editor.data.HistoryEntry;
import coedit.editor.data.SeqEntry;
import coedit.editor.data.Snapshot;
import coedit.ot.Change;
import java.util.List;
import java.util.Map;

/**
 * What a {@link DocumentStep} or a {@link Compaction} may read of a document's durable state
 * beyond the in-memory {@link Document}: its history, its idempotency index and its stored
 * texts, as committed before the current record. The module reads them from its PStates on
 * the owning task; the reference model from its lists.
 */
interface DocumentLog {

  /** The changes of versions {@code fromExclusive + 1 .. toInclusive}, in version order (all held). */
  List<Change> changes(String docId, long fromExclusive, long toInclusive);

  /** The entries of versions {@code fromExclusive + 1 .. toInclusive}, in version order (all held). */
  List<HistoryEntry> entries(String docId, long fromExclusive, long toInclusive);

  /** The change accepted as {@code version} (1-based; it is held). */
  Change change(String docId, long version);

  /** When the entry of {@code version} was appended (its record's append time; it is held). */
  long entryTime(String docId, long version);

  /**
   * The index entry of {@code key} (its version and fingerprint), or null when it was never
   * accepted or compaction removed it.
   */
  SeqEntry accepted(String docId, ClientSeq key);

  /**
   * The first index entry of {@code key}'s (author, client) at or after {@code key} (subkeys
   * sort by author and client, then seq): {@code key} itself, a later seq of that client, or
   * null when there is none (then every seq of that client is below {@code key}'s).
   */
  Map.Entry<ClientSeq, SeqEntry> firstAtOrAfter(String docId, ClientSeq key);

  /** The index entries with {@code from <= key < to}, in key order. */
  List<Map.Entry<ClientSeq, SeqEntry>> submissions(String docId, ClientSeq from, ClientSeq to);

  /** The stored snapshot ({@code $$snapshots}), or null when there is none. */
  Snapshot snapshot(String docId);

  /** The text at the history horizon ({@code $$horizons}), or null when nothing was compacted. */
  Snapshot horizonText(String docId);
}
