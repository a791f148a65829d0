package coedit.server.auth;

import coedit.protocol.Messages;
import coedit.protocol.ProtocolException;

/**
 * The server's one door for identity, shared by HTTP and the live protocol: a token (or
 * its absence) becomes a {@link Principal}, and a principal's request on a document is
 * allowed or refused with the protocol's error. Without a verifier the server is open and
 * every caller is {@link Principal#OPEN}.
 */
public final class Access {
  private static final String BEARER = "Bearer ";
  private final TokenVerifier verifier;

  /** {@code verifier} null: open mode. */
  public Access(TokenVerifier verifier) {
    this.verifier = verifier;
  }

  /** True when no authentication is configured. */
  public boolean open() {
    return verifier == null;
  }

  /**
   * The principal of {@code token} (null: none given). Open mode ignores tokens.
   *
   * @throws ProtocolException {@code unauthorized} for a missing or invalid token
   */
  public Principal authenticate(String token) {
    if (verifier == null) return Principal.OPEN;
    if (token == null || token.isBlank()) throw new ProtocolException(Messages.UNAUTHORIZED, "a bearer token is required");
    try {
      return verifier.verify(token.trim());
    } catch (InvalidTokenException e) {
      throw new ProtocolException(Messages.UNAUTHORIZED, e.getMessage());
    }
  }

  /** The principal of an HTTP {@code Authorization} header value ({@code Bearer TOKEN}; null: none). */
  public Principal fromHeader(String authorization) {
    if (verifier == null) return Principal.OPEN;
    if (authorization == null) throw new ProtocolException(Messages.UNAUTHORIZED, "missing 'Authorization: Bearer <token>' header");
    if (!authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
      throw new ProtocolException(Messages.UNAUTHORIZED, "the Authorization header must be 'Bearer <token>'");
    }
    return authenticate(authorization.substring(BEARER.length()));
  }

  /** Refuses ({@code forbidden}) unless {@code p} may read {@code docId}. */
  public static void requireRead(Principal p, String docId) {
    if (!p.canRead(docId)) {
      throw new ProtocolException(Messages.FORBIDDEN, "user '" + p.user() + "' may not read document '" + docId + "'");
    }
  }

  /** Refuses ({@code forbidden}) unless {@code p} may write {@code docId}. */
  public static void requireWrite(Principal p, String docId) {
    if (!p.canWrite(docId)) {
      throw new ProtocolException(Messages.FORBIDDEN, "user '" + p.user() + "' may not edit document '" + docId
          + "'" + (p.canRead(docId) ? " (read-only access)" : ""));
    }
  }
}
