package coedit.client;

import coedit.ot.Change;
import coedit.ot.Rebase;

/**
 * The change that turns one text into another by replacing only the middle that differs
 * (common prefix and suffix stay), in code points: how a session takes a whole new text
 * from the server while carets outside the changed part stay put.
 */
final class TextDiff {
  private TextDiff() {}

  static Change between(String from, String to) {
    return Rebase.diff(from, to);
  }
}
