package coedit.server.live;

import coedit.protocol.Messages;

/** Why the server closes a live connection: a WebSocket close code and reason (docs/protocol.md). */
enum Closes {
  GOING_AWAY(1001, "server shutting down"),
  /** The node stops or the room restarts: reconnect at once (to another node if there is one). */
  RESTART(Messages.CLOSE_SERVICE_RESTART, "service restart: reconnect now"),
  PROTOCOL(Messages.CLOSE_PROTOCOL, "unsupported protocol version"),
  TIMEOUT(Messages.CLOSE_TIMEOUT, "heartbeat timeout"),
  SLOW_READER(Messages.CLOSE_SLOW_READER, "slow reader"),
  REPLACED(Messages.CLOSE_REPLACED, "replaced by a newer connection"),
  UNAUTHORIZED(Messages.CLOSE_UNAUTHORIZED, "token expired or invalid"),
  FORBIDDEN(Messages.CLOSE_FORBIDDEN, "forbidden"),
  RATE_LIMITED(Messages.CLOSE_RATE_LIMITED, "over a connection limit");

  final int code;
  final String reason;

  Closes(int code, String reason) {
    this.code = code;
    this.reason = reason;
  }
}
