package coedit.client;

import coedit.ot.Change;
import coedit.ot.Delete;
import coedit.ot.Edit;
import coedit.ot.Insert;
import java.util.ArrayList;
import java.util.List;

/**
 * The change that turns one text into another by replacing only the middle that differs
 * (common prefix and suffix stay), in code points: how a session takes a whole new text
 * from the server while carets outside the changed part stay put.
 */
final class TextDiff {
  private TextDiff() {}

  static Change between(String from, String to) {
    int[] a = from.codePoints().toArray();
    int[] b = to.codePoints().toArray();
    int prefix = 0;
    while (prefix < a.length && prefix < b.length && a[prefix] == b[prefix]) prefix++;
    int suffix = 0;
    while (suffix < a.length - prefix && suffix < b.length - prefix
        && a[a.length - 1 - suffix] == b[b.length - 1 - suffix]) {
      suffix++;
    }
    List<Edit> edits = new ArrayList<>(2);
    int removed = a.length - prefix - suffix;
    if (removed > 0) edits.add(new Delete(prefix, removed));
    if (b.length - prefix - suffix > 0) edits.add(new Insert(prefix, new String(b, prefix, b.length - prefix - suffix)));
    return new Change(edits);
  }
}
