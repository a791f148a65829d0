package coedit.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import coedit.server.core.ServerConfig;
import java.net.http.HttpRequest;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The HTTP API as docs/protocol.md gives it: the happy paths, and every kind of bad input
 * answered with a 4xx and an error that names the problem (never a 500, never a partial apply).
 */
class HttpApiTest {
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
    return "doc-" + docs.incrementAndGet();
  }

  static String insert(String clientId, long seq, long version, int offset, String text) {
    return "{\"clientId\":\"" + clientId + "\",\"seq\":" + seq + ",\"version\":" + version
        + ",\"edits\":[{\"type\":\"insert\",\"offset\":" + offset + ",\"text\":\"" + text + "\"}]}";
  }

  @Test
  void aNeverEditedDocumentIsEmptyAtVersionZero() {
    Http.Response r = http.get("/api/docs/" + freshDoc());
    assertEquals(200, r.status());
    assertEquals("", r.json().get("text").asText());
    assertEquals(0, r.json().get("version").asLong());
  }

  @Test
  void editsAreAppliedTransformedAndReadBack() {
    String doc = freshDoc();
    assertEquals(1, http.post("/api/docs/" + doc + "/edits", insert("ada", 1, 0, 0, "Hello")).json().get("version").asLong());
    // Bo edits version 0 too: his insert at 0 is accepted second, so it lands after "Hello".
    Http.Response bo = http.post("/api/docs/" + doc + "/edits", insert("bo", 1, 0, 0, " world"));
    assertEquals(200, bo.status());
    assertEquals(2, bo.json().get("version").asLong());
    assertEquals(5, bo.json().get("edits").get(0).get("offset").asInt());
    Http.Response doc1 = http.get("/api/docs/" + doc);
    assertEquals(doc, doc1.json().get("id").asText());
    assertEquals("Hello world", doc1.json().get("text").asText());
    assertEquals(2, doc1.json().get("version").asLong());

    Http.Response h = http.get("/api/docs/" + doc + "/history?from=1&to=2");
    assertEquals(200, h.status());
    assertEquals(1, h.json().get("entries").size());
    var e = h.json().get("entries").get(0);
    assertEquals(2, e.get("version").asLong());
    assertEquals("bo", e.get("clientId").asText());
    assertEquals(1, e.get("seq").asLong());
    assertEquals("insert", e.get("edits").get(0).get("type").asText());
    assertEquals(2, http.get("/api/docs/" + doc + "/history").json().get("entries").size());
    assertEquals(2, http.get("/api/docs/" + doc + "/history?from=0&to=99").json().get("entries").size());
  }

  @Test
  void theSameClientIdAndSeqAgainChangesNothing() {
    String doc = freshDoc();
    Http.Response first = http.post("/api/docs/" + doc + "/edits", insert("ada", 7, 0, 0, "x"));
    Http.Response again = http.post("/api/docs/" + doc + "/edits", insert("ada", 7, 0, 0, "x"));
    assertEquals(200, again.status());
    assertEquals(first.json().get("version"), again.json().get("version"));
    assertEquals(first.json().get("edits"), again.json().get("edits"));
    assertFalse(first.json().get("duplicate").asBoolean());
    assertTrue(again.json().get("duplicate").asBoolean());
    assertEquals("x", http.get("/api/docs/" + doc).json().get("text").asText());
  }

  @Test
  void offsetsCountCodePoints() {
    String doc = freshDoc();
    http.post("/api/docs/" + doc + "/edits", insert("ada", 1, 0, 0, "a\uD83D\uDE00b"));
    Http.Response r = http.post("/api/docs/" + doc + "/edits", insert("ada", 2, 1, 2, "X"));
    assertEquals(200, r.status(), r.body());
    assertEquals("a\uD83D\uDE00Xb", http.get("/api/docs/" + doc).json().get("text").asText());
    Http.Response del = http.post("/api/docs/" + doc + "/edits",
        "{\"clientId\":\"ada\",\"seq\":3,\"version\":2,\"edits\":[{\"type\":\"delete\",\"offset\":1,\"length\":1}]}");
    assertEquals(200, del.status(), del.body());
    assertEquals("aXb", http.get("/api/docs/" + doc).json().get("text").asText());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "malformed JSON                | {\"clientId\": |                                   400 | bad_json       | malformed JSON",
      "trailing garbage              | {\"clientId\":\"a\"} x |                           400 | bad_json       | malformed JSON",
      "not an object                 | [1,2] |                                           400 | bad_json       | expected a JSON object",
      "empty body                    | '' |                                              400 | bad_json       | empty",
      "missing clientId              | {\"seq\":1,\"version\":0,\"edits\":[]} |          400 | bad_message    | missing field 'clientId'",
      "missing seq                   | {\"clientId\":\"a\",\"version\":0,\"edits\":[]} | 400 | bad_message    | missing field 'seq'",
      "missing version               | {\"clientId\":\"a\",\"seq\":1,\"edits\":[]} |     400 | bad_message    | missing field 'version'",
      "missing edits                 | {\"clientId\":\"a\",\"seq\":1,\"version\":0} |    400 | bad_message    | missing field 'edits'",
      "seq not a number              | {\"clientId\":\"a\",\"seq\":\"1\",\"version\":0,\"edits\":[]} | 400 | bad_message | 'seq' must be an integer",
      "seq a fraction                | {\"clientId\":\"a\",\"seq\":1.5,\"version\":0,\"edits\":[]} | 400 | bad_message | 'seq' must be an integer",
      "version negative              | {\"clientId\":\"a\",\"seq\":1,\"version\":-1,\"edits\":[]} | 400 | bad_message | 'version' is -1",
      "edits not an array            | {\"clientId\":\"a\",\"seq\":1,\"version\":0,\"edits\":{}} | 400 | bad_message | 'edits' must be an array",
      "bad client id                 | {\"clientId\":\"a\\u0007b\",\"seq\":1,\"version\":0,\"edits\":[]} | 400 | bad_id | clientId",
      "empty client id               | {\"clientId\":\"\",\"seq\":1,\"version\":0,\"edits\":[]} | 400 | bad_id | clientId is empty",
      "unknown edit type             | {\"clientId\":\"a\",\"seq\":1,\"version\":0,\"edits\":[{\"type\":\"replace\",\"offset\":0}]} | 400 | bad_edit | edits[0]: unknown edit type 'replace'",
      "edit not an object            | {\"clientId\":\"a\",\"seq\":1,\"version\":0,\"edits\":[3]} | 400 | bad_edit | edits[0]: an edit must be an object",
      "edit missing type             | {\"clientId\":\"a\",\"seq\":1,\"version\":0,\"edits\":[{\"offset\":0}]} | 400 | bad_edit | edits[0]: missing field 'type'",
      "insert missing text           | {\"clientId\":\"a\",\"seq\":1,\"version\":0,\"edits\":[{\"type\":\"insert\",\"offset\":0}]} | 400 | bad_edit | edits[0]: missing field 'text'",
      "delete missing length         | {\"clientId\":\"a\",\"seq\":1,\"version\":0,\"edits\":[{\"type\":\"delete\",\"offset\":0}]} | 400 | bad_edit | edits[0]: missing field 'length'",
      "edit missing offset           | {\"clientId\":\"a\",\"seq\":1,\"version\":0,\"edits\":[{\"type\":\"insert\",\"text\":\"x\"}]} | 400 | bad_edit | edits[0]: missing field 'offset'",
      "negative offset               | {\"clientId\":\"a\",\"seq\":1,\"version\":0,\"edits\":[{\"type\":\"insert\",\"offset\":-2,\"text\":\"x\"}]} | 400 | bad_edit | 'offset' is -2",
      "negative length               | {\"clientId\":\"a\",\"seq\":1,\"version\":0,\"edits\":[{\"type\":\"delete\",\"offset\":0,\"length\":-1}]} | 400 | bad_edit | 'length' is -1",
      "huge offset                   | {\"clientId\":\"a\",\"seq\":1,\"version\":0,\"edits\":[{\"type\":\"insert\",\"offset\":99999999999,\"text\":\"x\"}]} | 400 | bad_edit | 'offset' is 99999999999",
      "unpaired surrogate            | {\"clientId\":\"a\",\"seq\":1,\"version\":0,\"edits\":[{\"type\":\"insert\",\"offset\":0,\"text\":\"\\ud800\"}]} | 400 | bad_edit | unpaired surrogate",
      "duplicate key                 | {\"clientId\":\"a\",\"clientId\":\"b\",\"seq\":1,\"version\":0,\"edits\":[]} | 400 | bad_json | malformed JSON",
      "offset past the end           | {\"clientId\":\"a\",\"seq\":1,\"version\":0,\"edits\":[{\"type\":\"insert\",\"offset\":3,\"text\":\"x\"}]} | 400 | invalid_change | ",
      "delete past the end           | {\"clientId\":\"a\",\"seq\":1,\"version\":0,\"edits\":[{\"type\":\"delete\",\"offset\":0,\"length\":1}]} | 400 | invalid_change | ",
      "version ahead                 | {\"clientId\":\"a\",\"seq\":1,\"version\":5,\"edits\":[]} | 409 | version_ahead | version 5 is ahead of document",
  })
  void badSubmissionsAreRefusedWithAClearError(String name, String body, int status, String code, String message) {
    String doc = freshDoc();
    Http.Response r = http.post("/api/docs/" + doc + "/edits", body);
    assertEquals(status, r.status(), r.body());
    assertNotNull(r.json(), r.body());
    assertEquals(code, r.code(), r.body());
    if (message != null) assertTrue(r.error().contains(message), r.error());
    assertEquals(0, http.get("/api/docs/" + doc).json().get("version").asLong(), "nothing applied");
  }

  @Test
  void outOfRangeErrorsNameTheVersion() {
    String doc = freshDoc();
    http.post("/api/docs/" + doc + "/edits", insert("a", 1, 0, 0, "abc"));
    http.post("/api/docs/" + doc + "/edits", insert("a", 2, 1, 0, "defgh"));
    // At version 1 the text was "abc" (3): offset 5 is past its end, though the text is longer now.
    Http.Response r = http.post("/api/docs/" + doc + "/edits", insert("b", 1, 1, 5, "x"));
    assertEquals(400, r.status(), r.body());
    assertEquals("invalid_change", r.code());
    assertTrue(r.error().contains("version"), r.error());
    assertEquals(2, http.get("/api/docs/" + doc).json().get("version").asLong());
  }

  @Test
  void bodiesAndDocumentsOverTheLimitsAre413() {
    String doc = freshDoc();
    Http.Response big = http.post("/api/docs/" + doc + "/edits", insert("a", 1, 0, 0, "x".repeat(5000)));
    assertEquals(413, big.status(), big.body());
    assertEquals("too_large", big.code());
    assertTrue(big.error().contains("4096"), big.error());

    assertEquals(200, http.post("/api/docs/" + doc + "/edits", insert("a", 1, 0, 0, "y".repeat(900))).status());
    Http.Response grow = http.post("/api/docs/" + doc + "/edits", insert("a", 2, 1, 0, "z".repeat(200)));
    assertEquals(413, grow.status(), grow.body());
    assertEquals("too_large", grow.code());
    assertTrue(grow.error().contains("1000"), grow.error());
    assertEquals(1, http.get("/api/docs/" + doc).json().get("version").asLong());
  }

  @Test
  void badIdsAndQueriesAre400() {
    Http.Response longId = http.get("/api/docs/" + "a".repeat(129));
    assertEquals(400, longId.status());
    assertEquals("bad_id", longId.code());
    Http.Response badChar = http.get("/api/docs/a%07b");
    assertEquals(400, badChar.status());
    assertTrue(badChar.error().contains("control character U+0007"), badChar.error());
    Http.Response padded = http.get("/api/docs/%20notes");
    assertEquals("bad_id", padded.code(), padded.body());
    Http.Response from = http.get("/api/docs/x/history?from=abc");
    assertEquals(400, from.status());
    assertTrue(from.error().contains("'from'"), from.error());
    Http.Response order = http.get("/api/docs/x/history?from=5&to=2");
    assertEquals(400, order.status());
    assertEquals("bad_message", order.code());
    Http.Response neg = http.get("/api/docs/x/history?to=-1");
    assertEquals(400, neg.status());
  }

  @Test
  void unicodeNamesArePercentEncodedPathSegmentsAndEachIsItsOwnDocument() {
    String[] names = {"café", "a/b/c", "abc", "日本語", "100% done", "a?b#c"};
    for (int i = 0; i < names.length; i++) {
      String path = "/api/docs/" + java.net.URLEncoder.encode(names[i], java.nio.charset.StandardCharsets.UTF_8)
          .replace("+", "%20");
      Http.Response r = http.post(path + "/edits", insert("ada", 1, 0, 0, "doc " + i));
      assertEquals(200, r.status(), names[i] + ": " + r.body());
    }
    for (int i = 0; i < names.length; i++) {
      String path = "/api/docs/" + java.net.URLEncoder.encode(names[i], java.nio.charset.StandardCharsets.UTF_8)
          .replace("+", "%20");
      com.fasterxml.jackson.databind.JsonNode d = http.get(path).json();
      assertEquals(names[i], d.get("id").asText());
      assertEquals("doc " + i, d.get("text").asText(), "no two names share a document");
      assertEquals(1, http.get(path + "/history").json().get("entries").size());
    }
  }

  @Test
  void unknownRoutesAndMethodsAnswerJson() {
    Http.Response missing = http.get("/api/nothing-here");
    assertEquals(404, missing.status(), missing.body());
    assertEquals("not_found", missing.code());
    Http.Response method = http.send(HttpRequest.newBuilder(server.uri().resolve("/api/docs/x"))
        .DELETE().build());
    assertEquals(405, method.status(), method.body());
    assertEquals("method_not_allowed", method.code());
  }
}
