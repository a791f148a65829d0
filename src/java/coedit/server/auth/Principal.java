package coedit.server.auth;

/**
 * Who a request or connection acts for: {@code user} (the token's {@code sub}; null for the
 * open mode's anonymous user), the display {@code name} (the token's {@code name}, else the
 * user; null when open), what it may do ({@code grants}), and when that ends
 * ({@code expiresAtMillis}, epoch milliseconds; {@link Long#MAX_VALUE} for never).
 */
public record Principal(String user, String name, Grants grants, long expiresAtMillis) {
  /** The open mode's anonymous user: everything, forever. */
  public static final Principal OPEN = new Principal(null, null, Grants.ALL, Long.MAX_VALUE);

  /** True when authenticated (not the open mode's anonymous user). */
  public boolean authenticated() {
    return user != null;
  }

  public boolean canRead(String docId) {
    return grants.allows(docId, Permission.READ);
  }

  public boolean canWrite(String docId) {
    return grants.allows(docId, Permission.WRITE);
  }

  /** True when the access has ended at {@code nowMillis}. */
  public boolean expired(long nowMillis) {
    return nowMillis >= expiresAtMillis;
  }
}
