package coedit.editor;

import coedit.editor.data.ClientSeq;
import coedit.editor.data.HistoryEntry;
import coedit.editor.data.SeqEntry;
import coedit.editor.data.Snapshot;

/**
 * What a {@link DocumentStep} asks to be written, as data: the module's topology writes
 * them to its PStates (atomically with the record), the reference model to its lists.
 */
sealed interface DocWrite {

  /** Append {@code entry} to the document's {@code $$history} (at index version - 1). */
  record AppendHistory(HistoryEntry entry) implements DocWrite {}

  /** Record in {@code $$submissions} that {@code key} was accepted as {@code entry} (version, fingerprint). */
  record RecordSubmission(ClientSeq key, SeqEntry entry) implements DocWrite {}

  /** Store {@code snapshot} as the document's {@code $$snapshots} value. */
  record PutSnapshot(Snapshot snapshot) implements DocWrite {}
}
