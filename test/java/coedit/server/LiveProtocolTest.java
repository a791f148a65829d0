package coedit.server;

import static coedit.server.RawSocket.ins;
import static coedit.server.RawSocket.join;
import static coedit.server.RawSocket.submit;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import coedit.editor.ModelDocumentService;
import coedit.server.core.ServerConfig;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The WebSocket protocol of docs/protocol.md, spoken raw: joining and catching up, the
 * stream's exactly-once order with acks in place, every bad input answered by an error
 * message on a connection that stays open, close codes, multi-message frames, presence.
 */
class LiveProtocolTest {
  static TestServer server;
  static Http http;
  static final AtomicInteger docs = new AtomicInteger();

  @BeforeAll
  static void start() {
    server = TestServer.inMemory(ServerConfig.defaults().withPort(0).withLimits(4096, 1000, 1 << 20));
    http = new Http(server.uri());
  }

  @AfterAll
  static void stop() {
    server.close(); // closes the in-memory service too
  }

  static String freshDoc() {
    return "live-" + docs.incrementAndGet();
  }

  static void post(String doc, String client, long seq, long version, int offset, String text) {
    Http.Response r = http.post("/api/docs/" + doc + "/edits", "{\"clientId\":\"" + client + "\",\"seq\":" + seq
        + ",\"version\":" + version + ",\"edits\":" + ins(offset, text) + "}");
    assertEquals(200, r.status(), r.body());
  }

  static RawSocket joined(String doc, String client, Long from) throws Exception {
    RawSocket s = RawSocket.open(server.uri());
    s.send(join(doc, client, from));
    assertEquals("joined", s.nextNonPing().get("type").asText());
    return s;
  }

  @Test
  void joiningWithoutAVersionGetsTheTextThenLive() throws Exception {
    String doc = freshDoc();
    post(doc, "x", 1, 0, 0, "Hello");
    post(doc, "x", 2, 1, 5, " world");
    try (RawSocket s = RawSocket.open(server.uri())) {
      s.send(join(doc, "ada", null));
      JsonNode j = s.nextNonPing();
      assertEquals("joined", j.get("type").asText());
      assertEquals(1, j.get("protocol").asInt());
      assertEquals("Hello world", j.get("text").asText());
      assertEquals(2, j.get("version").asLong());
      assertTrue(j.get("heartbeatMillis").asLong() > 0);
      assertEquals(4096, j.get("limits").get("maxMessageBytes").asLong());
      JsonNode live = s.nextNonPing();
      assertEquals("live", live.get("type").asText());
      assertEquals(2, live.get("version").asLong());
    }
  }

  @Test
  void catchUpSendsEveryMissingVersionOnceInOrderThenLiveEntries() throws Exception {
    String doc = freshDoc();
    for (int i = 0; i < 5; i++) post(doc, "bo", i + 1, i, i, "" + i);
    try (RawSocket s = RawSocket.open(server.uri())) {
      s.send(join(doc, "ada", 2L));
      JsonNode j = s.nextNonPing();
      assertEquals(2, j.get("version").asLong());
      assertFalse(j.has("text"));
      assertEquals(5, j.get("headVersion").asLong());
      for (long v = 3; v <= 5; v++) {
        JsonNode e = s.nextNonPing();
        assertEquals("entry", e.get("type").asText());
        assertEquals(v, e.get("version").asLong());
        assertEquals("bo", e.get("clientId").asText());
        assertEquals(v, e.get("seq").asLong());
        assertEquals(v - 1, e.get("edits").get(0).get("offset").asInt());
      }
      assertEquals(5, s.nextNonPing().get("version").asLong()); // live
      post(doc, "bo", 6, 5, 0, "!");
      JsonNode e6 = s.nextOf("entry");
      assertEquals(6, e6.get("version").asLong());
    }
  }

  @Test
  void ownEntriesArriveAsAcksAlsoDuringCatchUp() throws Exception {
    String doc = freshDoc();
    post(doc, "ada", 41, 0, 0, "a");
    post(doc, "bo", 1, 1, 1, "b");
    try (RawSocket s = RawSocket.open(server.uri())) {
      s.send(join(doc, "ada", 0L));
      s.nextNonPing();
      JsonNode ack = s.nextNonPing();
      assertEquals("ack", ack.get("type").asText());
      assertEquals(41, ack.get("seq").asLong());
      assertEquals(1, ack.get("version").asLong());
      assertEquals("entry", s.nextNonPing().get("type").asText());
    }
  }

