package coedit.editor;

import coedit.editor.data.ClientSeq;
import coedit.editor.data.SeqEntry;
import coedit.ot.Change;
import java.util.List;
import java.util.Map;

/**
 * What a {@link DocumentStep} may read of a document's durable state beyond the in-memory
 * {@link Document}: its history and its idempotency index. The module reads them from its
 * PStates on the owning task; the reference model from its lists.
 */
interface DocumentLog {

  /** The changes of versions {@code fromExclusive + 1 .. toInclusive}, in version order. */
  List<Change> changes(String docId, long fromExclusive, long toInclusive);

  /** The change accepted as {@code version} (1-based; it exists). */
  Change change(String docId, long version);

  /** The index entry of {@code key} (its version and fingerprint), or null when it was never accepted. */
  SeqEntry accepted(String docId, ClientSeq key);

  /**
   * The first index entry of {@code key}'s (author, client) at or after {@code key} (subkeys
   * sort by author and client, then seq): {@code key} itself, a later seq of that client, or
   * null when there is none (then every seq of that client is below {@code key}'s).
   */
  Map.Entry<ClientSeq, SeqEntry> firstAtOrAfter(String docId, ClientSeq key);
}
