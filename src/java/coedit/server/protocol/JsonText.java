package coedit.server.protocol;

import coedit.ot.Change;
import coedit.ot.Delete;
import coedit.ot.Edit;
import coedit.ot.Insert;

/**
 * Hand-written compact JSON for the messages sent thousands of times a second (entries,
 * acks, submissions): a {@link StringBuilder} instead of a Jackson generator per message,
 * which allocated a writer, an I/O context and buffers each time. The output is exactly
 * what {@link Json#MAPPER}'s generator writes for the same fields in the same order:
 * strings escape the quote and backslash, control characters as short escapes (b t n f r)
 * or six-character unicode escapes, everything else (non-ASCII included) as is; so it never holds a raw
 * newline, which the live protocol uses to separate messages.
 */
final class JsonText {
  private static final char[] HEX = "0123456789ABCDEF".toCharArray();

  private JsonText() {}

  /** Appends {@code s} as a JSON string literal. */
  static StringBuilder string(StringBuilder b, String s) {
    b.append('"');
    int n = s.length();
    int run = 0;
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      if (c >= 0x20 && c != '"' && c != '\\') continue;
      b.append(s, run, i);
      run = i + 1;
      switch (c) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        case '\b' -> b.append("\\b");
        case '\t' -> b.append("\\t");
        case '\n' -> b.append("\\n");
        case '\f' -> b.append("\\f");
        case '\r' -> b.append("\\r");
        default -> b.append("\\u00").append(HEX[c >> 4]).append(HEX[c & 0xF]);
      }
    }
    return b.append(s, run, n).append('"');
  }

  /** Appends a change as the JSON array of its edits. */
  static StringBuilder edits(StringBuilder b, Change change) {
    b.append('[');
    boolean first = true;
    for (Edit e : change.edits()) {
      if (!first) b.append(',');
      first = false;
      if (e instanceof Insert i) {
        b.append("{\"type\":\"insert\",\"offset\":").append(i.offset()).append(",\"text\":");
        string(b, i.text()).append('}');
      } else if (e instanceof Delete d) {
        b.append("{\"type\":\"delete\",\"offset\":").append(d.offset()).append(",\"length\":").append(d.length())
            .append('}');
      }
    }
    return b.append(']');
  }

  /** A capacity that fits a change's message without regrowing for typical edits. */
  static int capacity(Change change) {
    int n = 64;
    for (Edit e : change.edits()) n += 48 + (e instanceof Insert i ? i.text().length() + 8 : 0);
    return n;
  }
}
