package coedit.editor;

import coedit.editor.data.EditSubmission;
import coedit.editor.data.RejectCode;
import coedit.editor.data.SubmitResult.Rejected;
import coedit.ot.Change;

/**
 * The checks a submission must pass whatever the document's state: ids and numbers before
 * the document is even loaded, and the change's size. (Offsets and lengths are checked
 * against the document at the submission's base version by {@link DocumentStep}.)
 */
final class SubmissionCheck {
  private SubmissionCheck() {}

  /** The rejection of a submission with bad ids or impossible numbers; null when it has none. */
  static Rejected malformed(EditSubmission s) {
    String p = Ids.problem(s.docId());
    if (p != null) return new Rejected(RejectCode.BAD_ID, "docId " + p);
    p = Ids.problem(s.clientId());
    if (p != null) return new Rejected(RejectCode.BAD_ID, "clientId " + p);
    if (s.seq() < 0 || s.seq() == Long.MAX_VALUE) {
      return new Rejected(RejectCode.BAD_MESSAGE,
          "seq " + s.seq() + " is out of range; it must be in [0, " + (Long.MAX_VALUE - 1) + "]");
    }
    if (s.version() < 0) return new Rejected(RejectCode.BAD_MESSAGE, "version " + s.version() + " is negative");
    p = authorProblem(s.author());
    if (p != null) return new Rejected(RejectCode.BAD_MESSAGE, "author " + p);
    return null;
  }

  /** The longest author (an authenticated user id) accepted, in UTF-16 units. */
  static final int MAX_AUTHOR_LENGTH = 256;

  /**
   * Why {@code author} cannot be stored, or null: null (no author) is fine; otherwise 1 to
   * 256 characters without control characters (the index key ends the author with a 0 byte).
   */
  static String authorProblem(String author) {
    if (author == null) return null;
    if (author.isEmpty()) return "is empty";
    if (author.length() > MAX_AUTHOR_LENGTH) return "is longer than " + MAX_AUTHOR_LENGTH + " characters";
    for (int i = 0; i < author.length(); i++) {
      if (Character.isISOControl(author.charAt(i))) return "has a control character at index " + i;
    }
    return null;
  }

  /** The rejection of an empty change or one over the size limits; null when it has none. */
  static Rejected badSize(Change change, EditorConfig limits) {
    int edits = change.edits().size();
    if (edits == 0) return new Rejected(RejectCode.INVALID_CHANGE, "the change is empty; submit at least one edit");
    if (edits > limits.maxEdits()) {
      return new Rejected(RejectCode.TOO_LARGE,
          "the change has " + edits + " edits; at most " + limits.maxEdits() + " are allowed");
    }
    long inserted = change.insertedCodePoints();
    if (inserted > limits.maxDocumentCodePoints()) {
      // What one change inserts must fit in a document, even when it deletes as much: a
      // net-zero [insert 1M, delete 1M] would otherwise grow the history by 1M per
      // submission past any document limit.
      return new Rejected(RejectCode.TOO_LARGE, "the change inserts " + inserted
          + " code points, more than a document may hold (the limit is " + limits.maxDocumentCodePoints() + ")");
    }
    if (inserted > limits.maxInsertCodePoints()) {
      return new Rejected(RejectCode.TOO_LARGE, "the change inserts " + inserted + " code points; at most "
          + limits.maxInsertCodePoints() + " are allowed");
    }
    long size = inserted + change.deletedCodePoints();
    if (size > limits.maxChangeCodePoints()) {
      return new Rejected(RejectCode.TOO_LARGE, "the change inserts and deletes " + size
          + " code points in all; at most " + limits.maxChangeCodePoints() + " are allowed");
    }
    return null;
  }
}
