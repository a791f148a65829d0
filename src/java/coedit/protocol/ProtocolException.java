package coedit.protocol;

/**
 * Bad input or a refused request, as the client should see it: a {@link Messages} error
 * code and a message naming what was wrong. HTTP maps the code to a status; the live
 * protocol sends it as an {@code error} message. Never carries a stack trace to clients.
 */
public final class ProtocolException extends RuntimeException {
  private final String code;
  private final long retryAfterMillis;

  public ProtocolException(String code, String message) {
    this(code, message, 0);
  }

  /** An error the client may retry after {@code retryAfterMillis} (e.g. {@code rate_limited}). */
  public ProtocolException(String code, String message, long retryAfterMillis) {
    super(message, null, false, false);
    this.code = code;
    this.retryAfterMillis = retryAfterMillis;
  }

  /** How long the client should wait before retrying; 0 when not given. */
  public long retryAfterMillis() {
    return retryAfterMillis;
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
      case Messages.VERSION_AHEAD, Messages.SEQ_CONFLICT -> 409;
      case Messages.UNAUTHORIZED -> 401;
      case Messages.FORBIDDEN -> 403;
      case Messages.RATE_LIMITED -> 429;
      case Messages.UNSUPPORTED_MEDIA_TYPE -> 415;
      case Messages.HISTORY_COMPACTED -> 410;
      case Messages.TOO_LARGE -> 413;
      case Messages.NOT_FOUND -> 404;
      case Messages.METHOD_NOT_ALLOWED -> 405;
      case Messages.UNAVAILABLE -> 503;
      case Messages.INTERNAL -> 500;
      default -> 400;
    };
  }
}
