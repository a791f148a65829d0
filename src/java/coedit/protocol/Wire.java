package coedit.protocol;

import coedit.ot.Change;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;

/**
 * Writes live-protocol messages as compact JSON text, one method per message type
 * (docs/protocol.md). Both the server and the Java client write through here, so the two
 * cannot disagree on field names.
 */
public final class Wire {
  private Wire() {}

  @FunctionalInterface
  private interface Body {
    void write(JsonGenerator g) throws IOException;
  }

  private static String message(String type, Body body) {
    StringWriter out = new StringWriter(128);
    try (JsonGenerator g = Json.MAPPER.getFactory().createGenerator(out)) {
      g.writeStartObject();
      g.writeStringField("type", type);
      body.write(g);
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }

  // ---- server to client ----

  /** Someone else's accepted submission. */
  public static String entry(long version, String clientId, long seq, Change change) {
    return entry(version, clientId, seq, change, null);
  }

  /** Someone else's accepted submission; {@code author} (the user who sent it) is left out when null. */
  public static String entry(long version, String clientId, long seq, Change change, String author) {
    return message(Messages.ENTRY, g -> {
      g.writeNumberField("version", version);
      g.writeStringField("clientId", clientId);
      g.writeNumberField("seq", seq);
      g.writeFieldName("edits");
      EditJson.write(g, change);
      if (author != null) g.writeStringField("author", author);
    });
  }

  /** The receiver's own accepted submission. */
  public static String ack(long seq, long version, Change change) {
    return message(Messages.ACK, g -> {
      g.writeNumberField("seq", seq);
      g.writeNumberField("version", version);
      g.writeFieldName("edits");
      EditJson.write(g, change);
    });
  }

  /** Answer to join; {@code text} null when the stream continues with entries. */
  public static String joined(String docId, String clientId, long version, String text, long headVersion,
      long heartbeatMillis, long timeoutMillis, long maxMessageBytes, long maxDocumentLength) {
    return joined(docId, clientId, version, text, headVersion, heartbeatMillis, timeoutMillis, maxMessageBytes,
        maxDocumentLength, null);
  }

  /**
   * What a joiner may do: {@code user} (null in open mode), {@code write} (false: read-only),
   * {@code expiresAt} (epoch milliseconds, 0 when the access never expires).
   */
  public record Access(String user, boolean write, long expiresAt) {}

  /** Answer to join with the joiner's access ({@code access} null: full access, no user, as in open mode). */
  public static String joined(String docId, String clientId, long version, String text, long headVersion,
      long heartbeatMillis, long timeoutMillis, long maxMessageBytes, long maxDocumentLength, Access access) {
    return joined(docId, clientId, version, text, headVersion, heartbeatMillis, timeoutMillis, maxMessageBytes,
        maxDocumentLength, access, null);
  }

  /**
   * Why a join is answered with the text although the client asked for entries: its version
   * is below the history {@code horizon}, so the entries after it were compacted away.
   * {@code lastSeq} is the joining client's highest accepted seq (-1: none), so a client with
   * unacknowledged edits knows whether its in-flight submission is in the text.
   */
  public record Compacted(long horizon, long lastSeq) {}

  /**
   * Answer to join; {@code compacted} non-null when the text stands in for compacted entries
   * (see docs/protocol.md, "History compaction").
   */
  public static String joined(String docId, String clientId, long version, String text, long headVersion,
      long heartbeatMillis, long timeoutMillis, long maxMessageBytes, long maxDocumentLength, Access access,
      Compacted compacted) {
    return message(Messages.JOINED, g -> {
      g.writeNumberField("protocol", Messages.PROTOCOL_VERSION);
      g.writeStringField("docId", docId);
      g.writeStringField("clientId", clientId);
      g.writeNumberField("version", version);
      if (text != null) g.writeStringField("text", text);
      if (compacted != null) {
        g.writeNumberField("horizon", compacted.horizon());
        if (compacted.lastSeq() >= 0) g.writeNumberField("lastSeq", compacted.lastSeq());
        else g.writeNullField("lastSeq");
      }
      g.writeNumberField("headVersion", headVersion);
      g.writeNumberField("heartbeatMillis", heartbeatMillis);
      g.writeNumberField("timeoutMillis", timeoutMillis);
      g.writeObjectFieldStart("limits");
      g.writeNumberField("maxMessageBytes", maxMessageBytes);
      g.writeNumberField("maxDocumentLength", maxDocumentLength);
      g.writeEndObject();
      writeAccess(g, access);
    });
  }

  /** Answer to {@code auth}: the connection's access under the new token. */
  public static String authorized(Access access) {
    return message(Messages.AUTHORIZED, g -> writeAccess(g, access));
  }

  private static void writeAccess(JsonGenerator g, Access access) throws IOException {
    g.writeStringField("access", access == null || access.write() ? "write" : "read");
    if (access == null) return;
    if (access.user() != null) g.writeStringField("user", access.user());
    if (access.expiresAt() > 0) g.writeNumberField("expiresAt", access.expiresAt());
  }

  /** Catch-up is over at {@code version}. */
  public static String live(long version) {
    return message(Messages.LIVE, g -> g.writeNumberField("version", version));
  }

  /** An error; {@code seq} null when it does not concern a submission. */
  public static String error(Long seq, String code, String error) {
    return error(seq, code, error, 0);
  }

  /** An error with a retry hint ({@code retryAfterMillis} 0: none). */
  public static String error(Long seq, String code, String error, long retryAfterMillis) {
    return message(Messages.ERROR, g -> {
      if (seq != null) g.writeNumberField("seq", seq);
      g.writeStringField("code", code);
      g.writeStringField("error", error);
      if (retryAfterMillis > 0) g.writeNumberField("retryAfterMillis", retryAfterMillis);
    });
  }

  /** Another participant's presence at {@code version}; {@code selection} may be null. */
  public static String presence(String clientId, String name, String colour, Selection selection, long version) {
    return message(Messages.PRESENCE, g -> {
      g.writeStringField("clientId", clientId);
      g.writeStringField("name", name);
      g.writeStringField("colour", colour);
      writeSelection(g, selection);
      g.writeNumberField("version", version);
    });
  }

  /** A participant left. */
  public static String leave(String clientId) {
    return message(Messages.LEAVE, g -> g.writeStringField("clientId", clientId));
  }

  public static String ping() {
    return "{\"type\":\"ping\"}";
  }

  public static String pong() {
    return "{\"type\":\"pong\"}";
  }

  // ---- client to server ----

  /** Join; {@code fromVersion} null asks for the text. */
  public static String join(String docId, String clientId, Long fromVersion, boolean textOk, String name, String colour) {
    return join(docId, clientId, fromVersion, textOk, name, colour, null);
  }

  /** Join with a bearer token ({@code token} null: none, for an open server). */
  public static String join(String docId, String clientId, Long fromVersion, boolean textOk, String name, String colour,
      String token) {
    return message(Messages.JOIN, g -> {
      g.writeNumberField("protocol", Messages.PROTOCOL_VERSION);
      g.writeStringField("docId", docId);
      g.writeStringField("clientId", clientId);
      if (fromVersion == null) g.writeNullField("fromVersion");
      else g.writeNumberField("fromVersion", fromVersion);
      if (textOk) g.writeBooleanField("textOk", true);
      g.writeStringField("name", name);
      g.writeStringField("colour", colour);
      if (token != null) g.writeStringField("token", token);
    });
  }

  /** A fresh token for the open connection. */
  public static String auth(String token) {
    return message(Messages.AUTH, g -> g.writeStringField("token", token));
  }

  /** A submission. */
  public static String submit(long seq, long version, Change change) {
    return message(Messages.SUBMIT, g -> {
      g.writeNumberField("seq", seq);
      g.writeNumberField("version", version);
      g.writeFieldName("edits");
      EditJson.write(g, change);
    });
  }

  /** The sender's own selection at {@code version}. */
  public static String presenceUpdate(long version, Selection selection) {
    return message(Messages.PRESENCE, g -> {
      g.writeNumberField("version", version);
      writeSelection(g, selection);
    });
  }

  private static void writeSelection(JsonGenerator g, Selection s) throws IOException {
    if (s == null) {
      g.writeNullField("selection");
      return;
    }
    g.writeObjectFieldStart("selection");
    g.writeNumberField("anchor", s.anchor());
    g.writeNumberField("head", s.head());
    g.writeEndObject();
  }
}
