package coedit.editor;

/**
 * Document and client ids: 1 to 128 characters of {@code [A-Za-z0-9._~-]}, so an id is safe
 * in a URL path segment, a file name and a log line without escaping.
 */
public final class Ids {
  /** The longest id accepted. */
  public static final int MAX_LENGTH = 128;

  /** ALLOWED[c] for c < 128: letters, digits and . _ ~ - */
  private static final boolean[] ALLOWED = new boolean[128];

  static {
    for (char c = 'A'; c <= 'Z'; c++) ALLOWED[c] = true;
    for (char c = 'a'; c <= 'z'; c++) ALLOWED[c] = true;
    for (char c = '0'; c <= '9'; c++) ALLOWED[c] = true;
    for (char c : ".-_~".toCharArray()) ALLOWED[c] = true;
  }

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
    if (id.length() > MAX_LENGTH) {
      return "is " + id.length() + " characters long; at most " + MAX_LENGTH + " are allowed";
    }
    for (int i = 0; i < id.length(); i++) {
      char c = id.charAt(i);
      if (c >= 128 || !ALLOWED[c]) {
        return "\"" + shorten(id) + "\" has character '" + printable(c) + "' at index " + i
            + "; only letters, digits and . _ ~ - are allowed";
      }
    }
    return null;
  }

  private static String shorten(String id) {
    return id.length() <= 40 ? id : id.substring(0, 40) + "...";
  }

  private static String printable(char c) {
    return c >= 0x20 && c < 0x7f ? String.valueOf(c) : String.format("\\u%04x", (int) c);
  }
}
