package coedit.protocol;

/**
 * The live protocol's names in one place (docs/protocol.md is the specification):
 * the protocol version, message types, error codes and close codes. The server, the Java
 * client and the tests all use these constants, so a rename happens here or nowhere.
 */
public final class Messages {
  private Messages() {}

  /** Sent in {@code join} and {@code joined}; a server speaks exactly this version. */
  public static final int PROTOCOL_VERSION = 1;

  /** WebSocket endpoint path. */
  public static final String LIVE_PATH = "/api/live";

  // Message types (the "type" field).
  public static final String JOIN = "join";
  public static final String JOINED = "joined";
  public static final String ENTRY = "entry";
  public static final String ACK = "ack";
  public static final String LIVE = "live";
  public static final String SUBMIT = "submit";
  public static final String ERROR = "error";
  public static final String PRESENCE = "presence";
  public static final String LEAVE = "leave";
  public static final String PING = "ping";
  public static final String PONG = "pong";
  /** c → s: a fresh token for an open connection; s → c answers {@link #AUTHORIZED}. */
  public static final String AUTH = "auth";
  public static final String AUTHORIZED = "authorized";

  // Error codes (the "code" field of errors, HTTP and WebSocket alike).
  public static final String BAD_JSON = "bad_json";
  public static final String BAD_MESSAGE = "bad_message";
  public static final String BAD_ID = "bad_id";
  public static final String BAD_EDIT = "bad_edit";
  public static final String INVALID_CHANGE = "invalid_change";
  public static final String VERSION_AHEAD = "version_ahead";
  public static final String HISTORY_COMPACTED = "history_compacted";
  public static final String TOO_LARGE = "too_large";
  public static final String NOT_FOUND = "not_found";
  public static final String METHOD_NOT_ALLOWED = "method_not_allowed";
  public static final String NOT_JOINED = "not_joined";
  public static final String ALREADY_JOINED = "already_joined";
  public static final String UNAVAILABLE = "unavailable";
  /** The same (user, client, seq) was already used for a different submission. */
  public static final String SEQ_CONFLICT = "seq_conflict";
  /** No token, or a malformed, badly signed, expired or not yet valid one. */
  public static final String UNAUTHORIZED = "unauthorized";
  /** A valid token without the permission, or a client id another user holds. */
  public static final String FORBIDDEN = "forbidden";
  /** Over a rate or connection limit; retry after the time given. */
  public static final String RATE_LIMITED = "rate_limited";
  /** A state-changing HTTP request whose body is not {@code application/json}. */
  public static final String UNSUPPORTED_MEDIA_TYPE = "unsupported_media_type";
  public static final String INTERNAL = "internal";

  /**
   * WebSocket close code 1012 (standard: service restart): the server node stops (a rolling
   * restart, a node handing its work over) or rebuilds the document's room; reconnect at once,
   * to another node of the cluster if the client knows one, without backoff.
   */
  public static final int CLOSE_SERVICE_RESTART = 1012;

  /**
   * True for the codes with which a submission is refused as such while the document is
   * unaffected ({@code too_large}, {@code bad_edit}, {@code internal}: nothing was applied):
   * a client takes out exactly that change and carries on. After any other refusal the
   * client's text can no longer be trusted and it rejoins from the server's text
   * (docs/protocol.md, "Submitting").
   */
  public static boolean revertsAlone(String code) {
    return TOO_LARGE.equals(code) || BAD_EDIT.equals(code) || INTERNAL.equals(code);
  }

  // WebSocket close codes beyond the standard ones.
  public static final int CLOSE_PROTOCOL = 4000;
  public static final int CLOSE_TIMEOUT = 4001;
  public static final int CLOSE_SLOW_READER = 4002;
  public static final int CLOSE_REPLACED = 4003;
  /** The token expired (or was never valid): get a fresh one and reconnect. */
  public static final int CLOSE_UNAUTHORIZED = 4401;
  /** The token does not allow this document (or the client id is another user's): stop. */
  public static final int CLOSE_FORBIDDEN = 4403;
  /** Over a connection or join limit: reconnect after a while. */
  public static final int CLOSE_RATE_LIMITED = 4429;
}
