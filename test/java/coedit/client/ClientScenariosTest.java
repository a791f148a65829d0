package coedit.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import coedit.protocol.Selection;
import coedit.server.Http;
import coedit.server.TestServer;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Java client through the scenarios, without a browser: concurrent typing,
 * offline editing and reconnecting, a server restart mid-session, and all of it again many
 * times with random timing. Every scenario ends with every session and the server holding
 * the same text, and (for insert-only typists) every letter ever typed still in it.
 */
class ClientScenariosTest {
  static final Duration SYNC = Duration.ofSeconds(20);
  static TestServer server;
  static Http http;
  static final AtomicInteger docs = new AtomicInteger();
  final List<DocumentSession> sessions = new ArrayList<>();
  CoeditClient client;

  @BeforeAll
  static void start() {
    server = TestServer.inMemory();
    http = new Http(server.uri());
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @AfterEach
  void closeSessions() {
    sessions.forEach(DocumentSession::close);
    if (client != null) client.close();
  }

  DocumentSession open(String doc, String name) throws Exception {
    if (client == null) client = new CoeditClient(server.uri());
    SessionOptions o = SessionOptions.defaults().withName(name, "#aa0000")
        .withBackoff(Duration.ofMillis(20), Duration.ofMillis(300));
    DocumentSession s = client.open(doc, o, SessionListener.NONE);
    sessions.add(s);
    return s;
  }

  /** Every session synced and equal to the server's text; returns that text. */
  String converged(String doc, List<DocumentSession> all) throws Exception {
    for (DocumentSession s : all) s.awaitSynced(SYNC);
    JsonNode d = http.get("/api/docs/" + doc).json();
    long version = d.get("version").asLong();
    for (DocumentSession s : all) s.awaitVersion(version, SYNC);
    String text = d.get("text").asText();
    for (DocumentSession s : all) {
      assertEquals(text, s.text(), s.clientId() + " differs from the server");
      assertEquals(version, s.version());
    }
    return text;
  }

  @Test
  void threeClientsTypingConcurrentlyConverge() throws Exception {
    String doc = "conc-" + docs.incrementAndGet();
    List<DocumentSession> all = List.of(open(doc, "ada"), open(doc, "bo"), open(doc, "cy"));
    List<Typist> typists = new ArrayList<>();
    List<Thread> threads = new ArrayList<>();
    for (int i = 0; i < all.size(); i++) {
      Typist t = new Typist(all.get(i), (char) ('a' + i), 60, true, 100 + i, 3);
      typists.add(t);
      threads.add(t.start());
    }
    for (Thread t : threads) t.join();
    for (Typist t : typists) assertFalse(t.failed.get(), String.valueOf(t.failure));
    converged(doc, all);
  }

  @Test
  void editsMadeOfflineAreKeptAndSyncedOnReconnect() throws Exception {
    String doc = "offline-" + docs.incrementAndGet();
    DocumentSession ada = open(doc, "ada");
    DocumentSession bo = open(doc, "bo");
    ada.insert(0, "shared ");
    converged(doc, List.of(ada, bo));

    ada.goOffline();
    for (int i = 0; i < 20; i++) ada.insert(ada.text().length(), "a");
    Status offline = ada.status();
    assertEquals(Status.Connectivity.OFFLINE, offline.connectivity());
    assertEquals(20, offline.pending());
    for (int i = 0; i < 20; i++) bo.insert(0, "b");
    bo.awaitSynced(SYNC);

    ada.goOnline();
    String text = converged(doc, List.of(ada, bo));
    assertEquals(20, Typist.count(text, 'a') - 1, text); // "shared " has one 'a'
    assertEquals(20, Typist.count(text, 'b'), text);
    assertEquals(Status.Connectivity.ONLINE, ada.status().connectivity());
    assertEquals(0, ada.status().pending());
  }

  @Test
  void aServerRestartMidSessionLosesNothing() throws Exception {
    String doc = "restart-" + docs.incrementAndGet();
    List<DocumentSession> all = List.of(open(doc, "ada"), open(doc, "bo"));
    List<Typist> typists = List.of(new Typist(all.get(0), 'x', 80, false, 7, 4), new Typist(all.get(1), 'y', 80, false, 8, 4));
    List<Thread> threads = typists.stream().map(Typist::start).toList();
    Thread.sleep(120);
    server.restart();
    for (Thread t : threads) t.join();
    String text = converged(doc, all);
    for (Typist t : typists) {
      assertFalse(t.failed.get(), String.valueOf(t.failure));
      assertEquals(t.inserted.get(), Typist.count(text, t.letter), "every '" + t.letter + "' typed is in " + text);
    }
  }

  @Test
  void randomTimingWithDropsAndRestartsAlwaysConverges() throws Exception {
    Random r = new Random(2026);
    long end = System.currentTimeMillis() + 15_000;
    int rounds = 0;
    while (rounds < 25 && System.currentTimeMillis() < end) {
      rounds++;
      String doc = "random-" + docs.incrementAndGet();
      int n = 2 + r.nextInt(3);
      boolean insertOnly = r.nextBoolean();
      List<DocumentSession> all = new ArrayList<>();
      List<Typist> typists = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        DocumentSession s = open(doc, "p" + i);
        all.add(s);
        typists.add(new Typist(s, (char) ('k' + i), 20 + r.nextInt(40), !insertOnly, r.nextLong(), r.nextInt(6)));
      }
      List<Thread> threads = typists.stream().map(Typist::start).toList();
      // Chaos while they type: drop random connections, sometimes restart the server.
      for (int k = 0; k < 4; k++) {
        Thread.sleep(r.nextInt(40));
        DocumentSession victim = all.get(r.nextInt(n));
        victim.goOffline();
        Thread.sleep(r.nextInt(30));
        victim.goOnline();
        if (r.nextInt(5) == 0) server.restart();
      }
      for (Thread t : threads) t.join();
      String text = converged(doc, all);
      for (Typist t : typists) {
        assertFalse(t.failed.get(), String.valueOf(t.failure));
        if (insertOnly) assertEquals(t.inserted.get(), Typist.count(text, t.letter), "round " + rounds + ": " + text);
      }
      all.forEach(DocumentSession::close);
    }
    assertTrue(rounds >= 3, "rounds run: " + rounds);
  }

