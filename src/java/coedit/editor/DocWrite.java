package coedit.editor;

import coedit.editor.data.ClientSeq;
import coedit.editor.data.HistoryEntry;
import coedit.editor.data.SeqEntry;
import coedit.editor.data.Snapshot;

/**
 * What a {@link DocumentStep} or a {@link Compaction} asks to be written for one document,
 * as data: the module's topologies write them to its PStates and depots (atomically with
 * the record), the reference model to its lists.
 */
sealed interface DocWrite {

  /** Append {@code entry} to the document's {@code $$history} (at index version - 1). */
  record AppendHistory(HistoryEntry entry) implements DocWrite {}

  /** Record in {@code $$submissions} that {@code key} was accepted as {@code entry} (version, fingerprint). */
  record RecordSubmission(ClientSeq key, SeqEntry entry) implements DocWrite {}

  /** Store {@code snapshot} as the document's {@code $$snapshots} value. */
  record PutSnapshot(Snapshot snapshot) implements DocWrite {}

  /** Drop the document's {@code $$history} entries up to version {@code horizon} (indexes below it). */
  record DropHistoryBefore(long horizon) implements DocWrite {}

  /** Store {@code text}, the text at the new horizon, as the document's {@code $$horizons} value. */
  record PutHorizonText(Snapshot text) implements DocWrite {}

  /** Remove {@code key} from {@code $$submissions}: it is below the horizon and not its client's latest. */
  record RemoveSubmission(ClientSeq key) implements DocWrite {}
}
