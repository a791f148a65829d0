package coedit.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import coedit.server.Http;
import coedit.server.TestServer;
import coedit.server.core.ServerConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Java client's undo and message limit against a real server whose messages are
 * limited to 4 KiB: undo across another session's edits, and a paste far over the limit
 * that goes through as several submissions without a single refusal.
 */
class UndoAndLimitsTest {
  static final Duration SYNC = Duration.ofSeconds(20);
  static TestServer server;
  static Http http;
  final List<DocumentSession> sessions = new ArrayList<>();
  final List<String> errors = new CopyOnWriteArrayList<>();
  CoeditClient client;

  @BeforeAll
  static void start() {
    server = TestServer.inMemory(ServerConfig.defaults().withPort(0).withLimits(4096, 1_000_000, 1 << 20));
    http = new Http(server.uri());
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @AfterEach
  void close() {
    sessions.forEach(DocumentSession::close);
    if (client != null) client.close();
  }

  DocumentSession open(String doc, String name) throws Exception {
    if (client == null) client = new CoeditClient(server.uri());
    DocumentSession s = client.open(doc, SessionOptions.defaults().withName(name, "#aa0000"), new SessionListener() {
      @Override
      public void onError(String code, String message) {
        errors.add(name + ": " + code + " " + message);
      }
    });
    sessions.add(s);
    return s;
  }

  String converged(String doc, DocumentSession... all) throws Exception {
    for (DocumentSession s : all) s.awaitSynced(SYNC);
    var d = http.get("/api/docs/" + doc).json();
    for (DocumentSession s : all) s.awaitVersion(d.get("version").asLong(), SYNC);
    for (DocumentSession s : all) assertEquals(d.get("text").asText(), s.text());
    return d.get("text").asText();
  }

  @Test
  void undoRemovesOnlyOurOwnTextAcrossTheOthersEditsAndRedoPutsItBack() throws Exception {
    String doc = "undo-" + System.nanoTime();
    DocumentSession ada = open(doc, "ada");
    DocumentSession bo = open(doc, "bo");
    bo.insert(0, "[bo]");
    converged(doc, ada, bo);
    ada.insert(4, " hello");
    ada.insert(10, " world");
    converged(doc, ada, bo);
    bo.insert(0, ">> ");
    bo.insert(bo.length(), " <<");
    bo.insert(12, "!"); // inside Ada's text
    converged(doc, ada, bo);
    assertEquals(">> [bo] hell!o world <<", ada.text());

    assertNotNull(ada.undo());
    assertEquals(">> [bo]! <<", converged(doc, ada, bo), "exactly Ada's text is gone; Bo's '!' inside it stays");
    assertNotNull(ada.redo());
    String redone = converged(doc, ada, bo);
    assertTrue(redone.contains(" hello world") || redone.contains(" hell") && redone.contains("o world"), redone);
    assertEquals(">> [bo]! <<", redone.replace(" hello world", "").replace(" hell", "").replace("o world", ""));
    assertTrue(errors.isEmpty(), errors.toString());
  }

  @Test
  void aPasteFarOverTheMessageLimitGoesAsSeveralSubmissionsAndNothingIsRefused() throws Exception {
    String doc = "paste-" + System.nanoTime();
    DocumentSession ada = open(doc, "ada");
    DocumentSession bo = open(doc, "bo");
    String paste = "Ünïcödé 😀 \"quoted\"\n".repeat(1500); // ~40 KB against a 4 KiB limit
    bo.insert(0, "bo:");
    converged(doc, ada, bo);
    ada.insert(3, paste);
    ada.insert(ada.length(), "after");
    bo.insert(0, "<");
    bo.delete(0, 1); // Bo keeps typing meanwhile; nothing of it waits for the paste
    String text = converged(doc, ada, bo);
    assertEquals("bo:" + paste + "after", text);
    long versions = http.get("/api/docs/" + doc).json().get("version").asLong();
    assertTrue(versions > 10, "split into many submissions: " + versions);
    assertTrue(errors.isEmpty(), "no submission was refused: " + errors);
    ada.delete(3, paste.codePointCount(0, paste.length()));
    ada.insert(3, "typing goes on");
    assertEquals("bo:typing goes onafter", converged(doc, ada, bo));
  }
}
