package coedit.server.core;

import coedit.editor.Ids;
import coedit.ot.Texts;
import coedit.protocol.Fields;
import coedit.protocol.Messages;
import coedit.protocol.ProtocolException;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.regex.Pattern;

/**
 * A parsed {@code join}: which document, who, and from which version.
 * {@code fromVersion} null asks for the text; {@code textOk} lets the server send the text
 * instead of many entries (only for clients with nothing unacknowledged).
 */
public record JoinRequest(int protocol, String docId, String clientId, Long fromVersion, boolean textOk,
    String name, String colour) {

  public static final String DEFAULT_COLOUR = "#888888";
  public static final int MAX_NAME_LENGTH = 64;
  private static final Pattern COLOUR = Pattern.compile("#[0-9A-Fa-f]{6}");

  /** Parses and validates a join message; the protocol version is checked by the caller. */
  public static JoinRequest parse(JsonNode m) {
    int protocol = (int) Fields.integer(m, "protocol", 0, Integer.MAX_VALUE, "", Messages.BAD_MESSAGE);
    String docId = id(m, "docId");
    String clientId = id(m, "clientId");
    Long from = Fields.optionalInteger(m, "fromVersion", 0, Long.MAX_VALUE);
    boolean textOk = Fields.optionalBoolean(m, "textOk", false);
    return new JoinRequest(protocol, docId, clientId, from, textOk, name(m), colour(m, DEFAULT_COLOUR));
  }

  static String id(JsonNode m, String field) {
    String id = Fields.string(m, field, "", Messages.BAD_MESSAGE);
    String problem = Ids.problem(id);
    if (problem != null) throw new ProtocolException(Messages.BAD_ID, field + " " + problem);
    return id;
  }

  /** The optional display name: at most 64 code points, valid Unicode. */
  static String name(JsonNode m) {
    String name = Fields.optionalString(m, "name", "");
    if (Texts.length(name) > MAX_NAME_LENGTH) {
      throw new ProtocolException(Messages.BAD_MESSAGE, "field 'name' is longer than " + MAX_NAME_LENGTH + " code points");
    }
    if (Texts.unpairedSurrogate(name) >= 0) {
      throw new ProtocolException(Messages.BAD_MESSAGE, "field 'name' has an unpaired surrogate");
    }
    return name;
  }

  /** The optional colour, {@code #rrggbb}. */
  static String colour(JsonNode m, String fallback) {
    String colour = Fields.optionalString(m, "colour", fallback);
    if (!COLOUR.matcher(colour).matches()) {
      throw new ProtocolException(Messages.BAD_MESSAGE, "field 'colour' must look like #rrggbb");
    }
    return colour;
  }
}
