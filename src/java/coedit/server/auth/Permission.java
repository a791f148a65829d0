package coedit.server.auth;

/** What a token may do with a document. {@link #WRITE} implies {@link #READ}. */
public enum Permission {
  /** Read the text and history, join live, see and send presence. */
  READ,
  /** Everything {@link #READ} allows, and submit edits. */
  WRITE;

  /** True when holding this permission is enough for {@code needed}. */
  public boolean covers(Permission needed) {
    return compareTo(needed) >= 0;
  }

  /** {@code "read"} or {@code "write"}, as in the {@code docs} claim; null for anything else. */
  public static Permission parse(String s) {
    return switch (s) {
      case "read" -> READ;
      case "write" -> WRITE;
      default -> null;
    };
  }
}
