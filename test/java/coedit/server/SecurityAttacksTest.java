package coedit.server;

import static coedit.server.RawSocket.ins;
import static coedit.server.RawSocket.join;
import static coedit.server.RawSocket.submit;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import coedit.server.core.ServerConfig;
import coedit.server.limits.Limits;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.net.http.WebSocketHandshakeException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The attacks of issue 11, each tried as an attacker would and shown to fail: a foreign
 * page's socket and POST, DNS rebinding, taking another user's client id, poisoning their
 * seqs, reusing a seq, flooding presence and submissions, opening too many connections,
 * and leaking an HTTP session per connection.
 */
class SecurityAttacksTest {
  static final AtomicInteger docs = new AtomicInteger();

  static String doc() {
    return "attack-" + docs.incrementAndGet();
  }

  static TestServer open(Limits limits) {
    return TestServer.inMemory(ServerConfig.defaults().withPort(0).withRateLimits(limits)
        .withAllowedOrigins(List.of("https://app.example")));
  }

  static TestServer authenticated(Limits limits) {
    return TestServer.inMemory(ServerConfig.defaults().withPort(0).withRateLimits(limits).withAuth(TestTokens.verifier()));
  }

  static int handshakeStatus(TestServer s, Map<String, String> headers) throws Exception {
    try (RawSocket ignored = RawSocket.open(s.uri(), headers)) {
      return 101;
    } catch (ExecutionException e) {
      if (e.getCause() instanceof WebSocketHandshakeException h) return h.getResponse().statusCode();
      throw e;
    }
  }

  static String postBody(String client, long seq, long version, String text) {
    return "{\"clientId\":\"" + client + "\",\"seq\":" + seq + ",\"version\":" + version + ",\"edits\":" + ins(0, text) + "}";
  }

  // ---- a page on another site ----

  @Test
  void aPageOnAnotherSiteCannotOpenTheLiveSocket() throws Exception {
    try (TestServer s = open(Limits.defaults())) {
      assertEquals(403, handshakeStatus(s, Map.of("Origin", "https://evil.example")));
      assertEquals(403, handshakeStatus(s, Map.of("Origin", "null")));
      // The server's own page, and the origin it was told to allow, may.
      assertEquals(101, handshakeStatus(s, Map.of("Origin", "http://" + s.uri().getRawAuthority())));
      assertEquals(101, handshakeStatus(s, Map.of("Origin", "https://app.example")));
      try (RawSocket own = RawSocket.open(s.uri(), Map.of("Origin", "http://" + s.uri().getRawAuthority()))) {
        own.send(join(doc(), "ada", null));
        assertEquals("joined", own.nextNonPing().get("type").asText());
      }
    }
  }

  @Test
  void aCrossSiteTextPlainPostWritesNothing() throws Exception {
    try (TestServer s = open(Limits.defaults())) {
      Http http = new Http(s.uri());
      String d = doc();
      // What a form or fetch(no-cors) on evil.example sends: no preflight needed for text/plain.
      Http.Response cross = http.send(http.request("/api/docs/" + d + "/edits").header("Content-Type", "text/plain")
          .header("Origin", "https://evil.example").POST(HttpRequest.BodyPublishers.ofString(postBody("x", 1, 0, "pwned"))).build());
      assertEquals(403, cross.status(), cross.body());
      assertEquals("forbidden", cross.code());
      // Without an Origin (not a page) text/plain is still not JSON.
      Http.Response plain = http.send(http.request("/api/docs/" + d + "/edits").header("Content-Type", "text/plain")
          .POST(HttpRequest.BodyPublishers.ofString(postBody("x", 1, 0, "pwned"))).build());
      assertEquals(415, plain.status(), plain.body());
      assertEquals("unsupported_media_type", plain.code());
      assertEquals(0, http.get("/api/docs/" + d).json().get("version").asLong());
      // CORS answers the allowed origin's preflight, and only its.
      Http.Response preflight = http.send(http.request("/api/docs/" + d + "/edits").header("Origin", "https://app.example")
          .header("Access-Control-Request-Method", "POST").header("Access-Control-Request-Headers", "authorization, content-type")
          .method("OPTIONS", HttpRequest.BodyPublishers.noBody()).build());
      assertEquals(204, preflight.status());
      assertEquals("https://app.example", preflight.headers().firstValue("Access-Control-Allow-Origin").orElse(null));
      assertTrue(preflight.headers().firstValue("Access-Control-Allow-Headers").orElse("").contains("Authorization"));
      Http.Response evilPreflight = http.send(http.request("/api/docs/" + d + "/edits").header("Origin", "https://evil.example")
          .header("Access-Control-Request-Method", "POST").method("OPTIONS", HttpRequest.BodyPublishers.noBody()).build());
      assertEquals(403, evilPreflight.status());
      assertTrue(evilPreflight.headers().firstValue("Access-Control-Allow-Origin").isEmpty());
      Http.Response allowed = http.send(http.request("/api/docs/" + d + "/edits").header("Content-Type", "application/json")
          .header("Origin", "https://app.example").POST(HttpRequest.BodyPublishers.ofString(postBody("x", 1, 0, "ok"))).build());
      assertEquals(200, allowed.status(), allowed.body());
      assertEquals("https://app.example", allowed.headers().firstValue("Access-Control-Allow-Origin").orElse(null));
    }
  }

