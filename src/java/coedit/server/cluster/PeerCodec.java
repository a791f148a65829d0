package coedit.server.cluster;

import coedit.protocol.Selection;
import coedit.server.core.PeerPresence;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;

/**
 * The messages on the peers topic, as compact JSON: a {@link PeerPresence} (kinds
 * {@code p}resence, {@code l}eave, {@code h}ello) or a {@link Beat}. Decoding refuses
 * anything else with an {@link IllegalArgumentException}: a node of another version may
 * share the topic, and its messages must not stop the reader.
 */
final class PeerCodec {
  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * A node's sign of life, every second: its id, this run of it ({@code incarnation}, new
   * at each start), its public URL (null until it serves), and {@code up} false when it
   * says goodbye.
   */
  record Beat(String node, String incarnation, URI url, boolean up) {}

  private PeerCodec() {}

  static byte[] encode(PeerPresence m) {
    ObjectNode o = JSON.createObjectNode();
    o.put("k", switch (m.kind()) {
      case PRESENCE -> "p";
      case LEAVE -> "l";
      case HELLO -> "h";
      case NODE_GONE -> throw new IllegalArgumentException("NODE_GONE is never sent");
    });
    o.put("n", m.node());
    o.put("d", m.docId());
    if (m.kind() != PeerPresence.Kind.HELLO) {
      o.put("c", m.clientId());
      o.put("s", m.since());
    }
    if (m.kind() == PeerPresence.Kind.PRESENCE) {
      o.put("name", m.name());
      o.put("colour", m.colour());
      o.put("v", m.version());
      if (m.selection() != null) o.putArray("sel").add(m.selection().anchor()).add(m.selection().head());
    }
    return bytes(o);
  }

  static byte[] encode(Beat b) {
    ObjectNode o = JSON.createObjectNode();
    o.put("k", "b");
    o.put("n", b.node());
    o.put("i", b.incarnation());
    if (b.url() != null) o.put("url", b.url().toString());
    o.put("up", b.up());
    return bytes(o);
  }

  /** A {@link PeerPresence} or a {@link Beat}. */
  static Object decode(byte[] raw) {
    JsonNode o;
    try {
      o = JSON.readTree(raw);
    } catch (IOException e) {
      throw new IllegalArgumentException("not JSON: " + e.getMessage(), e);
    }
    String node = text(o, "n");
    return switch (text(o, "k")) {
      case "b" -> new Beat(node, text(o, "i"), o.hasNonNull("url") ? URI.create(o.get("url").asText()) : null,
          o.path("up").asBoolean(false));
      case "h" -> PeerPresence.hello(node, text(o, "d"));
      case "l" -> PeerPresence.leave(node, text(o, "d"), text(o, "c"), number(o, "s"));
      case "p" -> {
        JsonNode sel = o.get("sel");
        Selection s = sel != null && sel.isArray() && sel.size() == 2
            ? new Selection(sel.get(0).asInt(), sel.get(1).asInt()) : null;
        yield PeerPresence.presence(node, text(o, "d"), text(o, "c"), number(o, "s"), o.path("name").asText(""),
            o.path("colour").asText("#888888"), s, number(o, "v"));
      }
      default -> throw new IllegalArgumentException("unknown kind " + o.get("k"));
    };
  }

  private static String text(JsonNode o, String field) {
    JsonNode v = o.get(field);
    if (v == null || !v.isTextual()) throw new IllegalArgumentException("missing text field " + field);
    return v.asText();
  }

  private static long number(JsonNode o, String field) {
    JsonNode v = o.get(field);
    if (v == null || !v.canConvertToLong()) throw new IllegalArgumentException("missing number field " + field);
    return v.asLong();
  }

  private static byte[] bytes(ObjectNode o) {
    try {
      return JSON.writeValueAsBytes(o);
    } catch (IOException e) {
      throw new IllegalStateException("cannot write JSON", e);
    }
  }
}
