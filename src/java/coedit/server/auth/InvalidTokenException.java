package coedit.server.auth;

/** A token that does not verify; the message says why, without echoing the token. */
public final class InvalidTokenException extends Exception {
  public InvalidTokenException(String message) {
    super(message, null, false, false);
  }
}
