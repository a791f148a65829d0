package coedit.server.auth;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A token's document permissions: patterns to {@link Permission}s. A pattern is an exact
 * document id, a prefix ending in {@code *} ({@code "team-*"}), or {@code "*"} (every
 * document). A document gets the strongest permission of every pattern matching it, so
 * overlapping patterns only ever add.
 */
public final class Grants {
  /** Every document, read and write: the open mode's grants. */
  public static final Grants ALL = new Grants(Map.of("*", Permission.WRITE));
  /** Nothing at all. */
  public static final Grants NONE = new Grants(Map.of());

  private final Map<String, Permission> patterns;

  private Grants(Map<String, Permission> patterns) {
    this.patterns = Map.copyOf(patterns);
  }

  /**
   * The grants of a {@code docs} claim, given as pattern to {@code "read"}/{@code "write"};
   * IllegalArgumentException names the first bad pattern or permission.
   */
  public static Grants of(Map<String, String> claim) {
    Map<String, Permission> out = new LinkedHashMap<>();
    for (Map.Entry<String, String> e : claim.entrySet()) {
      String pattern = e.getKey();
      int star = pattern.indexOf('*');
      if (pattern.isEmpty() || (star >= 0 && star != pattern.length() - 1)) {
        throw new IllegalArgumentException("document pattern '" + pattern + "': use an id, a prefix ending in *, or *");
      }
      Permission p = e.getValue() == null ? null : Permission.parse(e.getValue());
      if (p == null) throw new IllegalArgumentException("document pattern '" + pattern + "': permission must be read or write");
      out.put(pattern, p);
    }
    return new Grants(out);
  }

  /** The strongest permission any pattern gives {@code docId}; null when none matches. */
  public Permission on(String docId) {
    Permission best = null;
    for (Map.Entry<String, Permission> e : patterns.entrySet()) {
      if (matches(e.getKey(), docId) && (best == null || e.getValue().covers(best))) best = e.getValue();
    }
    return best;
  }

  /** True when {@code docId} may be used as {@code needed} asks. */
  public boolean allows(String docId, Permission needed) {
    Permission p = on(docId);
    return p != null && p.covers(needed);
  }

  static boolean matches(String pattern, String docId) {
    return pattern.endsWith("*") ? docId.startsWith(pattern.substring(0, pattern.length() - 1)) : pattern.equals(docId);
  }

  @Override
  public String toString() {
    return patterns.toString();
  }
}