  @Test
  void concurrentSubmissionsAreTransformedAndAckedInStreamOrder() throws Exception {
    String doc = freshDoc();
    try (RawSocket a = joined(doc, "ada", 0L); RawSocket b = joined(doc, "bo", 0L)) {
      a.nextOf("live");
      b.nextOf("live");
      b.send(submit(1, 0, ins(0, "BBB")));
      b.nextOf("ack");
      a.send(submit(1, 0, ins(0, "A"))); // made at version 0, accepted after Bo's
      JsonNode first = a.nextOf("entry");
      assertEquals(1, first.get("version").asLong());
      assertEquals("bo", first.get("clientId").asText());
      JsonNode ack = a.nextOf("ack");
      assertEquals(1, ack.get("seq").asLong());
      assertEquals(2, ack.get("version").asLong());
      assertEquals(3, ack.get("edits").get(0).get("offset").asInt(), "moved after Bo's text");
      JsonNode seen = b.nextOf("entry");
      assertEquals(2, seen.get("version").asLong());
      assertEquals("BBBA", http.get("/api/docs/" + doc).json().get("text").asText());
    }
  }

  @Test
  void aResubmissionIsAnsweredWithoutANewVersion() throws Exception {
    String doc = freshDoc();
    try (RawSocket a = joined(doc, "ada", 0L)) {
      a.nextOf("live");
      a.send(submit(1, 0, ins(0, "x")));
      assertEquals(1, a.nextOf("ack").get("version").asLong());
      a.send(submit(1, 0, ins(0, "x")));
      a.send("{\"type\":\"ping\"}");
      assertEquals("pong", a.nextNonPing().get("type").asText());
      JsonNode more = a.poll(200);
      if (more != null && "ping".equals(more.path("type").asText())) more = a.poll(200); // a heartbeat may fall in the window
      assertNull(more);
      assertEquals(1, http.get("/api/docs/" + doc).json().get("version").asLong());
    }
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "not JSON                | hello                                               | bad_json    | malformed JSON",
      "not an object           | [1,2]                                               | bad_json    | expected a JSON object",
      "no type                 | {\"seq\":1}                                         | bad_message | missing field 'type'",
      "unknown type            | {\"type\":\"hello\"}                                | bad_message | unknown message type 'hello'",
      "submit before join      | {\"type\":\"submit\",\"seq\":1,\"version\":0,\"edits\":[]} | not_joined | send 'join' first",
      "presence before join    | {\"type\":\"presence\",\"version\":0,\"selection\":null} | not_joined | send 'join' first",
      "join without docId      | {\"type\":\"join\",\"protocol\":1,\"clientId\":\"a\",\"fromVersion\":null} | bad_message | missing field 'docId'",
      "join without protocol   | {\"type\":\"join\",\"docId\":\"d\",\"clientId\":\"a\"} | bad_message | missing field 'protocol'",
      "join with a bad docId   | {\"type\":\"join\",\"protocol\":1,\"docId\":\"a\\u2028b\",\"clientId\":\"a\"} | bad_id | docId",
      "join with a bad client  | {\"type\":\"join\",\"protocol\":1,\"docId\":\"d\",\"clientId\":\"\"} | bad_id | clientId is empty",
      "join with a bad colour  | {\"type\":\"join\",\"protocol\":1,\"docId\":\"d\",\"clientId\":\"a\",\"colour\":\"red\"} | bad_message | colour",
      "join with a fraction    | {\"type\":\"join\",\"protocol\":1,\"docId\":\"d\",\"clientId\":\"a\",\"fromVersion\":1.5} | bad_message | 'fromVersion' must be an integer",
  })
  void badMessagesBeforeJoiningAreAnsweredAndTheConnectionStaysOpen(String name, String message, String code,
      String text) throws Exception {
    try (RawSocket s = RawSocket.open(server.uri())) {
      s.send(message);
      JsonNode e = s.nextNonPing();
      assertEquals("error", e.get("type").asText(), e.toString());
      assertEquals(code, e.get("code").asText(), e.toString());
      assertTrue(e.get("error").asText().contains(text), e.toString());
      s.send("{\"type\":\"ping\"}");
      assertEquals("pong", s.nextNonPing().get("type").asText());
    }
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "missing seq         | {\"type\":\"submit\",\"version\":0,\"edits\":[]}                                    | bad_message    | -1 | missing field 'seq'",
      "missing edits       | {\"type\":\"submit\",\"seq\":3,\"version\":0}                                       | bad_message    | 3  | missing field 'edits'",
      "unknown edit type   | {\"type\":\"submit\",\"seq\":4,\"version\":0,\"edits\":[{\"type\":\"bold\",\"offset\":0}]} | bad_edit | 4 | edits[0]: unknown edit type 'bold'",
      "insert without text | {\"type\":\"submit\",\"seq\":5,\"version\":0,\"edits\":[{\"type\":\"insert\",\"offset\":0}]} | bad_edit | 5 | missing field 'text'",
      "offset out of range | {\"type\":\"submit\",\"seq\":6,\"version\":0,\"edits\":[{\"type\":\"insert\",\"offset\":9,\"text\":\"x\"}]} | invalid_change | 6 | version 0",
      "version ahead       | {\"type\":\"submit\",\"seq\":7,\"version\":9,\"edits\":[]}                          | version_ahead  | 7 | version 9 is ahead",
      "join twice          | {\"type\":\"join\",\"protocol\":1,\"docId\":\"d\",\"clientId\":\"a\"}               | already_joined | -1 | already joined",
      "bad selection       | {\"type\":\"presence\",\"version\":0,\"selection\":{\"anchor\":-1,\"head\":0}}      | bad_message    | -1 | 'anchor' is -1",
      "document too large  | {\"type\":\"submit\",\"seq\":8,\"version\":0,\"edits\":[{\"type\":\"insert\",\"offset\":0,\"text\":\"<1001>\"}]} | too_large | 8 | limit is 1000",
  })
  void badMessagesAfterJoiningAreAnsweredWithTheirSeq(String name, String message, String code, long seq,
      String text) throws Exception {
    String doc = freshDoc();
    try (RawSocket s = joined(doc, "ada", 0L)) {
      s.nextOf("live");
      s.send(message.replace("<1001>", "y".repeat(1001)));
      JsonNode e = s.nextOf("error");
      assertEquals(code, e.get("code").asText(), e.toString());
      assertTrue(e.get("error").asText().contains(text), e.toString());
      if (seq >= 0) assertEquals(seq, e.get("seq").asLong(), e.toString());
      else assertFalse(e.has("seq"), e.toString());
      s.send("{\"type\":\"ping\"}");
      assertEquals("pong", s.nextOf("pong").get("type").asText());
      assertEquals(0, http.get("/api/docs/" + doc).json().get("version").asLong(), "nothing applied");
    }
  }

  @Test
  void anUnsupportedProtocolVersionIsRefusedAndClosedWith4000() throws Exception {
    try (RawSocket s = RawSocket.open(server.uri())) {
      s.send("{\"type\":\"join\",\"protocol\":2,\"docId\":\"d\",\"clientId\":\"a\"}");
      JsonNode e = s.nextNonPing();
      assertTrue(e.get("error").asText().contains("speaks version 1"), e.toString());
      assertEquals(4000, s.closeCode(Duration.ofSeconds(5)));
    }
  }

  @Test
  void joiningAheadOfTheDocumentIsAnErrorAndTheClientMayJoinAgain() throws Exception {
    String doc = freshDoc();
    try (RawSocket s = RawSocket.open(server.uri())) {
      s.send(join(doc, "ada", 7L));
      JsonNode e = s.nextNonPing();
      assertEquals("version_ahead", e.get("code").asText());
      assertTrue(e.get("error").asText().contains("version 7 is ahead"), e.toString());
      s.send(join(doc, "ada", null));
      assertEquals("joined", s.nextNonPing().get("type").asText());
    }
  }

  @Test
  void binaryFramesAndOversizedMessagesAreErrors() throws Exception {
    try (RawSocket s = RawSocket.open(server.uri())) {
      s.sendBinary();
      assertEquals("bad_message", s.nextNonPing().get("code").asText());
      s.send("{\"type\":\"ping\",\"pad\":\"" + "z".repeat(5000) + "\"}");
      JsonNode e = s.nextNonPing();
      assertEquals("too_large", e.get("code").asText());
      assertTrue(e.get("error").asText().contains("4096"), e.toString());
      s.send("{\"type\":\"ping\"}");
      assertEquals("pong", s.nextNonPing().get("type").asText());
    }
  }

  @Test
  void anOversizedSubmitIsRefusedWithItsSeqAndLaterSubmissionsStillWork() throws Exception {
    String doc = freshDoc();
    try (RawSocket s = joined(doc, "ada", 0L)) {
      s.nextOf("live");
      // Over the 4096-byte limit: the seq sits after the big edits, as a client may write it.
      s.send("{\"type\":\"submit\",\"version\":0,\"edits\":[{\"type\":\"insert\",\"offset\":0,\"text\":\""
          + "p".repeat(6000) + "\"}],\"seq\":1}");
      JsonNode e = s.nextOf("error");
      assertEquals("too_large", e.get("code").asText(), e.toString());
      assertEquals(1, e.get("seq").asLong(), "the refused submission is named: " + e);
      s.send(submit(2, 0, ins(0, "ok")));
      assertEquals(1, s.nextOf("ack").get("version").asLong());
      assertEquals("ok", http.get("/api/docs/" + doc).json().get("text").asText());
    }
  }

  @Test
  void aFrameMayCarrySeveralMessages() throws Exception {
    try (RawSocket s = RawSocket.open(server.uri())) {
      s.send("{\"type\":\"ping\"}\n{\"type\":\"ping\"}\n{\"type\":\"nope\"}");
      assertEquals("pong", s.nextNonPing().get("type").asText());
      assertEquals("pong", s.nextNonPing().get("type").asText());
      assertEquals("bad_message", s.nextNonPing().get("code").asText());
    }
  }

  @Test
  void aNewerConnectionWithTheSameClientIdReplacesTheOlderWith4003() throws Exception {
    String doc = freshDoc();
    try (RawSocket first = joined(doc, "ada", 0L); RawSocket second = joined(doc, "ada", 0L)) {
      assertEquals(4003, first.closeCode(Duration.ofSeconds(5)));
      second.nextOf("live");
      second.send(submit(1, 0, ins(0, "ok")));
      assertEquals(1, second.nextOf("ack").get("version").asLong());
    }
  }

  @Test
  void presenceIsSharedMovedByEditsAndForgottenOnLeave() throws Exception {
    String doc = freshDoc();
    post(doc, "x", 1, 0, 0, "abcdef");
    try (RawSocket a = joined(doc, "ada", 1L); RawSocket b = joined(doc, "bo", 1L)) {
      a.nextOf("live");
      b.nextOf("live");
      JsonNode seen = a.nextOf("presence"); // Bo arrived (no cursor yet)
      assertEquals("bo", seen.get("clientId").asText());
      assertTrue(seen.get("selection").isNull());
      JsonNode ada = b.nextOf("presence"); // Bo, on going live, is told who is already here
      assertEquals("ada", ada.get("clientId").asText());
      assertTrue(ada.get("selection").isNull());

      a.send("{\"type\":\"presence\",\"version\":1,\"selection\":{\"anchor\":2,\"head\":4}}");
      JsonNode p = b.nextOf("presence");
      assertEquals("ada", p.get("clientId").asText());
      assertEquals("ada", p.get("name").asText());
      assertEquals("#112233", p.get("colour").asText());
      assertEquals(2, p.get("selection").get("anchor").asInt());
      assertEquals(4, p.get("selection").get("head").asInt());
      assertEquals(1, p.get("version").asLong());

      post(doc, "x", 2, 1, 0, "XY"); // version 2: two code points before Ada's selection
      b.nextOf("entry");
      // A late joiner sees Ada's selection where it is now: moved by the server.
      try (RawSocket c = joined(doc, "cy", 2L)) {
        c.nextOf("live");
        JsonNode moved = c.nextOf("presence");
        while (!"ada".equals(moved.get("clientId").asText())) moved = c.nextOf("presence");
        assertEquals(4, moved.get("selection").get("anchor").asInt());
        assertEquals(6, moved.get("selection").get("head").asInt());
        assertEquals(2, moved.get("version").asLong());
      }
      // An update made at an old version is moved to the current one before it is shared.
      a.send("{\"type\":\"presence\",\"version\":1,\"selection\":{\"anchor\":0,\"head\":0}}");
      JsonNode old = b.nextOf("presence");
      while (!"ada".equals(old.get("clientId").asText())) old = b.nextOf("presence");
      assertEquals(2, old.get("selection").get("anchor").asInt(), old.toString());
      assertEquals(2, old.get("version").asLong());

      a.close(); // before the end of the block: the others must see her leave
      JsonNode leave = b.nextOf("leave"); // Cy left first
      while (!"ada".equals(leave.get("clientId").asText())) leave = b.nextOf("leave");
      assertEquals("ada", leave.get("clientId").asText());
    }
  }

  @Test
  void silentPeersAreClosedWith4001() throws Exception {
    ModelDocumentService svc = new ModelDocumentService();
    try (CoeditServer quick = CoeditServer.start(svc, ServerConfig.defaults().withPort(0).withHeartbeat(100, 500))) {
      RawSocket silent = RawSocket.open(quick.uri());
      RawSocket polite = RawSocket.open(quick.uri());
      silent.send(join("hb", "quiet", null));
      polite.send(join("hb", "chatty", null));
      long end = System.currentTimeMillis() + 1500;
      int pings = 0;
      while (System.currentTimeMillis() < end) {
        JsonNode m = polite.poll(50);
        if (m != null && "ping".equals(m.path("type").asText())) {
          pings++;
          polite.send("{\"type\":\"pong\"}");
        }
      }
      assertTrue(pings >= 5, "pings seen: " + pings);
      assertEquals(4001, silent.closeCode(Duration.ofSeconds(3)));
      assertFalse(polite.closeCode.isDone(), "a peer that answers stays connected");
      silent.close();
      polite.close();
    } finally {
      svc.close();
    }
  }
}
