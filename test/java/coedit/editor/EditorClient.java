package coedit.editor;

import coedit.editor.data.EditSubmission;
import coedit.editor.data.SubmitResult;
import coedit.editor.data.SubmitResult.Accepted;
import coedit.editor.data.SubmitResult.Rejected;
import java.util.concurrent.TimeUnit;

/** A named test client of one document: numbers its submissions and waits for each ack. */
final class EditorClient {
  private final DocumentService service;
  private final String docId;
  private final String clientId;
  private long seq;

  EditorClient(DocumentService service, String docId, String clientId) {
    this.service = service;
    this.docId = docId;
    this.clientId = clientId;
  }

  /** Submits with the next seq and returns the ack. */
  SubmitResult submit(Edits.At edit) {
    return submit(seq++, edit);
  }

  /** Submits with a chosen seq (resubmissions) and returns the ack. */
  SubmitResult submit(long seq, Edits.At edit) {
    try {
      return service.submit(new EditSubmission(docId, clientId, seq, edit.version(), edit.change()))
          .get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError("submission " + seq + " of " + clientId + " failed", e);
    }
  }

  Accepted accepted(Edits.At edit) {
    SubmitResult r = submit(edit);
    if (r instanceof Accepted a) return a;
    throw new AssertionError("expected acceptance, got " + r);
  }

  String rejected(Edits.At edit) {
    SubmitResult r = submit(edit);
    if (r instanceof Rejected x) return x.message();
    throw new AssertionError("expected rejection, got " + r);
  }
}
