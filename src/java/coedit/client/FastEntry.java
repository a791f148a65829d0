package coedit.client;

import coedit.ot.Change;
import coedit.ot.Delete;
import coedit.ot.Edit;
import coedit.ot.Insert;
import coedit.protocol.Json;
import coedit.protocol.Messages;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads {@code entry} and {@code ack} messages, by far the most frequent, with Jackson's
 * streaming parser instead of a tree: a busy document delivers thousands per second to
 * every client. Anything else (or anything unexpected) returns null and is parsed the
 * ordinary way by {@link ServerMessage#parse}.
 */
final class FastEntry {
  private FastEntry() {}

  static ServerMessage.Entry parse(String text) {
    if (!text.startsWith("{\"type\":\"entry\"") && !text.startsWith("{\"type\":\"ack\"")) return null;
    try (JsonParser p = Json.MAPPER.getFactory().createParser(text)) {
      if (p.nextToken() != JsonToken.START_OBJECT) return null;
      String type = null;
      String clientId = null;
      String author = null;
      long version = -1;
      long seq = -1;
      List<Edit> edits = null;
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        JsonToken value = p.nextToken();
        switch (field) {
          case "type" -> type = p.getText();
          case "clientId" -> clientId = p.getText();
          case "author" -> author = p.getText();
          case "version" -> version = p.getLongValue();
          case "seq" -> seq = p.getLongValue();
          case "edits" -> edits = edits(p, value);
          default -> p.skipChildren();
        }
        if (field.equals("edits") && edits == null) return null;
      }
      if (version < 0 || seq < 0 || edits == null) return null;
      boolean ack = Messages.ACK.equals(type);
      if (!ack && clientId == null) return null;
      return new ServerMessage.Entry(version, ack ? null : clientId, seq, new Change(edits), ack, ack ? null : author);
    } catch (IOException | RuntimeException e) {
      return null; // the ordinary parser reports it properly
    }
  }

  private static List<Edit> edits(JsonParser p, JsonToken start) throws IOException {
    if (start != JsonToken.START_ARRAY) return null;
    List<Edit> out = new ArrayList<>(2);
    while (p.nextToken() == JsonToken.START_OBJECT) {
      String type = null;
      String text = null;
      int offset = -1;
      int length = -1;
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        p.nextToken();
        switch (field) {
          case "type" -> type = p.getText();
          case "offset" -> offset = p.getIntValue();
          case "text" -> text = p.getText();
          case "length" -> length = p.getIntValue();
          default -> p.skipChildren();
        }
      }
      if (offset < 0) return null;
      if ("insert".equals(type) && text != null) out.add(new Insert(offset, text));
      else if ("delete".equals(type) && length >= 0) out.add(new Delete(offset, length));
      else return null;
    }
    return out;
  }
}
