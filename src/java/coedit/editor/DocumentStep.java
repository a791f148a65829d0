package coedit.editor;

import coedit.editor.DocWrite.AppendHistory;
import coedit.editor.DocWrite.PutSnapshot;
import coedit.editor.DocWrite.RecordSubmission;
import coedit.editor.data.ClientSeq;
import coedit.editor.data.EditSubmission;
import coedit.editor.data.HistoryEntry;
import coedit.editor.data.EditorCodecs;
import coedit.editor.data.RejectCode;
import coedit.editor.data.SeqEntry;
import coedit.editor.data.Snapshot;
import coedit.editor.data.SubmitResult;
import coedit.editor.data.SubmitResult.Accepted;
import coedit.editor.data.SubmitResult.Rejected;
import coedit.ot.Change;
import coedit.ot.InvalidChangeException;
import coedit.ot.Ot;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The editor's whole decision about one submission to one document, as a function:
 * {@code step(document, submission) -> (document', outcome, writes)}. It is ot.js's
 * {@code server.js} made idempotent and bounded: transform the change over the history
 * since the version the client saw, then append it as the next version.
 *
 * <p>The module's topology runs it on the task owning the document, so submissions to a
 * document are decided one at a time in one total order; tests run the same function as
 * the reference model. It changes the document only through {@link Document#advance}, and
 * only when it accepts (and lets it {@link Document#remember} history it had to read, and
 * {@link Compaction} drop history the retention no longer keeps); it reads only the
 * document and the {@link DocumentLog}.
 */
final class DocumentStep {
  private DocumentStep() {}

  /** The document after the step (the same object, advanced if accepted), the outcome, the writes. */
  record Step(Document next, SubmitResult outcome, List<DocWrite> writes) {}

  /**
   * Decides {@code s} against {@code doc}, the document {@code s.docId()} names, whose ids
   * and numbers {@link SubmissionCheck#malformed} has passed. {@code timeMillis} is stored
   * with the entry (the depot record's append time, so reprocessing stores the same).
   */
  static Step step(Document doc, EditSubmission s, DocumentLog log, EditorConfig config, long timeMillis) {
    String docId = s.docId();
    ClientSeq key = s.key();
    long fingerprint = EditorCodecs.fingerprint(s);

    // A seen (author, client, seq) is answered with its original outcome and applies
    // nothing, if it is the same submission; its index entry was committed with its history
    // entry, so the entry exists. The key holds the author: another user's seqs are not ours.
    Long bound = doc.seqBound(key);
    SeqEntry seen;
    if (bound != null) {
      seen = s.seq() > bound ? null : log.accepted(docId, key);
    } else {
      Map.Entry<ClientSeq, SeqEntry> next = log.firstAtOrAfter(docId, key);
      if (next == null) bound = s.seq() - 1; // every seq of this client is below this one
      seen = next != null && next.getKey().seq() == s.seq() ? next.getValue() : null;
    }
    if (seen != null) {
      // Different content under a used seq is the client's bug (or someone else's guess):
      // answering it as a duplicate would tell the client its edit was applied when it was not.
      if (seen.fingerprint() != null && seen.fingerprint() != fingerprint) {
        return rejected(doc, RejectCode.SEQ_CONFLICT, "seq " + s.seq() + " of client " + s.clientId()
            + " was already used for a different submission (accepted as version " + seen.version()
            + " of document " + docId + "); never send different content under a used seq");
      }
      // Below the horizon the transformed change is gone: the answer says only where it went.
      long v = seen.version();
      return unchanged(doc, new Accepted(v, v <= doc.horizon() ? Change.EMPTY : log.change(docId, v), true));
    }

    if (s.version() > doc.version()) {
      return rejected(doc, RejectCode.VERSION_AHEAD, "version " + s.version() + " is ahead of document "
          + docId + ", which is at version " + doc.version());
    }
    if (s.version() < doc.horizon()) {
      return rejected(doc, RejectCode.HISTORY_COMPACTED, "version " + s.version() + " is below the history horizon "
          + doc.horizon() + " of document " + docId + ": the entries after it were compacted away; read the"
          + " document (now at version " + doc.version() + "), rebase the change onto it and submit that");
    }
    Rejected badSize = SubmissionCheck.badSize(s.change(), config);
    if (badSize != null) return unchanged(doc, badSize);

    // Entries base+1..current are exactly what the client had not seen. The document holds
    // its recent ones in transform-ready form; older ones are read from $$history once and
    // held with them, so the next submission made that early does not read them again.
    if (s.version() < doc.heldFrom()) doc.remember(log.changes(docId, s.version(), doc.heldFrom()));
    long baseLength = doc.length() - doc.lengthDeltaSince(s.version());
    Change change;
    try {
      // Validated against the document the client saw; the transformed change then fits the
      // current one by the transform law, and advance re-checks it before changing the text.
      // The transform equals Ot.transformOverHistory over the crossed entries, in O(log) steps.
      Ot.validate((int) baseLength, s.change());
      change = s.version() == doc.version() ? s.change() : doc.transformSince(s.version(), s.change());
    } catch (InvalidChangeException e) {
      return rejected(doc, RejectCode.INVALID_CHANGE, "the change does not fit document " + docId
          + " at version " + s.version() + ": " + e.getMessage());
    }
    long grown = doc.length() + change.lengthDelta();
    if (change.lengthDelta() > 0 && grown > config.maxDocumentCodePoints()) {
      return rejected(doc, RejectCode.TOO_LARGE, "document " + docId + " would grow to " + grown
          + " code points; the limit is " + config.maxDocumentCodePoints());
    }

    Snapshot snapshot = doc.advance(change, key, bound, config);
    long version = doc.version();
    HistoryEntry entry = new HistoryEntry(version, s.clientId(), s.seq(), timeMillis, change, s.author());
    List<DocWrite> writes = new ArrayList<>(4);
    writes.add(new AppendHistory(entry));
    writes.add(new RecordSubmission(key, new SeqEntry(version, fingerprint)));
    if (snapshot != null) writes.add(new PutSnapshot(snapshot));
    writes.addAll(Compaction.afterAccept(doc, docId, log, config, entry));
    return new Step(doc, new Accepted(version, change, false), writes);
  }

  private static Step unchanged(Document doc, SubmitResult outcome) {
    return new Step(doc, outcome, List.of());
  }

  private static Step rejected(Document doc, RejectCode code, String message) {
    return unchanged(doc, new Rejected(code, message));
  }
}
