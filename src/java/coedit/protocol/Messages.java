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

  // Error codes (the "code" field of errors, HTTP and WebSocket alike).
  public static final String BAD_JSON = "bad_json";
  public static final String BAD_MESSAGE = "bad_message";
  public static final String BAD_ID = "bad_id";
  public static final String BAD_EDIT = "bad_edit";
  public static final String INVALID_CHANGE = "invalid_change";
  public static final String VERSION_AHEAD = "version_ahead";
  public static final String TOO_LARGE = "too_large";
  public static final String NOT_FOUND = "not_found";
  public static final String METHOD_NOT_ALLOWED = "method_not_allowed";
  public static final String NOT_JOINED = "not_joined";
  public static final String ALREADY_JOINED = "already_joined";
  public static final String UNAVAILABLE = "unavailable";
  public static final String INTERNAL = "internal";

  /**
   * WebSocket close code 1012 (standard: service restart): the server node stops (a rolling
   * restart, a node handing its work over) or rebuilds the document's room; reconnect at once,
   * to another node of the cluster if the client knows one, without backoff.
   */
  public static final int CLOSE_SERVICE_RESTART = 1012;

  // WebSocket close codes beyond the standard ones.
  public static final int CLOSE_PROTOCOL = 4000;
  public static final int CLOSE_TIMEOUT = 4001;
  public static final int CLOSE_SLOW_READER = 4002;
  public static final int CLOSE_REPLACED = 4003;
}
