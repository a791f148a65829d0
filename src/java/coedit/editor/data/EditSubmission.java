package coedit.editor.data;

import coedit.ot.Change;
import java.util.Objects;

/**
 * One client submission: {@code change} was made against {@code version}, the number of
 * accepted submissions the client had seen. {@code author} is the authenticated user who
 * sent it (null when the server runs without authentication). {@code (docId, author,
 * clientId, seq)} identifies it: resubmitting the same submission under it is answered with
 * the original result and applies nothing; different content under it is a conflict.
 */
public record EditSubmission(String docId, String clientId, long seq, long version, Change change, String author) {
  public EditSubmission {
    Objects.requireNonNull(docId, "docId");
    Objects.requireNonNull(clientId, "clientId");
    Objects.requireNonNull(change, "change");
  }

  /** A submission without an authenticated author (open mode). */
  public EditSubmission(String docId, String clientId, long seq, long version, Change change) {
    this(docId, clientId, seq, version, change, null);
  }

  /** Where this submission sits in the idempotency index. */
  public ClientSeq key() {
    return new ClientSeq(author, clientId, seq);
  }
}
