package coedit.client;

import coedit.ot.Change;
import coedit.protocol.EditJson;
import coedit.protocol.Json;
import coedit.protocol.Messages;
import coedit.protocol.Selection;
import com.fasterxml.jackson.databind.JsonNode;

/** Server-to-client messages of docs/protocol.md, parsed. Unknown types parse to {@link Other}. */
sealed interface ServerMessage {
  /**
   * {@code maxMessageBytes}: the server's limit for one message (docs/protocol.md's default
   * when it names none); {@code user} null and {@code write} true on an open server;
   * {@code expiresAt} 0: never. {@code horizon} is set (else -1) when the text stands in for
   * entries compacted away; {@code lastSeq} is then our highest accepted seq (-1: none).
   */
  record Joined(long version, String text, long heartbeatMillis, long timeoutMillis, long maxMessageBytes,
      String user, boolean write, long expiresAt, long horizon, long lastSeq) implements ServerMessage {}

  /** The answer to {@code auth}: the connection's access under the fresh token. */
  record Authorized(boolean write, long expiresAt) implements ServerMessage {}

  /**
   * {@code entry} ({@code ack} false) or {@code ack} (then {@code clientId} is null);
   * {@code author} is the user who submitted it, null on an open server.
   */
  record Entry(long version, String clientId, long seq, Change change, boolean ack, String author) implements ServerMessage {
    /** An entry without an author, as an open server sends it. */
    Entry(long version, String clientId, long seq, Change change, boolean ack) {
      this(version, clientId, seq, change, ack, null);
    }
  }

  record Live(long version) implements ServerMessage {}

  /** {@code retryAfterMillis} 0 when the server gave no retry hint. */
  record Error(Long seq, String code, String message, long retryAfterMillis) implements ServerMessage {}

  record Presence(String clientId, String name, String colour, Selection selection, long version)
      implements ServerMessage {}

  record Leave(String clientId) implements ServerMessage {}

  record Ping() implements ServerMessage {}

  record Other(String type) implements ServerMessage {}

  /** Parses one message; throws an unchecked exception if the server broke the protocol. */
  static ServerMessage parse(String text) {
    ServerMessage.Entry fast = FastEntry.parse(text);
    if (fast != null) return fast;
    JsonNode m = Json.parseObject(text);
    String type = m.path("type").asText();
    return switch (type) {
      case Messages.JOINED -> new Joined(m.get("version").asLong(), m.hasNonNull("text") ? m.get("text").asText() : null,
          m.path("heartbeatMillis").asLong(15_000), m.path("timeoutMillis").asLong(45_000),
          m.path("limits").path("maxMessageBytes").asLong(1_048_576),
          m.hasNonNull("user") ? m.get("user").asText() : null, !"read".equals(m.path("access").asText()),
          m.path("expiresAt").asLong(0), m.hasNonNull("horizon") ? m.get("horizon").asLong() : -1,
          m.hasNonNull("lastSeq") ? m.get("lastSeq").asLong() : -1);
      case Messages.AUTHORIZED -> new Authorized(!"read".equals(m.path("access").asText()), m.path("expiresAt").asLong(0));
      case Messages.ENTRY -> new Entry(m.get("version").asLong(), m.get("clientId").asText(), m.get("seq").asLong(),
          EditJson.parse(m.get("edits")), false, m.hasNonNull("author") ? m.get("author").asText() : null);
      case Messages.ACK -> new Entry(m.get("version").asLong(), null, m.get("seq").asLong(),
          EditJson.parse(m.get("edits")), true, null);
      case Messages.LIVE -> new Live(m.get("version").asLong());
      case Messages.ERROR -> new Error(m.hasNonNull("seq") ? m.get("seq").asLong() : null, m.path("code").asText(),
          m.path("error").asText(), m.path("retryAfterMillis").asLong(0));
      case Messages.PRESENCE -> {
        JsonNode s = m.get("selection");
        Selection sel = s == null || s.isNull() ? null : new Selection(s.get("anchor").asInt(), s.get("head").asInt());
        yield new Presence(m.get("clientId").asText(), m.path("name").asText(""), m.path("colour").asText("#888888"),
            sel, m.get("version").asLong());
      }
      case Messages.LEAVE -> new Leave(m.get("clientId").asText());
      case Messages.PING -> new Ping();
      default -> new Other(type);
    };
  }
}
