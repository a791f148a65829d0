package coedit.server.auth;

/** Turns a bearer token into the {@link Principal} it names, or refuses it. */
@FunctionalInterface
public interface TokenVerifier {
  /**
   * The principal of a valid token; throws {@link InvalidTokenException} saying what is
   * wrong (for logs and the client) when the token is malformed, badly signed, expired, not
   * yet valid, for another issuer or audience, or lacks well-formed claims.
   */
  Principal verify(String token) throws InvalidTokenException;
}