  @Test
  void aRebindingPageWithAForeignHostIsRefusedOnLoopback() throws Exception {
    try (TestServer s = open(Limits.defaults())) {
      int port = s.uri().getPort();
      assertTrue(rawGet(port, "evil.example:" + port, "/api/docs/x").startsWith("HTTP/1.1 403"));
      assertTrue(rawGet(port, "evil.example:" + port, "/").startsWith("HTTP/1.1 403"));
      assertTrue(rawGet(port, "localhost:" + port, "/api/docs/x").startsWith("HTTP/1.1 200"));
      assertTrue(rawGet(port, "127.0.0.1:" + port, "/api/docs/x").startsWith("HTTP/1.1 200"));
      assertTrue(rawGet(port, "[::1]:" + port, "/api/docs/x").startsWith("HTTP/1.1 200"));
    }
  }

  /** A GET with any Host header (the JDK client will not send a foreign one). */
  static String rawGet(int port, String host, String path) throws Exception {
    try (Socket socket = new Socket("127.0.0.1", port)) {
      OutputStream out = socket.getOutputStream();
      out.write(("GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = socket.getInputStream();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  // ---- one user against another ----

  @Test
  void anotherUserCannotTakeAClientIdThatIsInUse() throws Exception {
    try (TestServer s = authenticated(Limits.defaults())) {
      String d = doc();
      try (RawSocket ada = RawSocket.open(s.uri()); RawSocket mallory = RawSocket.open(s.uri())) {
        ada.send(join(d, "ada1", null, TestTokens.token("ada", Map.of(d, "write"))));
        assertEquals("joined", ada.nextOf("joined").get("type").asText());
        ada.nextOf("live");
        mallory.send(join(d, "ada1", null, TestTokens.token("mallory", Map.of(d, "write"))));
        JsonNode refused = mallory.nextNonPing();
        assertEquals("forbidden", refused.get("code").asText(), refused.toString());
        assertEquals(4403, mallory.closeCode(Duration.ofSeconds(5)));
        // Ada was not closed (no 4003) and still edits.
        assertFalse(ada.closeCode.isDone());
        ada.send(submit(1, 0, ins(0, "mine")));
        assertEquals("ack", ada.nextOf("ack").get("type").asText());
      }
    }
  }

  @Test
  void anotherUserCannotPoisonOurNextSeq() throws Exception {
    try (TestServer s = authenticated(Limits.defaults())) {
      String d = doc();
      Http http = new Http(s.uri());
      try (RawSocket ada = RawSocket.open(s.uri())) {
        ada.send(join(d, "ada1", 0L, TestTokens.token("ada", Map.of(d, "write"))));
        ada.nextOf("live");
        // Mallory guesses Ada's client id and next seq and submits first.
        Http.Response first = http.post("/api/docs/" + d + "/edits", postBody("ada1", 1, 0, "EVIL"),
            TestTokens.token("mallory", Map.of(d, "write")));
        assertEquals(200, first.status(), first.body());
        JsonNode seen = ada.nextOf("entry");
        assertEquals("mallory", seen.get("author").asText(), "Ada sees Mallory's edit as someone else's entry, not her ack");
        // Ada's real edit under that seq is applied, not answered as a duplicate with Mallory's text.
        ada.send(submit(1, 0, ins(0, "hello")));
        JsonNode ack = ada.nextOf("ack");
        assertEquals(2, ack.get("version").asLong());
        assertEquals("hello", ack.get("edits").get(0).get("text").asText());
        JsonNode history = http.get("/api/docs/" + d + "/history", TestTokens.token("ada", Map.of(d, "read"))).json();
        assertEquals("mallory", history.get("entries").get(0).get("author").asText());
        assertEquals("ada", history.get("entries").get(1).get("author").asText());
      }
    }
  }

  @Test
  void aSeqReusedWithDifferentContentIsAConflictNotADuplicate() throws Exception {
    try (TestServer s = open(Limits.defaults())) {
      Http http = new Http(s.uri());
      String d = doc();
      assertEquals(200, http.post("/api/docs/" + d + "/edits", postBody("bo", 1, 0, "first")).status());
      assertEquals(true, http.post("/api/docs/" + d + "/edits", postBody("bo", 1, 0, "first")).json().get("duplicate").asBoolean());
      Http.Response conflict = http.post("/api/docs/" + d + "/edits", postBody("bo", 1, 0, "second"));
      assertEquals(409, conflict.status(), conflict.body());
      assertEquals("seq_conflict", conflict.code());
      try (RawSocket bo = RawSocket.open(s.uri())) {
        bo.send(join(d, "bo", null));
        bo.nextOf("live");
        bo.send(submit(1, 1, ins(0, "third")));
        JsonNode error = bo.nextOf("error");
        assertEquals("seq_conflict", error.get("code").asText());
        assertEquals(1, error.get("seq").asLong());
      }
      assertEquals("first", http.get("/api/docs/" + d).json().get("text").asText());
    }
  }

  // ---- floods ----

  @Test
  void aPresenceFloodReachesOthersCoalescedAndDisconnectsNobody() throws Exception {
    try (TestServer s = open(Limits.defaults())) {
      String d = doc();
      try (RawSocket watcher = RawSocket.open(s.uri()); RawSocket writer = RawSocket.open(s.uri());
           RawSocket flooder = RawSocket.open(s.uri())) {
        for (RawSocket r : List.of(watcher, writer, flooder)) {
          r.send(join(d, "c" + System.identityHashCode(r), null));
          r.nextOf("live");
        }
        long start = System.nanoTime();
        StringBuilder frame = new StringBuilder();
        for (int i = 1; i <= 62_000; i++) {
          frame.append("{\"type\":\"presence\",\"version\":0,\"selection\":{\"anchor\":0,\"head\":0}}\n");
          if (i % 500 == 0) {
            flooder.send(frame.toString());
            frame.setLength(0);
          }
        }
        flooder.send("{\"type\":\"presence\",\"version\":0,\"selection\":null}");
        // Everyone is still here, and an edit still reaches the watcher.
        writer.send(submit(1, 0, ins(0, "x")));
        writer.nextOf("ack");
        String flooderId = "c" + System.identityHashCode(flooder);
        int presences = 0;
        JsonNode last = null;
        boolean sawEntry = false;
        // The server may still be reading the flood: wait for its last update (cursor gone).
        long deadline = System.currentTimeMillis() + 30_000;
        while (System.currentTimeMillis() < deadline && !(sawEntry && last != null && last.get("selection").isNull())) {
          JsonNode m = watcher.poll(200);
          if (m == null) continue;
          if ("entry".equals(m.path("type").asText())) sawEntry = true;
          if ("presence".equals(m.path("type").asText()) && m.get("clientId").asText().equals(flooderId)) {
            presences++;
            last = m;
          }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        assertTrue(sawEntry, "the edit reached the watcher");
        assertFalse(watcher.closeCode.isDone(), "watcher was disconnected: " + watcher.closeCode.getNow(null));
        assertFalse(writer.closeCode.isDone(), "writer was disconnected");
        // At most 20 a second while the flood lasted; never tens of thousands.
        assertTrue(presences <= 20 * seconds + 2, presences + " presence messages in " + seconds + " s");
        assertNotNull(last);
        assertTrue(last.get("selection").isNull(), "the latest presence is delivered, not dropped: " + last);
      }
    }
  }

  @Test
  void aSubmissionFloodIsRateLimitedPerConnectionAndOverHttp() throws Exception {
    // Live: the default 30/s per connection. HTTP: a caller budget of 20/s, so a sequential
    // client on a slow machine still outruns it.
    try (TestServer s = open(Limits.defaults().withSubmits(30, 20))) {
      String d = doc();
      try (RawSocket flooder = RawSocket.open(s.uri())) {
        flooder.send(join(d, "flood", null));
        flooder.nextOf("live");
        long start = System.nanoTime();
        StringBuilder frame = new StringBuilder();
        for (int seq = 1; seq <= 400; seq++) frame.append(submit(seq, 0, ins(0, "x"))).append('\n');
        flooder.send(frame.toString());
        int acks = 0;
        int limited = 0;
        while (acks + limited < 400) {
          JsonNode m = flooder.nextNonPing();
          if ("ack".equals(m.path("type").asText())) acks++;
          if ("error".equals(m.path("type").asText())) {
            assertEquals("rate_limited", m.get("code").asText(), m.toString());
            assertTrue(m.get("retryAfterMillis").asLong() > 0);
            limited++;
          }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        assertTrue(acks <= 60 + 30 * seconds + 1, acks + " acks in " + seconds + " s");
        assertTrue(limited > 0);
      }
      // Over HTTP the caller's address has a budget too: 429 with Retry-After.
      Http http = new Http(s.uri());
      Http.Response limited = null;
      for (int seq = 1; seq <= 400 && limited == null; seq++) {
        Http.Response r = http.post("/api/docs/" + d + "/edits", postBody("http-flood", seq, 0, "y"));
        if (r.status() == 429) limited = r;
        else assertEquals(200, r.status(), r.body());
      }
      assertNotNull(limited, "no 429 in 400 posts");
      assertEquals("rate_limited", limited.code());
      assertTrue(Integer.parseInt(limited.headers().firstValue("Retry-After").orElseThrow()) >= 1);
    }
  }

  // ---- connections ----

  @Test
  void connectionsAreCappedPerAddressPerUserAndInTotal() throws Exception {
    List<RawSocket> held = new ArrayList<>();
    try (TestServer s = open(Limits.defaults().withConnections(2, 3, 100))) {
      for (int i = 0; i < 3; i++) held.add(RawSocket.open(s.uri()));
      assertEquals(429, handshakeStatus(s, Map.of()));
      held.remove(0).close();
      awaitConnections(s, 2);
      assertEquals(101, handshakeStatus(s, Map.of()));
    } finally {
      held.forEach(RawSocket::close);
      held.clear();
    }
    try (TestServer s = open(Limits.defaults().withConnections(2, 100, 2))) {
      for (int i = 0; i < 2; i++) held.add(RawSocket.open(s.uri()));
      assertEquals(429, handshakeStatus(s, Map.of()));
    } finally {
      held.forEach(RawSocket::close);
      held.clear();
    }
    try (TestServer s = authenticated(Limits.defaults().withConnections(2, 100, 100))) {
      String d = doc();
      for (int i = 0; i < 3; i++) {
        RawSocket r = RawSocket.open(s.uri());
        held.add(r);
        r.send(join(d, "tab" + i, null, TestTokens.token("ada", Map.of(d, "write"))));
      }
      held.get(0).nextOf("live");
      held.get(1).nextOf("live");
      JsonNode refused = held.get(2).nextNonPing();
      assertEquals("rate_limited", refused.get("code").asText(), refused.toString());
      assertEquals(4429, held.get(2).closeCode(Duration.ofSeconds(5)));
    } finally {
      held.forEach(RawSocket::close);
    }
  }

  static void awaitConnections(TestServer s, int n) throws InterruptedException {
    long deadline = System.currentTimeMillis() + 5000;
    while (s.server().liveConnections() != n) {
      if (System.currentTimeMillis() > deadline) fail("still " + s.server().liveConnections() + " connections");
      Thread.sleep(10);
    }
  }

  @Test
  void fiveThousandConnectAndCloseCyclesLeaveNoHttpSession() throws Exception {
    try (TestServer s = open(Limits.unlimited())) {
      ExecutorService pool = Executors.newFixedThreadPool(4);
      try {
        List<Future<?>> work = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
          work.add(pool.submit(() -> {
            for (int i = 0; i < 1250; i++) {
              try (RawSocket r = RawSocket.open(s.uri())) {
                r.send("{\"type\":\"ping\"}");
              }
            }
            return null;
          }));
        }
        for (Future<?> f : work) f.get();
      } finally {
        pool.shutdownNow();
      }
      assertEquals(0, s.server().httpSessionsCreated());
      Http.Response page = new Http(s.uri()).get("/api/docs/x");
      assertNull(page.headers().firstValue("Set-Cookie").orElse(null));
    }
  }

  // ---- the page itself ----

  @Test
  void everyResponseCarriesTheBrowserSecurityHeaders() {
    try (TestServer s = open(Limits.defaults())) {
      for (String path : List.of("/", "/app.js", "/api/docs/x", "/no/such/route")) {
        Http.Response r = new Http(s.uri()).get(path);
        String csp = r.headers().firstValue("Content-Security-Policy").orElse("");
        assertTrue(csp.contains("default-src 'self'") && csp.contains("frame-ancestors 'none'"), path + ": " + csp);
        assertFalse(csp.contains("unsafe-inline"), csp);
        assertEquals("nosniff", r.headers().firstValue("X-Content-Type-Options").orElse(null), path);
        assertEquals("DENY", r.headers().firstValue("X-Frame-Options").orElse(null), path);
        assertEquals("no-referrer", r.headers().firstValue("Referrer-Policy").orElse(null), path);
      }
    }
  }

}
