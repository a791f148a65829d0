package coedit.client;

import coedit.ot.Change;
import coedit.ot.Edit;
import coedit.ot.Insert;
import coedit.protocol.Wire;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Keeps every submission under the server's message limit ({@code joined.limits
 * .maxMessageBytes}): a change too large for one {@code submit} is cut into a first part
 * that fits and the rest, sent as the next submission(s). Edits apply in list order, so a
 * list cut anywhere is two valid changes, and an insert cut after k code points is the same
 * text inserted in two steps: the parts applied in order equal the whole.
 */
final class MessageSplit {
  private MessageSplit() {}

  /** The first part (never empty) and the rest (null when the whole change fits). */
  record Parts(Change first, Change rest) {}

  static int bytes(String message) {
    return message.getBytes(StandardCharsets.UTF_8).length;
  }

  static Parts fit(long seq, long version, Change change, long maxBytes) {
    String whole = Wire.submit(seq, version, change);
    if ((long) whole.length() * 3 <= maxBytes || bytes(whole) <= maxBytes) return new Parts(change, null);
    long room = maxBytes - bytes(Wire.submit(seq, version, Change.EMPTY));
    List<Edit> edits = change.edits();
    long used = 0;
    int k = 0;
    while (k < edits.size()) {
      long cost = bytes(Wire.submit(seq, version, Change.of(edits.get(k)))) - bytes(Wire.submit(seq, version, Change.EMPTY)) + 1;
      if (used + cost > room) break;
      used += cost;
      k++;
    }
    if (k > 0) return new Parts(new Change(edits.subList(0, k)), new Change(edits.subList(k, edits.size())));
    if (!(edits.get(0) instanceof Insert ins)) {
      throw new IllegalArgumentException("edit " + edits.get(0) + " cannot fit in " + maxBytes + " bytes");
    }
    long fields = bytes(Wire.submit(seq, version, Change.of(new Insert(ins.offset(), "x")))) - 1
        - bytes(Wire.submit(seq, version, Change.EMPTY)) + 1;
    String head;
    int cut;
    long budget = room - fields;
    do { // the estimate is exact for Jackson's escapes; the check keeps the guarantee should it ever not be
      cut = cut(ins.text(), budget);
      if (cut == 0) throw new IllegalArgumentException("a message limit of " + maxBytes + " bytes leaves no room for text");
      head = ins.text().substring(0, cut);
      budget -= 64;
    } while (bytes(Wire.submit(seq, version, Change.of(new Insert(ins.offset(), head)))) > maxBytes);
    List<Edit> rest = new ArrayList<>();
    rest.add(new Insert(ins.offset() + head.codePointCount(0, head.length()), ins.text().substring(cut)));
    rest.addAll(edits.subList(1, edits.size()));
    return new Parts(Change.of(new Insert(ins.offset(), head)), new Change(rest));
  }

  /** The longest prefix (in chars, on a code point boundary) whose JSON string content is at most {@code budget} bytes. */
  private static int cut(String text, long budget) {
    long used = 0;
    int i = 0;
    while (i < text.length()) {
      int c = text.codePointAt(i);
      int cost;
      if (c == '"' || c == '\\' || c == '\b' || c == '\t' || c == '\n' || c == '\f' || c == '\r') cost = 2;
      else if (c < 0x20) cost = 6;
      else if (c < 0x80) cost = 1;
      else if (c < 0x800) cost = 2;
      else if (c < 0x10000) cost = 3;
      else cost = 4;
      if (used + cost > budget) break;
      used += cost;
      i += Character.charCount(c);
    }
    return i;
  }
}
