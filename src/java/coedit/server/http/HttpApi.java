package coedit.server.http;

import coedit.editor.DocumentService;
import coedit.editor.HistoryCompactedException;
import coedit.editor.Ids;
import coedit.editor.data.DocSnapshot;
import coedit.editor.data.EditSubmission;
import coedit.protocol.EditJson;
import coedit.protocol.Json;
import coedit.protocol.Messages;
import coedit.protocol.ProtocolException;
import coedit.server.auth.Access;
import coedit.server.auth.Principal;
import coedit.server.core.ServerConfig;
import coedit.server.core.SubmitGate;
import coedit.server.core.Inserted;
import coedit.server.core.SubmitRequest;
import coedit.server.limits.Throttles;
import io.javalin.http.Context;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * The HTTP API of docs/protocol.md: read a document, read its history, submit edits.
 * Handlers only translate between JSON and the {@link DocumentService}; every failure is a
 * {@link ProtocolException}, rendered as {@code {"error": ..., "code": ...}} by the server.
 * Each handler first asks {@link Access} who is calling and whether they may (reading needs
 * {@code read}, submitting {@code write}); submissions are then charged to the caller's
 * budget ({@link Throttles}) and recorded with the caller as their author.
 */
public final class HttpApi {
  private final DocumentService service;
  private final SubmitGate gate;
  private final ServerConfig config;
  private final Access access;
  private final Throttles throttles;

  public HttpApi(DocumentService service, SubmitGate gate, ServerConfig config, Access access, Throttles throttles) {
    this.service = service;
    this.gate = gate;
    this.config = config;
    this.access = access;
    this.throttles = throttles;
  }

  /** {@code GET /api/docs/{id}}: text and version, read atomically. */
  public void getDocument(Context ctx) throws IOException {
    String id = docId(ctx);
    Access.requireRead(access.fromHeader(ctx.header("Authorization")), id);
    DocSnapshot s = service.read(id);
    ctx.contentType("application/json").result(HttpErrors.json(g -> {
      g.writeStringField("id", s.docId());
      g.writeStringField("text", s.text());
      g.writeNumberField("version", s.version());
    }));
  }

  /**
   * {@code GET /api/docs/{id}/history?from=F&to=T&limit=N}: entries F+1..T, clamped to what
   * exists, one page at a time ({@link HistoryPages}); {@code next} continues. 410
   * {@code history_compacted} when F is below the history horizon: read the text instead.
   */
  public void getHistory(Context ctx) throws IOException {
    String id = docId(ctx);
    Access.requireRead(access.fromHeader(ctx.header("Authorization")), id);
    long from = queryLong(ctx, "from", 0);
    Long to = ctx.queryParam("to") == null ? null : queryLong(ctx, "to", 0);
    if (to != null && to < from) {
      throw new ProtocolException(Messages.BAD_MESSAGE, "'from' (" + from + ") must not be greater than 'to' (" + to + ")");
    }
    long limit = queryLong(ctx, "limit", config.maxHistoryEntries());
    if (limit < 1) throw new ProtocolException(Messages.BAD_MESSAGE, "query parameter 'limit' must be at least 1");
    try {
      ctx.contentType("application/json").result(HistoryPages.page(service, id, from, to,
          Math.min(limit, config.maxHistoryEntries()), config.maxHistoryBytes()));
    } catch (HistoryCompactedException e) {
      throw new ProtocolException(Messages.HISTORY_COMPACTED, e.getMessage());
    }
  }

  /** {@code POST /api/docs/{id}/edits}: answers once the submission is durably applied. */
  public void postEdits(Context ctx) {
    String id = docId(ctx);
    Principal caller = access.fromHeader(ctx.header("Authorization"));
    Access.requireWrite(caller, id);
    String len = ctx.header("Content-Length");
    if (len != null && len.matches("\\d{1,18}") && Long.parseLong(len) > config.maxBodyBytes()) {
      throw tooLarge(Long.parseLong(len));
    }
    byte[] body = ctx.bodyAsBytes();
    if (body.length > config.maxBodyBytes()) throw tooLarge(body.length);
    SubmitRequest r = SubmitRequest.parseHttp(Json.parseObject(utf8(body)));
    // Anonymous callers (open mode) share a budget per remote address.
    long wait = throttles.users().take(caller.authenticated() ? "user:" + caller.user() : "address:" + ctx.ip(),
        Inserted.bytes(r.change()), System.nanoTime());
    if (wait > 0) {
      throw new ProtocolException(Messages.RATE_LIMITED, "too many submissions; retry in " + wait + " ms", wait);
    }
    EditSubmission s = new EditSubmission(id, r.clientId(), r.seq(), r.version(), r.change(), caller.user());
    ctx.future(() -> gate.submit(s)
        .handle((a, failure) -> {
          if (failure != null) {
            HttpErrors.write(ctx, SubmitGate.failure(failure));
            return null;
          }
          try {
            ctx.contentType("application/json").result(HttpErrors.json(g -> {
              g.writeNumberField("version", a.version());
              g.writeFieldName("edits");
              EditJson.write(g, a.change());
              g.writeBooleanField("duplicate", a.duplicate());
            }));
          } catch (IOException e) {
            HttpErrors.write(ctx, new ProtocolException(Messages.UNAVAILABLE, "could not write the answer"));
          }
          return null;
        }));
  }

  /** The body as text; bytes that are not UTF-8 are a {@code bad_json} error, never U+FFFD. */
  private static String utf8(byte[] body) {
    try {
      return StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(body)).toString();
    } catch (CharacterCodingException e) {
      throw new ProtocolException(Messages.BAD_JSON, "the body is not valid UTF-8");
    }
  }

  private ProtocolException tooLarge(long bytes) {
    return new ProtocolException(Messages.TOO_LARGE,
        "request body of " + bytes + " bytes is over the limit of " + config.maxBodyBytes());
  }

  private static String docId(Context ctx) {
    String id = ctx.pathParam("id");
    String problem = Ids.problem(id);
    if (problem != null) throw new ProtocolException(Messages.BAD_ID, "document id " + problem);
    return id;
  }

  private static long queryLong(Context ctx, String name, long fallback) {
    String v = ctx.queryParam(name);
    if (v == null) return fallback;
    if (!v.matches("\\d{1,18}")) {
      throw new ProtocolException(Messages.BAD_MESSAGE, "query parameter '" + name + "' must be a non-negative integer, not '"
          + (v.length() > 40 ? v.substring(0, 40) + "..." : v) + "'");
    }
    return Long.parseLong(v);
  }

}
