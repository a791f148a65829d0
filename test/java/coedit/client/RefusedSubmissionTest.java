package coedit.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import coedit.server.Http;
import coedit.server.TestServer;
import coedit.server.core.ServerConfig;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A refused submission never blocks the ones after it (issue 16): against a real server
 * whose documents may hold 300 code points, a change that would grow the document past
 * that is refused as {@code too_large}; the Java client takes exactly that change out of
 * its text, says so ({@link SessionListener#onRefused}), keeps the edits typed after it and
 * carries on, as the browser client does.
 */
class RefusedSubmissionTest {
  static final Duration SYNC = Duration.ofSeconds(20);
  static TestServer server;
  static Http http;

  @BeforeAll
  static void start() {
    server = TestServer.inMemory(ServerConfig.defaults().withPort(0).withLimits(1 << 20, 300, 1 << 20));
    http = new Http(server.uri());
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  /** What a listener heard, in order. */
  static final class Heard implements SessionListener {
    final List<String> refused = new CopyOnWriteArrayList<>();
    final List<RemoteChange> changes = new CopyOnWriteArrayList<>();

    @Override
    public void onRefused(long seq, String code, String message, boolean keptTheRest) {
      refused.add(seq + " " + code + " " + keptTheRest);
    }

    @Override
    public void onRemoteChange(RemoteChange change) {
      changes.add(change);
    }
  }

  @Test
  void aChangeThatWouldMakeTheDocumentTooLargeIsTakenOutAloneAndTypingGoesOn() throws Exception {
    String doc = "refused-" + System.nanoTime();
    Heard adaHeard = new Heard();
    try (CoeditClient client = new CoeditClient(server.uri());
         DocumentSession ada = client.open(doc, SessionOptions.defaults().withName("ada", "#aa0000"), adaHeard);
         DocumentSession bo = client.open(doc, SessionOptions.defaults().withName("bo", "#00aa00"), SessionListener.NONE)) {
      bo.insert(0, "bo:");
      converged(doc, ada, bo);
      ada.insert(3, "x".repeat(200));
      assertEquals("bo:" + "x".repeat(200), converged(doc, ada, bo));

      // 150 more would make 353 code points: refused. What Ada types next is kept.
      ada.insert(3, "y".repeat(150));
      ada.insert(ada.length(), " after");
      bo.insert(0, ">");
      String text = converged(doc, ada, bo);
      assertEquals(">bo:" + "x".repeat(200) + " after", text);
      assertEquals(1, adaHeard.refused.size(), adaHeard.refused.toString());
      assertTrue(adaHeard.refused.get(0).endsWith(" too_large true"), adaHeard.refused.toString());
      RemoteChange takenOut = adaHeard.changes.stream().filter(c -> ada.clientId().equals(c.clientId())).findFirst().orElseThrow();
      assertEquals(Long.parseLong(adaHeard.refused.get(0).split(" ")[0]), takenOut.seq(), "the refused seq, reported");

      // Nothing is blocked: more edits from both go through, and the refused seq is never reused.
      ada.insert(0, "[");
      bo.insert(bo.length(), "]");
      assertEquals("[>bo:" + "x".repeat(200) + " after]", converged(doc, ada, bo));
      assertFalse(ada.status().pending() > 0);
    }
  }

  static String converged(String doc, DocumentSession... all) throws Exception {
    for (DocumentSession s : all) s.awaitSynced(SYNC);
    var d = http.get("/api/docs/" + doc).json();
    for (DocumentSession s : all) s.awaitVersion(d.get("version").asLong(), SYNC);
    for (DocumentSession s : all) assertEquals(d.get("text").asText(), s.text(), s.clientId());
    return d.get("text").asText();
  }
}
