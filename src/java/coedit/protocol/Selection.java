package coedit.protocol;

import coedit.ot.Change;
import coedit.ot.Delete;
import coedit.ot.Edit;
import coedit.ot.Insert;
import coedit.ot.Texts;

/**
 * A cursor or selection in code points: {@code anchor == head} is a caret. Server and
 * clients move selections through edits with the same rule (docs/protocol.md, Presence):
 * an insert at or before a position pushes it right; a delete pulls positions after it
 * left and collapses positions inside it to its start.
 */
public record Selection(int anchor, int head) {

  /** This selection moved through every edit of {@code change}, in order. */
  public Selection through(Change change) {
    int a = anchor;
    int h = head;
    for (Edit e : change.edits()) {
      a = move(a, e);
      h = move(h, e);
    }
    return new Selection(a, h);
  }

  /** Both ends limited to {@code [0, length]}. */
  public Selection clamp(int length) {
    return new Selection(Math.max(0, Math.min(anchor, length)), Math.max(0, Math.min(head, length)));
  }

  /** A position moved through one edit. */
  public static int move(int p, Edit e) {
    if (e instanceof Insert i) {
      return i.offset() <= p ? p + Texts.length(i.text()) : p;
    }
    Delete d = (Delete) e;
    if (p <= d.offset()) return p;
    if (p >= d.offset() + d.length()) return p - d.length();
    return d.offset();
  }
}
