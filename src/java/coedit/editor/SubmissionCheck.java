package coedit.editor;

import coedit.editor.data.EditSubmission;
import coedit.ot.Edit;
import coedit.ot.Insert;

/**
 * The checks a submission must pass before it can touch a document, independent of the
 * document's state: valid ids, sensible numbers, a non-empty change within the size limits.
 * (Offsets and lengths are checked against the document at the submission's base version by
 * the module, with {@code Ot.validate}.)
 */
final class SubmissionCheck {
  private SubmissionCheck() {}

  /** What is wrong with {@code s}, as a sentence; null when it passes. */
  static String problem(EditSubmission s, EditorConfig limits) {
    String p = Ids.problem(s.docId());
    if (p != null) return "docId " + p;
    p = Ids.problem(s.clientId());
    if (p != null) return "clientId " + p;
    if (s.seq() < 0 || s.seq() == Long.MAX_VALUE) {
      return "seq " + s.seq() + " is out of range; it must be in [0, " + (Long.MAX_VALUE - 1) + "]";
    }
    if (s.version() < 0) return "version " + s.version() + " is negative";
    var edits = s.change().edits();
    if (edits.isEmpty()) return "the change is empty; submit at least one edit";
    if (edits.size() > limits.maxEdits()) {
      return "the change has " + edits.size() + " edits; at most " + limits.maxEdits() + " are allowed";
    }
    long inserted = 0;
    for (Edit e : edits) {
      if (e instanceof Insert ins && ins.text() != null) {
        inserted += ins.text().codePointCount(0, ins.text().length());
      }
    }
    if (inserted > limits.maxInsertCodePoints()) {
      return "the change inserts " + inserted + " code points; at most "
          + limits.maxInsertCodePoints() + " are allowed";
    }
    return null;
  }
}
