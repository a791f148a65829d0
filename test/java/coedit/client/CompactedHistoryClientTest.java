package coedit.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import coedit.editor.EditorConfig;
import coedit.editor.HistoryRetention;
import coedit.editor.ModelDocumentService;
import coedit.server.Http;
import coedit.server.TestServer;
import coedit.server.core.ServerConfig;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The Java client on a server that keeps no history (every compaction drops all it can):
 * a client that comes back with a base version compacted away is told so, takes the
 * server's text, rebases its pending edits onto it and converges with every edit it made.
 */
class CompactedHistoryClientTest {
  static final Duration SYNC = Duration.ofSeconds(20);
  TestServer server;
  CoeditClient client;

  @BeforeEach
  void start() {
    ModelDocumentService service = new ModelDocumentService(
        EditorConfig.defaults().withRetention(HistoryRetention.versions(0)));
    server = new TestServer(service, ServerConfig.defaults().withPort(0));
    client = new CoeditClient(server.uri());
  }

  @AfterEach
  void stop() {
    client.close();
    server.close();
  }

  DocumentSession open(String doc, String name) throws Exception {
    SessionOptions o = SessionOptions.defaults().withName(name, "#aa0000")
        .withBackoff(Duration.ofMillis(20), Duration.ofMillis(300));
    return client.open(doc, o, SessionListener.NONE);
  }

  @Test
  void anOfflineClientWhoseBaseWasCompactedAwayComesBackAndConvergesWithAllItsEdits() throws Exception {
    DocumentSession ada = open("notes", "ada");
    DocumentSession bo = open("notes", "bo");
    ada.insert(0, "shared ");
    converged(List.of(ada, bo));
    long adaBase = ada.version();

    ada.goOffline();
    for (int i = 0; i < 20; i++) ada.insert(ada.text().length(), "a");
    // Meanwhile bo types enough for the server to drop all of ada's base and beyond.
    for (int i = 0; i < 100; i++) {
      bo.insert(0, "b");
      bo.awaitSynced(SYNC); // one version each
    }
    Http http = new Http(server.uri());
    assertEquals(410, http.get("/api/docs/notes/history?from=" + adaBase).status(),
        "the entries after ada's base are gone");

    ada.goOnline();
    String text = converged(List.of(ada, bo));
    assertEquals(21, Typist.count(text, 'a'), text); // "shared " has one 'a'
    assertEquals(100, Typist.count(text, 'b'), text);
    assertTrue(server.service().horizon("notes") > adaBase);
  }

  @Test
  void editsMadeWhileTheRebaseIsUnderWayAreKeptToo() throws Exception {
    DocumentSession ada = open("story", "ada");
    DocumentSession bo = open("story", "bo");
    ada.insert(0, "x");
    converged(List.of(ada, bo));
    for (int round = 0; round < 3; round++) {
      ada.goOffline();
      for (int i = 0; i < 5; i++) ada.insert(0, "a");
      long before = ada.version();
      for (int i = 0; i < 60; i++) {
        bo.insert(bo.text().length(), "b");
        bo.awaitSynced(SYNC);
      }
      assertTrue(server.service().horizon("story") > before, "ada's base was compacted away");
      ada.goOnline();
      for (int i = 0; i < 5; i++) ada.insert(ada.text().length(), "a"); // typed while it rejoins
    }
    String text = converged(List.of(ada, bo));
    assertEquals(30, Typist.count(text, 'a'), text);
    assertEquals(180, Typist.count(text, 'b'), text);
  }

  /** Every session synced and equal to the server's text; returns that text. */
  private String converged(List<DocumentSession> all) throws Exception {
    String doc = all.get(0).docId();
    for (DocumentSession s : all) s.awaitSynced(SYNC);
    JsonNode d = new Http(server.uri()).get("/api/docs/" + doc).json();
    long version = d.get("version").asLong();
    for (DocumentSession s : all) s.awaitVersion(version, SYNC);
    String text = d.get("text").asText();
    for (DocumentSession s : all) assertEquals(text, s.text(), s.clientId() + " differs from the server");
    return text;
  }
}
