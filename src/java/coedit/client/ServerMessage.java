package coedit.client;

import coedit.ot.Change;
import coedit.protocol.EditJson;
import coedit.protocol.Json;
import coedit.protocol.Messages;
import coedit.protocol.Selection;
import com.fasterxml.jackson.databind.JsonNode;

/** Server-to-client messages of docs/protocol.md, parsed. Unknown types parse to {@link Other}. */
sealed interface ServerMessage {
  /** {@code maxMessageBytes}: the server's limit for one message (docs/protocol.md's default when it names none). */
  record Joined(long version, String text, long heartbeatMillis, long timeoutMillis, long maxMessageBytes)
      implements ServerMessage {}

  /** {@code entry} ({@code ack} false) or {@code ack} (then {@code clientId} is null). */
  record Entry(long version, String clientId, long seq, Change change, boolean ack) implements ServerMessage {}

  record Live(long version) implements ServerMessage {}

  record Error(Long seq, String code, String message) implements ServerMessage {}

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
          m.path("limits").path("maxMessageBytes").asLong(1_048_576));
      case Messages.ENTRY -> new Entry(m.get("version").asLong(), m.get("clientId").asText(), m.get("seq").asLong(),
          EditJson.parse(m.get("edits")), false);
      case Messages.ACK -> new Entry(m.get("version").asLong(), null, m.get("seq").asLong(),
          EditJson.parse(m.get("edits")), true);
      case Messages.LIVE -> new Live(m.get("version").asLong());
      case Messages.ERROR -> new Error(m.hasNonNull("seq") ? m.get("seq").asLong() : null, m.path("code").asText(),
          m.path("error").asText());
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
