package coedit.ot;

/**
 * Code-point helpers: the one place that decides what counts as a code point and what is
 * an unpaired surrogate, for the OT core, the editor module and the wire protocol alike.
 */
public final class Texts {
  private Texts() {}

  /**
   * The number of code points in {@code s}, or {@code -1 - i} when the UTF-16 unit at index
   * {@code i} is an unpaired surrogate (such text is not Unicode and could pair up with a
   * neighbouring half, changing every code-point offset after it).
   */
  static int codePoints(String s) {
    int bad = unpairedSurrogate(s);
    return bad >= 0 ? -1 - bad : s.codePointCount(0, s.length());
  }

  /**
   * The UTF-16 index of the first unpaired surrogate in {@code s}, or -1 when there is none
   * (then {@code s} is well-formed Unicode).
   */
  public static int unpairedSurrogate(String s) {
    int n = s.length();
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      if (Character.isSurrogate(c)) {
        if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
          i++;
        } else {
          return i;
        }
      }
    }
    return -1;
  }

  /** The length of {@code s} in code points (an unpaired surrogate counts as one). */
  public static int length(String s) {
    return s.codePointCount(0, s.length());
  }

  /** A short quoted rendering of {@code text} for messages: long texts are cut. */
  public static String quote(String text) {
    if (text == null) return "null";
    int cps = length(text);
    if (cps <= 40) return '"' + text + '"';
    return '"' + text.substring(0, text.offsetByCodePoints(0, 32)) + "...\" (" + cps + " code points)";
  }
}
