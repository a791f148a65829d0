package coedit.client;

import coedit.ot.Change;
import coedit.ot.Delete;
import coedit.ot.Edit;
import coedit.ot.Insert;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads {@code entry} and {@code ack} messages laid out exactly as {@code Wire.entry} and
 * {@code Wire.ack} write them (fields in that order, no whitespace, no escapes in strings)
 * with one pass over the characters and no parser objects. Anything else, even valid JSON
 * in another layout, returns null and goes to {@link FastEntry}'s streaming parser, so
 * this is a shortcut that is either exact or declines: it never guesses.
 */
final class ExactEntry {
  private static final String ENTRY = "{\"type\":\"entry\",\"version\":";
  private static final String ACK = "{\"type\":\"ack\",\"seq\":";

  private final String s;
  private int i;

  private ExactEntry(String s, int start) {
    this.s = s;
    this.i = start;
  }

  static ServerMessage.Entry parse(String text) {
    try {
      if (text.startsWith(ENTRY)) return new ExactEntry(text, ENTRY.length()).entry();
      if (text.startsWith(ACK)) return new ExactEntry(text, ACK.length()).ack();
      return null;
    } catch (RuntimeException e) {
      return null; // a layout this reader does not know: the general parsers decide
    }
  }

  private ServerMessage.Entry entry() {
    long version = number();
    if (!expect(",\"clientId\":")) return null;
    String clientId = string();
    if (clientId == null || !expect(",\"seq\":")) return null;
    long seq = number();
    Change c = edits();
    return c == null ? null : new ServerMessage.Entry(version, clientId, seq, c, false);
  }

  private ServerMessage.Entry ack() {
    long seq = number();
    if (!expect(",\"version\":")) return null;
    long version = number();
    Change c = edits();
    return c == null ? null : new ServerMessage.Entry(version, null, seq, c, true);
  }

  /** {@code ,"edits":[...]}} up to the end of the text. */
  private Change edits() {
    if (!expect(",\"edits\":[")) return null;
    List<Edit> out = new ArrayList<>(2);
    if (s.startsWith("]", i)) {
      i++;
    } else {
      while (true) {
        Edit e;
        if (expect("{\"type\":\"insert\",\"offset\":")) {
          int offset = small();
          if (!expect(",\"text\":")) return null;
          String t = string();
          if (t == null) return null;
          e = new Insert(offset, t);
        } else if (expect("{\"type\":\"delete\",\"offset\":")) {
          int offset = small();
          if (!expect(",\"length\":")) return null;
          e = new Delete(offset, small());
        } else {
          return null;
        }
        if (!expect("}")) return null;
        out.add(e);
        if (expect("]")) break;
        if (!expect(",")) return null;
      }
    }
    if (!expect("}") || i != s.length()) return null;
    return new Change(out);
  }

  private boolean expect(String token) {
    if (!s.startsWith(token, i)) return false;
    i += token.length();
    return true;
  }

  /** A non-negative integer of at most 18 digits (so it cannot overflow). */
  private long number() {
    int start = i;
    long v = 0;
    while (i < s.length()) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') break;
      v = v * 10 + (c - '0');
      i++;
    }
    if (i == start || i - start > 18 || (s.charAt(start) == '0' && i - start > 1)) {
      throw new IllegalArgumentException("not a plain number");
    }
    return v;
  }

  /** A number that fits an offset or length. */
  private int small() {
    long v = number();
    if (v > Integer.MAX_VALUE) throw new IllegalArgumentException("offset or length out of range");
    return (int) v;
  }

  /** A string without escapes or control characters; null for anything else. */
  private String string() {
    if (i >= s.length() || s.charAt(i) != '"') return null;
    int start = ++i;
    while (i < s.length()) {
      char c = s.charAt(i);
      if (c == '"') return s.substring(start, i++);
      if (c == '\\' || c < 0x20) return null;
      i++;
    }
    return null;
  }
}
