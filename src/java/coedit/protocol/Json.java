package coedit.protocol;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The one Jackson configuration for the wire: strict parsing (no trailing garbage, no
 * duplicate keys) and compact output (never a raw newline, which the live protocol uses
 * to separate messages in a frame).
 */
public final class Json {
  private Json() {}

  public static final ObjectMapper MAPPER = new ObjectMapper()
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

  /** Parses a JSON object; anything else is a {@code bad_json} error naming the problem. */
  public static ObjectNode parseObject(String text) {
    JsonNode node;
    try {
      node = MAPPER.readTree(text);
    } catch (JsonProcessingException e) {
      throw new ProtocolException(Messages.BAD_JSON, "malformed JSON: " + describe(e));
    }
    if (node == null || node.isMissingNode()) throw new ProtocolException(Messages.BAD_JSON, "malformed JSON: empty input");
    if (!node.isObject()) {
      throw new ProtocolException(Messages.BAD_JSON, "expected a JSON object, got " + Fields.kind(node));
    }
    return (ObjectNode) node;
  }

  /** Compact JSON text of a tree. */
  public static String write(JsonNode node) {
    try {
      return MAPPER.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise a JSON tree", e);
    }
  }

  private static String describe(JsonProcessingException e) {
    String msg = e.getOriginalMessage();
    if (msg == null) msg = e.getClass().getSimpleName();
    if (msg.length() > 200) msg = msg.substring(0, 200) + "...";
    var loc = e.getLocation();
    if (loc != null && e instanceof JsonParseException) {
      return msg + " at line " + loc.getLineNr() + ", column " + loc.getColumnNr();
    }
    return loc != null && loc.getLineNr() > 0 ? msg + " at line " + loc.getLineNr() + ", column " + loc.getColumnNr() : msg;
  }
}
