package coedit.editor;

import java.text.Normalizer;

/**
 * Document and client ids: any Unicode name a person would type ("café", "a/b/c", "日本語",
 * "Q3 plan"), taken exactly as given, never rewritten. The rules keep an id safe to store,
 * log and put in a URL:
 * <ul>
 *   <li>1 to {@value #MAX_LENGTH} code points;
 *   <li>valid Unicode (no unpaired surrogate) in Normalization Form C, so two ids that
 *       look the same are the same string ("é" typed precomposed or as e + accent is one
 *       document: a client normalises before sending, the server refuses non-NFC);
 *   <li>no control characters (U+0000–U+001F, U+007F–U+009F), no line or paragraph
 *       separators (U+2028, U+2029) and no bidirectional controls (U+202A–U+202E,
 *       U+2066–U+2069), which could hide or reorder text in a log line or a page;
 *   <li>no leading or trailing whitespace, and not {@code "."} or {@code ".."} (which a
 *       URL path cannot carry as a segment).
 * </ul>
 * In a URL path an id is one segment, percent-encoded as UTF-8 (JavaScript's
 * {@code encodeURIComponent}): {@code a/b/c} is {@code /api/docs/a%2Fb%2Fc}, so a '/' in
 * a name is never a path separator. Every id of the old rules ({@code [A-Za-z0-9._~-]},
 * 1–128 characters) is still valid and means the same document.
 */
public final class Ids {
  /** The longest id accepted, in code points. */
  public static final int MAX_LENGTH = 128;

  private Ids() {}

  /** True when {@code id} is a valid id. */
  public static boolean isValid(String id) {
    return problem(id) == null;
  }

  /**
   * Throws {@link IllegalArgumentException} naming {@code what} and the problem when
   * {@code id} is not a valid id; returns {@code id} otherwise.
   */
  public static String validate(String what, String id) {
    String problem = problem(id);
    if (problem != null) throw new IllegalArgumentException(what + " " + problem);
    return id;
  }

  /** Why {@code id} is invalid, phrased to follow the id's name; null when it is valid. */
  public static String problem(String id) {
    if (id == null) return "is missing";
    if (id.isEmpty()) return "is empty";
    // Cheap bound first: a string of more than 2 * MAX_LENGTH UTF-16 units has more than MAX_LENGTH code points.
    int length = id.length() > 2 * MAX_LENGTH ? Integer.MAX_VALUE : id.codePointCount(0, id.length());
    if (length > MAX_LENGTH) {
      return "is " + (length == Integer.MAX_VALUE ? "over " + 2 * MAX_LENGTH : length)
          + " code points long; at most " + MAX_LENGTH + " are allowed";
    }
    for (int i = 0; i < id.length(); ) {
      int c = id.codePointAt(i);
      String bad = c >= Character.MIN_SUPPLEMENTARY_CODE_POINT ? null : forbidden(c);
      if (bad != null) {
        return "\"" + shorten(id) + "\" has " + bad + " " + String.format("U+%04X", c) + " at index " + i
            + "; names may use any text but control characters, separators and bidirectional controls";
      }
      i += Character.charCount(c);
    }
    if (Character.isWhitespace(id.codePointAt(0)) || Character.isWhitespace(id.codePointBefore(id.length()))
        || Character.isSpaceChar(id.codePointAt(0)) || Character.isSpaceChar(id.codePointBefore(id.length()))) {
      return "\"" + shorten(id) + "\" starts or ends with whitespace";
    }
    if (id.equals(".") || id.equals("..")) return "\"" + id + "\" cannot be a URL path segment";
    if (!Normalizer.isNormalized(id, Normalizer.Form.NFC)) {
      return "\"" + shorten(id) + "\" is not in Unicode Normalization Form C (normalise it before sending)";
    }
    return null;
  }

  /** What kind of forbidden character {@code c} (a BMP code point) is, or null when it is allowed. */
  private static String forbidden(int c) {
    if (c < 0x20 || (c >= 0x7f && c <= 0x9f)) return "control character";
    if (Character.isSurrogate((char) c)) return "unpaired surrogate";
    if (c == 0x2028 || c == 0x2029) return "line or paragraph separator";
    if ((c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069)) return "bidirectional control";
    return null;
  }

  private static String shorten(String id) {
    StringBuilder out = new StringBuilder();
    id.codePoints().limit(40).forEach(c -> {
      if (c < 0x20 || (c >= 0x7f && c <= 0x9f) || Character.isSurrogate((char) c) || c == 0x2028 || c == 0x2029
          || (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069)) {
        out.append(String.format("\\u%04x", c));
      } else {
        out.appendCodePoint(c);
      }
    });
    return id.codePointCount(0, id.length()) > 40 ? out + "..." : out.toString();
  }
}
