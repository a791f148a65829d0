package coedit.server.core;

import coedit.ot.Change;
import coedit.protocol.EditJson;
import coedit.protocol.Fields;
import coedit.protocol.Messages;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * A parsed submission: the edits {@code change} made on the document at {@code version},
 * identified by {@code (clientId, seq)}. Over HTTP the body carries the client id; over
 * the live protocol it comes from the join, and {@code clientId} is null here.
 */
public record SubmitRequest(String clientId, long seq, long version, Change change) {

  /** Parses an HTTP edits body: {@code clientId}, {@code seq}, {@code version}, {@code edits}. */
  public static SubmitRequest parseHttp(JsonNode m) {
    String clientId = JoinRequest.id(m, "clientId");
    SubmitRequest r = parseLive(m);
    return new SubmitRequest(clientId, r.seq, r.version, r.change);
  }

  /** Parses a live {@code submit} message: {@code seq}, {@code version}, {@code edits}. */
  public static SubmitRequest parseLive(JsonNode m) {
    long seq = Fields.integer(m, "seq", 0, Long.MAX_VALUE, "", Messages.BAD_MESSAGE);
    long version = Fields.integer(m, "version", 0, Long.MAX_VALUE, "", Messages.BAD_MESSAGE);
    return new SubmitRequest(null, seq, version, EditJson.parse(m.get("edits")));
  }

  /** The seq of a submit message if it has a readable one (for error replies), else null. */
  public static Long seqOf(JsonNode m) {
    JsonNode n = m.get("seq");
    return n != null && n.isIntegralNumber() && n.canConvertToLong() && n.longValue() >= 0 ? n.longValue() : null;
  }
}
