package coedit.server.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import coedit.editor.data.EditSubmission;
import coedit.ot.Change;
import coedit.ot.Insert;
import coedit.server.Http;
import coedit.server.TestServer;
import coedit.server.core.ServerConfig;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * No answer is assembled whole beyond a bound: history pages by entries and by bytes, with
 * a cursor to the next page. And a body that is not valid UTF-8 is refused, not stored
 * with replacement characters.
 */
class HistoryPagingAndBodiesTest {
  static TestServer server;
  static Http http;

  @BeforeAll
  static void start() {
    server = TestServer.inMemory(ServerConfig.defaults().withPort(0).withHistoryPage(100, 64 * 1024));
    http = new Http(server.uri());
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static void type(String doc, int entries, int charsEach) {
    for (int v = 0; v < entries; v++) {
      server.service().submit(new EditSubmission(doc, "w", v, v,
          Change.of(new Insert(0, "x".repeat(charsEach))))).join();
    }
  }

  @Test
  void historyPagesByLimitWithACursorToTheNextPage() {
    type("paged", 250, 1);
    JsonNode first = http.get("/api/docs/paged/history?limit=40").json();
    assertEquals(40, first.get("entries").size());
    assertEquals(1, first.get("entries").get(0).get("version").asLong());
    assertEquals(40, first.get("to").asLong());
    assertEquals(40, first.get("next").asLong(), "the next page starts after version 40");
    // Following the cursors reads every entry exactly once, then stops.
    long seen = 40;
    long next = first.get("next").asLong();
    while (true) {
      JsonNode page = http.get("/api/docs/paged/history?limit=40&from=" + next).json();
      for (JsonNode e : page.get("entries")) assertEquals(++seen, e.get("version").asLong());
      if (!page.has("next")) break;
      next = page.get("next").asLong();
    }
    assertEquals(250, seen);
  }

  @Test
  void withoutALimitAPageHoldsAtMostTheServersPageSize() {
    type("big-count", 130, 1);
    JsonNode page = http.get("/api/docs/big-count/history").json();
    assertEquals(100, page.get("entries").size(), "the server's page size (100 here)");
    assertEquals(100, page.get("next").asLong());
    assertEquals(100, http.get("/api/docs/big-count/history?limit=100000").json().get("entries").size(),
        "a limit above the page size is capped");
  }

  @Test
  void aPageStopsAtTheByteBoundButAlwaysHoldsOneEntry() {
    type("heavy", 6, 30_000); // ~30 KB per entry, 64 KB per page here
    JsonNode page = http.get("/api/docs/heavy/history").json();
    assertEquals(2, page.get("entries").size(), "two entries fit in 64 KB, a third would not");
    assertEquals(2, page.get("next").asLong());
    type("huge", 1, 100_000); // one entry larger than a page
    JsonNode one = http.get("/api/docs/huge/history").json();
    assertEquals(1, one.get("entries").size(), "an entry larger than a page is returned alone");
    assertFalse(one.has("next"));
  }

  @Test
  void aBadLimitIs400() {
    assertEquals("bad_message", http.get("/api/docs/x/history?limit=0").code());
    assertEquals("bad_message", http.get("/api/docs/x/history?limit=abc").code());
  }

  @Test
  void aBodyThatIsNotUtf8IsBadJsonAndChangesNothing() {
    byte[] body = "{\"clientId\":\"a\",\"seq\":1,\"version\":0,\"edits\":[{\"type\":\"insert\",\"offset\":0,\"text\":\"caf\u00e9\"}]}"
        .getBytes(java.nio.charset.StandardCharsets.UTF_8);
    // Cut the two-byte é in half: a lone lead byte before the closing quote.
    byte[] broken = new byte[body.length - 1];
    int cut = new String(body, java.nio.charset.StandardCharsets.UTF_8).indexOf('\u00e9');
    int at = "{\"clientId\":\"a\",\"seq\":1,\"version\":0,\"edits\":[{\"type\":\"insert\",\"offset\":0,\"text\":\"caf".length();
    assertTrue(cut > 0);
    System.arraycopy(body, 0, broken, 0, at + 1);
    System.arraycopy(body, at + 2, broken, at + 1, body.length - at - 2);
    Http.Response r = http.send(HttpRequest.newBuilder(server.uri().resolve("/api/docs/utf/edits"))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofByteArray(broken)).build());
    assertEquals(400, r.status(), r.body());
    assertEquals("bad_json", r.code(), r.body());
    assertTrue(r.error().contains("UTF-8"), r.error());
    assertEquals(0, http.get("/api/docs/utf").json().get("version").asLong());
  }
}
