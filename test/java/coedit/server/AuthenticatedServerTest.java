package coedit.server;

import static coedit.server.RawSocket.ins;
import static coedit.server.RawSocket.join;
import static coedit.server.RawSocket.submit;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import coedit.editor.ModelDocumentService;
import coedit.server.core.ServerConfig;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A server that requires tokens (docs/protocol.md, "Authentication"): who may read and
 * write over HTTP and live, the read-only participant, the author in history and entries,
 * the token's name in presence, in-band {@code auth}, and the 4401 close at expiry.
 */
class AuthenticatedServerTest {
  static TestServer server;
  static Http http;
  static final AtomicInteger docs = new AtomicInteger();

  @BeforeAll
  static void start() {
    server = TestServer.inMemory(ServerConfig.defaults().withPort(0).withAuth(TestTokens.verifier()));
    http = new Http(server.uri());
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  static String doc() {
    return "auth-" + docs.incrementAndGet();
  }

  static String body(String client, long seq, long version, String text) {
    return "{\"clientId\":\"" + client + "\",\"seq\":" + seq + ",\"version\":" + version + ",\"edits\":" + ins(0, text) + "}";
  }

  @Test
  void httpNeedsATokenAndThePermission() {
    String d = doc();
    Http.Response none = http.get("/api/docs/" + d);
    assertEquals(401, none.status());
    assertEquals("unauthorized", none.code());
    assertEquals(401, http.get("/api/docs/" + d, "not-a-token").status());
    assertEquals(403, http.get("/api/docs/" + d, TestTokens.token("ada", Map.of("other", "write"))).status());
    String reader = TestTokens.token("ada", Map.of(d, "read"));
    assertEquals(200, http.get("/api/docs/" + d, reader).status());
    assertEquals(200, http.get("/api/docs/" + d + "/history", reader).status());
    Http.Response readOnly = http.post("/api/docs/" + d + "/edits", body("c", 1, 0, "x"), reader);
    assertEquals(403, readOnly.status());
    assertEquals("forbidden", readOnly.code());
    assertEquals(401, http.post("/api/docs/" + d + "/edits", body("c", 1, 0, "x")).status());
    String writer = TestTokens.token("bo", Map.of("auth-*", "write"));
    assertEquals(200, http.post("/api/docs/" + d + "/edits", body("c", 1, 0, "x"), writer).status());
    JsonNode entry = http.get("/api/docs/" + d + "/history", reader).json().get("entries").get(0);
    assertEquals("bo", entry.get("author").asText());
  }

  @Test
  void aReadOnlyParticipantWatchesAndIsSeenButCannotSubmit() throws Exception {
    String d = doc();
    try (RawSocket reader = RawSocket.open(server.uri()); RawSocket writer = RawSocket.open(server.uri())) {
      reader.send(join(d, "r1", null, TestTokens.token("rita", Map.of(d, "read"))));
      JsonNode joined = reader.nextOf("joined");
      assertEquals("read", joined.get("access").asText());
      assertEquals("rita", joined.get("user").asText());
      assertTrue(joined.get("expiresAt").asLong() > System.currentTimeMillis());
      reader.nextOf("live");
      writer.send(join(d, "w1", null, TestTokens.token("will", Map.of(d, "write"))));
      assertEquals("write", writer.nextOf("joined").get("access").asText());
      writer.nextOf("live");
      // The writer sees the reader with the token's name, whatever the join claimed.
      JsonNode seen = writer.nextOf("presence");
      assertEquals("Name of rita", seen.get("name").asText());
      // Entries and presence reach the reader; its presence reaches the writer.
      writer.send(submit(1, 0, ins(0, "hi")));
      JsonNode entry = reader.nextOf("entry");
      assertEquals("will", entry.get("author").asText());
      reader.send("{\"type\":\"presence\",\"version\":1,\"selection\":{\"anchor\":1,\"head\":2},\"name\":\"Not Rita\"}");
      JsonNode moved = writer.nextOf("presence");
      assertEquals(1, moved.get("selection").get("anchor").asInt());
      assertEquals("Name of rita", moved.get("name").asText());
      // A submission is refused, the connection stays.
      reader.send(submit(1, 1, ins(0, "no")));
      JsonNode refused = reader.nextOf("error");
      assertEquals("forbidden", refused.get("code").asText());
      assertEquals(1, refused.get("seq").asLong());
      assertFalse(reader.closeCode.isDone());
    }
  }

  @Test
  void aJoinWithoutAValidTokenOrPermissionIsRefusedAndClosed() throws Exception {
    String d = doc();
    try (RawSocket s = RawSocket.open(server.uri())) {
      s.send(join(d, "c", null));
      assertEquals("unauthorized", s.nextNonPing().get("code").asText());
      assertEquals(4401, s.closeCode(Duration.ofSeconds(5)));
    }
    try (RawSocket s = RawSocket.open(server.uri())) {
      s.send(join(d, "c", null, TestTokens.token("ada", Map.of("elsewhere", "write"))));
      assertEquals("forbidden", s.nextNonPing().get("code").asText());
      assertEquals(4403, s.closeCode(Duration.ofSeconds(5)));
    }
  }

  @Test
  void anAuthMessageExtendsTheConnectionAndExpiryClosesItWith4401() throws Exception {
    String d = doc();
    try (RawSocket s = RawSocket.open(server.uri())) {
      s.send(join(d, "c", null, TestTokens.token("ada", Map.of(d, "write"), Duration.ofSeconds(2))));
      s.nextOf("live");
      // Refreshed in band before it runs out: same user, now read-only.
      s.send("{\"type\":\"auth\",\"token\":\"" + TestTokens.token("ada", Map.of(d, "read"), Duration.ofSeconds(5)) + "\"}");
      JsonNode authorized = s.nextOf("authorized");
      assertEquals("read", authorized.get("access").asText());
      s.send(submit(1, 0, ins(0, "x")));
      assertEquals("forbidden", s.nextOf("error").get("code").asText());
      // A bad token is refused and the old one still holds.
      s.send("{\"type\":\"auth\",\"token\":\"garbage\"}");
      assertEquals("unauthorized", s.nextOf("error").get("code").asText());
      Thread.sleep(2500); // exp is in whole seconds: the first token ends 1 to 2 s after it was issued
      assertFalse(s.closeCode.isDone(), "closed at the first token's expiry");
      // Then the refreshed token runs out too: a live connection gets no clock skew at its end.
      JsonNode expired = s.nextOf("error");
      assertEquals("unauthorized", expired.get("code").asText());
      assertEquals(4401, s.closeCode(Duration.ofSeconds(5)));
    }
    try (RawSocket s = RawSocket.open(server.uri())) {
      s.send(join(d, "c2", null, TestTokens.token("ada", Map.of(d, "write"))));
      s.nextOf("live");
      s.send("{\"type\":\"auth\",\"token\":\"" + TestTokens.token("mallory", Map.of(d, "write")) + "\"}");
      assertEquals("forbidden", s.nextOf("error").get("code").asText());
      assertEquals(4403, s.closeCode(Duration.ofSeconds(5)));
    }
  }

  @Test
  void withoutAuthenticationOnlyLoopbackIsServedUnlessToldOtherwise() {
    ModelDocumentService service = new ModelDocumentService();
    try {
      IllegalStateException e = assertThrows(IllegalStateException.class,
          () -> CoeditServer.start(service, ServerConfig.defaults().withHost("0.0.0.0").withPort(0)));
      assertTrue(e.getMessage().contains("--insecure-open"), e.getMessage());
      try (CoeditServer open = CoeditServer.start(service, ServerConfig.defaults().withHost("0.0.0.0").withPort(0).withInsecureOpen(true))) {
        assertEquals(200, new Http(java.net.URI.create("http://127.0.0.1:" + open.port())).get("/api/docs/x").status());
      }
      try (CoeditServer authed = CoeditServer.start(service, ServerConfig.defaults().withHost("0.0.0.0").withPort(0).withAuth(TestTokens.verifier()))) {
        assertEquals(401, new Http(java.net.URI.create("http://127.0.0.1:" + authed.port())).get("/api/docs/x").status());
      }
    } finally {
      service.close();
    }
  }
}
