package coedit.server.http;

import coedit.protocol.Json;
import coedit.protocol.ProtocolException;
import com.fasterxml.jackson.core.JsonGenerator;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.StringWriter;

/** JSON bodies of the HTTP API: {@code {"error", "code"}} for failures, objects for answers. */
public final class HttpErrors {
  private HttpErrors() {}

  /** Writes a protocol error as JSON with its status (and {@code Retry-After} when it has a retry hint). */
  public static void write(Context ctx, ProtocolException e) {
    ctx.status(e.httpStatus()).contentType("application/json");
    if (e.retryAfterMillis() > 0) ctx.header("Retry-After", String.valueOf((e.retryAfterMillis() + 999) / 1000));
    try {
      ctx.result(json(g -> {
        g.writeStringField("error", e.getMessage());
        g.writeStringField("code", e.code());
      }));
    } catch (IOException io) {
      ctx.result("{\"error\":\"bad request\",\"code\":\"" + e.code() + "\"}");
    }
  }

  @FunctionalInterface
  public interface Body {
    void write(JsonGenerator g) throws IOException;
  }

  public static String json(Body body) throws IOException {
    StringWriter out = new StringWriter();
    try (JsonGenerator g = Json.MAPPER.getFactory().createGenerator(out)) {
      g.writeStartObject();
      body.write(g);
      g.writeEndObject();
    }
    return out.toString();
  }
}
