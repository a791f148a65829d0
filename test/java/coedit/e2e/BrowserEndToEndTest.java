package coedit.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.Keys;

/**
 * The browser client and demo page in real headless Chromium against the real server
 * (embedded engine on a temporary data directory), three people at once. Each story ends
 * with every page showing exactly the server's text (GET /api/docs/{id}) with nothing
 * pending. Screenshots land in target/e2e-screenshots.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BrowserEndToEndTest {
  static Path dataDir;
  static E2eServer server;
  static Page ada;
  static Page bo;
  static Page cy;
  static ExecutorService pool;

  @BeforeAll
  static void start() throws Exception {
    Page.requireBrowser();
    dataDir = Files.createTempDirectory("coedit-e2e-data-");
    server = new E2eServer(dataDir);
    pool = Executors.newFixedThreadPool(3);
    // Three browsers start in parallel: each is a separate person with its own storage.
    Future<Page> a = pool.submit(() -> new Page("ada"));
    Future<Page> b = pool.submit(() -> new Page("bo"));
    Future<Page> c = pool.submit(() -> new Page("cy"));
    ada = a.get();
    bo = b.get();
    cy = c.get();
  }

  @AfterAll
  static void stop() throws Exception {
    if (pool != null) pool.shutdownNow();
    for (Page p : new Page[] {ada, bo, cy}) {
      if (p != null) p.close();
    }
    if (server != null) server.close();
    if (dataDir != null) {
      try (var files = Files.walk(dataDir)) {
        files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  /** A failed story must not leave the next one without a server; page errors go to the test log. */
  @AfterEach
  void serverIsBack() {
    server.start();
    for (Page p : new Page[] {ada, bo, cy}) {
      // Refused connections while the server is down are expected (that is the backoff at work).
      p.console().lines().filter(l -> l.contains("SEVERE") && !l.contains("ERR_CONNECTION_REFUSED"))
          .forEach(l -> System.out.println(p.who + " console: " + l.strip()));
    }
  }

  @Test
  @Order(1)
  void threePagesTypeConcurrentlyAndConvergeOnTheServersText() throws Exception {
    String doc = "converge-" + System.nanoTime();
    openAll(doc, "Ada", "Bo", "Cy");
    // Everyone sees everyone, and the two others' cursors.
    for (Page p : List.of(ada, bo, cy)) {
      p.waitFor("three people present", d -> p.people().size() == 3);
      assertTrue(p.people().stream().anyMatch(n -> n.endsWith("(you)")), p.people().toString());
    }
    ada.type("Shared notes:\n");
    converge(doc, ada, bo, cy);

    // Three people type at once, jumping around the text now and then.
    List<Future<String>> typed = new ArrayList<>();
    typed.add(pool.submit(() -> typeWords(ada, "ada", 12)));
    typed.add(pool.submit(() -> typeWords(bo, "bob", 12)));
    typed.add(pool.submit(() -> typeWords(cy, "cyd", 12)));
    StringBuilder all = new StringBuilder("Shared notes:\n");
    for (Future<String> f : typed) all.append(f.get(60, TimeUnit.SECONDS));

    String text = converge(doc, ada, bo, cy);
    assertEquals(sorted(all.toString()), sorted(text), "every keystroke of every page is in the text");
    for (Page p : List.of(ada, bo, cy)) {
      p.waitFor("two remote cursors drawn", d -> p.remoteCarets() == 2);
    }
    ada.screenshot("three-people-desktop");
    bo.resize(390, 844);
    bo.screenshot("three-people-phone");
    bo.resize(1100, 760);

    // Cy moves to another document: the others see Cy leave.
    cy.open(server.page("elsewhere-" + System.nanoTime()));
    for (Page p : List.of(ada, bo)) {
      p.waitFor("Cy gone from the people list", d -> p.people().size() == 2 && !p.people().contains("Cy"));
    }
  }

  @Test
  @Order(2)
  void caretAndSelectionStayInPlaceWhenRemoteEditsArrive() {
    String doc = "caret-" + System.nanoTime();
    openAll(doc, "Ada", "Bo");
    ada.type("hello world");
    converge(doc, ada, bo);

    // Ada selects "world"; Bo types in front of it and right at its start.
    ada.select(6, 11);
    bo.select(0, 0);
    bo.type("big ");
    bo.select(10, 10);
    bo.type("wide ");
    converge(doc, ada, bo);
    assertEquals("big hello wide world", ada.text());
    Map<?, ?> sel = ada.selection();
    assertEquals("world", sel.get("text"), "Ada's selection still covers 'world': " + sel);
    bo.waitFor("Ada's selection drawn over 'world'", d -> "world".equals(bo.js(
        "const s = document.querySelector('#cursors .remote-selection');"
        + "return s && s.getBoundingClientRect().width > 20 ? 'world' : null")));

    // A caret in the middle of a word stays between the same two letters.
    ada.select(12, 12); // "wi|de"
    bo.select(0, 0);
    bo.type(">> ");
    bo.select(bo.text().length(), bo.text().length());
    bo.type("!");
    converge(doc, ada, bo);
    sel = ada.selection();
    assertEquals(15, ((Number) sel.get("start")).intValue(), "caret after '>> big hello wi': " + sel);
    ada.type("X");
    assertEquals(">> big hello wiXde world!", converge(doc, ada, bo));

    // Characters outside the BMP count one each on the wire: both sides agree on offsets.
    ada.select(0, 0);
    ada.insertText("😀🎉 ");
    converge(doc, ada, bo); // Bo places his caret in the text that has Ada's emoji
    bo.select(5, 5); // after "😀🎉 >>"
    bo.type("!");
    converge(doc, ada, bo);
    ada.select(7, 8); // "b" of "big"
    ada.insertText("B");
    assertEquals("😀🎉 >>! Big hello wiXde world!", converge(doc, ada, bo));
  }

  @Test
  @Order(3)
  void aPageKeepsTypingWithoutTheServerReloadsOfflineAndConvergesWhenItReturns() throws Exception {
    String doc = "offline-" + System.nanoTime();
    openAll(doc, "Ada", "Bo");
    ada.type("Before the outage.");
    converge(doc, ada, bo);
    ada.waitFor("the offline copy of the page", d -> ada.offlineReady());
    Object clientId = ada.info().get("clientId");

    server.stop();
    for (Page p : List.of(ada, bo)) p.waitFor("offline", d -> "offline".equals(p.state()));
    ada.select(0, 0);
    ada.type("[ada offline] ");
    bo.select(bo.text().length(), bo.text().length());
    bo.type(" [bo offline]");
    ada.waitFor("pending edits counted", d -> ada.pending() > 0 && ada.status().startsWith("Offline:"));

    // Reload with the server still gone: the page comes from the service worker's copy,
    // the session (client id, text, unacknowledged edits) from IndexedDB.
    ada.reload();
    assertEquals("offline", ada.state());
    assertEquals(clientId, ada.info().get("clientId"), "the reload kept the client id");
    assertEquals("[ada offline] Before the outage.", ada.text());
    assertTrue(ada.pending() > 0, ada.status());
    ada.select(ada.text().length(), ada.text().length());
    ada.type(" After the reload.");
    ada.screenshot("offline-after-reload");

    server.start();
    String text = converge(doc, ada, bo);
    // Both appended at the end while apart: whoever reconnected first stays first.
    assertTrue(text.equals("[ada offline] Before the outage. After the reload. [bo offline]")
        || text.equals("[ada offline] Before the outage. [bo offline] After the reload."), text);
  }

  @Test
  @Order(4)
  void theServerRestartsMidSessionAndNoAcknowledgedEditIsLost() throws Exception {
    String doc = "restart-" + System.nanoTime();
    openAll(doc, "Ada", "Bo", "Cy");
    List<Future<String>> typed = new ArrayList<>();
    typed.add(pool.submit(() -> typeWords(ada, "ada", 14)));
    typed.add(pool.submit(() -> typeWords(bo, "bob", 14)));
    ada.waitFor("a few acknowledged edits", d -> server.document(doc).get("version").asLong() >= 4);
    // What the server has acknowledged so far is durable: it must survive the restart as is.
    JsonNode before = server.document(doc);
    long acknowledged = before.get("version").asLong();
    JsonNode history = server.history(doc, 0, acknowledged);
    server.stop();
    Thread.sleep(400);
    server.start();
    StringBuilder all = new StringBuilder();
    for (Future<String> f : typed) all.append(f.get(60, TimeUnit.SECONDS));

    String text = converge(doc, ada, bo, cy);
    assertTrue(acknowledged > 0, "some edits were acknowledged before the restart");
    assertEquals(history.get("entries"), server.history(doc, 0, acknowledged).get("entries"),
        "the acknowledged history is unchanged after the restart");
    assertEquals(sorted(all.toString()), sorted(text), "nothing typed was lost");
  }

  // ---- helpers ----

  static void openAll(String doc, String... names) {
    Page[] pages = {ada, bo, cy};
    String[] colours = {"#e6194b", "#3cb44b", "#4363d8"};
    for (int i = 0; i < names.length; i++) {
      Page p = pages[i];
      p.open(server.page(doc));
      p.setIdentity(names[i], colours[i]);
    }
    for (int i = 0; i < names.length; i++) {
      Page p = pages[i];
      p.waitFor("online", d -> "online".equals(p.state()));
    }
  }

  /**
   * Types {@code words} words like "ada7 ", now and then moving the caret to the start,
   * the end or a few characters left; returns everything typed.
   */
  static String typeWords(Page p, String tag, int words) {
    StringBuilder typed = new StringBuilder();
    for (int i = 0; i < words; i++) {
      switch (i % 5) {
        case 2 -> p.type(Keys.HOME);
        case 4 -> p.type(Keys.END);
        case 3 -> p.type(Keys.ARROW_LEFT, Keys.ARROW_LEFT);
        default -> { }
      }
      String word = tag + i + " ";
      p.type(word);
      typed.append(word);
    }
    return typed.toString();
  }

  /** Waits until every page is online with nothing pending and shows the server's text; returns it. */
  static String converge(String doc, Page... pages) {
    Duration limit = Page.PATIENCE;
    for (Page p : pages) {
      p.waitFor("online with nothing pending", d -> "online".equals(p.state()) && p.pending() == 0, limit);
    }
    JsonNode[] server = new JsonNode[1];
    for (Page p : pages) {
      p.waitFor("the server's text", d -> {
        server[0] = BrowserEndToEndTest.server.document(doc);
        return p.pending() == 0 && p.version() == server[0].get("version").asLong()
            && p.text().equals(server[0].get("text").asText());
      }, limit);
    }
    return server[0].get("text").asText();
  }

  static String sorted(String s) {
    return s.codePoints().sorted().collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
        .toString();
  }
}
