package coedit.protocol;

/**
 * Bad input or a refused request, as the client should see it: a {@link Messages} error
 * code and a message naming what was wrong. HTTP maps the code to a status; the live
 * protocol sends it as an {@code error} message. Never carries a stack trace to clients.
 */
public final class ProtocolException extends RuntimeException {
  private final String code;

  public ProtocolException(String code, String message) {
    super(message, null, false, false);
    this.code = code;
  }

  /** One of the error codes in {@link Messages}. */
  public String code() {
    return code;
  }

  /** The HTTP status for this error's code (docs/protocol.md, "Errors"). */
  public int httpStatus() {
    return httpStatus(code);
  }

  /** The HTTP status for an error code; 400 for any code not listed. */
  public static int httpStatus(String code) {
    return switch (code) {
      case Messages.VERSION_AHEAD -> 409;
      case Messages.TOO_LARGE -> 413;
      case Messages.NOT_FOUND -> 404;
      case Messages.METHOD_NOT_ALLOWED -> 405;
      case Messages.UNAVAILABLE -> 503;
      case Messages.INTERNAL -> 500;
      default -> 400;
    };
  }
}