  @Test
  void presenceIsSharedAndMovedByEditsOnBothSides() throws Exception {
    String doc = "presence-" + docs.incrementAndGet();
    DocumentSession ada = open(doc, "ada");
    ada.insert(0, "hello world");
    ada.awaitSynced(SYNC);
    DocumentSession bo = open(doc, "bo");
    ada.select(6, 11); // "world"
    RemotePresence seen = awaitPresence(bo, ada.clientId(), new Selection(6, 11));
    assertEquals("ada", seen.name());
    assertEquals("#aa0000", seen.colour());

    bo.insert(0, ">> "); // Bo's own edit moves Ada's selection in Bo's view at once
    assertEquals(new Selection(9, 14), presenceOf(bo, ada.clientId()).selection());
    bo.awaitSynced(SYNC);
    // A late joiner gets the selection as the server moved it.
    DocumentSession cy = open(doc, "cy");
    awaitPresence(cy, ada.clientId(), new Selection(9, 14));
    // Ada's text changes under her selection... and the others see it leave when she goes.
    ada.close();
    long deadline = System.currentTimeMillis() + 5000;
    while (presenceOf(bo, ada.clientId()) != null && System.currentTimeMillis() < deadline) Thread.sleep(10);
    assertEquals(null, presenceOf(bo, ada.clientId()));
  }

  static RemotePresence presenceOf(DocumentSession s, String clientId) {
    return s.others().stream().filter(p -> p.clientId().equals(clientId)).findFirst().orElse(null);
  }

  static RemotePresence awaitPresence(DocumentSession s, String clientId, Selection expected) throws Exception {
    long deadline = System.currentTimeMillis() + 5000;
    while (System.currentTimeMillis() < deadline) {
      RemotePresence p = presenceOf(s, clientId);
      if (p != null && expected.equals(p.selection())) return p;
      Thread.sleep(10);
    }
    RemotePresence p = presenceOf(s, clientId);
    assertNotNull(p, "no presence of " + clientId);
    assertEquals(expected, p.selection());
    return p;
  }
}
