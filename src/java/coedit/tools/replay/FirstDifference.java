package coedit.tools.replay;

/** A short description of where two texts first differ, for failure messages. */
final class FirstDifference {
  private FirstDifference() {}

  static String describe(String expected, String actual) {
    int i = 0;
    int n = Math.min(expected.length(), actual.length());
    while (i < n && expected.charAt(i) == actual.charAt(i)) i++;
    return "the final text differs from endContent at char " + i + " (expected length "
        + expected.length() + ", got " + actual.length() + "): expected \""
        + around(expected, i) + "\", got \"" + around(actual, i) + "\"";
  }

  private static String around(String s, int i) {
    int from = Math.max(0, i - 20);
    int to = Math.min(s.length(), i + 20);
    return s.substring(from, to).replace("\n", "\\n");
  }
}
