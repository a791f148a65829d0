package coedit.server.core;

import coedit.protocol.Fields;
import coedit.protocol.Messages;
import coedit.protocol.ProtocolException;
import coedit.protocol.Selection;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * A participant's own presence: {@code selection} (null: no cursor) on the document at
 * {@code version}; {@code name}/{@code colour} null when unchanged.
 */
public record PresenceUpdate(long version, Selection selection, String name, String colour) {

  public static PresenceUpdate parse(JsonNode m) {
    long version = Fields.integer(m, "version", 0, Long.MAX_VALUE, "", Messages.BAD_MESSAGE);
    Selection selection = null;
    JsonNode s = m.get("selection");
    if (s != null && !s.isNull()) {
      if (!s.isObject()) {
        throw new ProtocolException(Messages.BAD_MESSAGE, "field 'selection' must be an object or null, not " + Fields.kind(s));
      }
      int anchor = (int) Fields.integer(s, "anchor", 0, Integer.MAX_VALUE, "selection: ", Messages.BAD_MESSAGE);
      int head = (int) Fields.integer(s, "head", 0, Integer.MAX_VALUE, "selection: ", Messages.BAD_MESSAGE);
      selection = new Selection(anchor, head);
    }
    String name = m.hasNonNull("name") ? JoinRequest.name(m) : null;
    String colour = m.hasNonNull("colour") ? JoinRequest.colour(m, null) : null;
    return new PresenceUpdate(version, selection, name, colour);
  }
}
