package coedit.editor.data;

import coedit.ot.Change;
import java.util.Objects;

/**
 * One client submission: {@code change} was made against {@code version}, the number of
 * accepted submissions the client had seen. {@code (docId, clientId, seq)} identifies it:
 * resubmitting the same triple is answered with the original result and applies nothing.
 */
public record EditSubmission(String docId, String clientId, long seq, long version, Change change) {
  public EditSubmission {
    Objects.requireNonNull(docId, "docId");
    Objects.requireNonNull(clientId, "clientId");
    Objects.requireNonNull(change, "change");
  }
}
