package coedit.ot;

/** Code-point helpers shared by validation, the rope and the operation form. */
final class Texts {
  private Texts() {}

  /**
   * The number of code points in {@code s}, or {@code -1 - i} when the UTF-16 unit at index
   * {@code i} is an unpaired surrogate (such text is not Unicode and could pair up with a
   * neighbouring half, changing every code-point offset after it).
   */
  static int codePoints(String s) {
    int n = s.length();
    int count = 0;
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      if (Character.isSurrogate(c)) {
        if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
          i++;
        } else {
          return -1 - i;
        }
      }
      count++;
    }
    return count;
  }

  /** A short quoted rendering of {@code text} for messages: long texts are cut. */
  static String quote(String text) {
    if (text == null) return "null";
    int cps = text.codePointCount(0, text.length());
    if (cps <= 40) return '"' + text + '"';
    return '"' + text.substring(0, text.offsetByCodePoints(0, 32)) + "...\" (" + cps + " code points)";
  }
}
