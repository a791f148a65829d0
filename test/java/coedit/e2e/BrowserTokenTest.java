package coedit.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import coedit.server.TestTokens;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The demo page on a server that requires tokens, in headless Chromium: it joins with the
 * token from its URL fragment, asks the application's hook ({@code window.coeditAuth}) for
 * a fresh one before that expires and keeps editing without losing a keystroke, and a
 * reader's page shows that it is read-only.
 */
class BrowserTokenTest {
  static Path dataDir;
  static E2eServer server;

  @BeforeAll
  static void start() throws Exception {
    Page.requireBrowser();
    dataDir = Files.createTempDirectory("coedit-e2e-auth-");
    server = new E2eServer(dataDir, c -> c.withAuth(TestTokens.verifier()));
  }

  @AfterAll
  static void stop() throws Exception {
    if (server != null) server.close();
    try (var files = Files.walk(dataDir)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  static JsonNode document(String doc) throws Exception {
    HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(server.uri().resolve("/api/docs/" + doc))
        .header("Authorization", "Bearer " + TestTokens.token("admin", Map.of("*", "read"))).GET().build(),
        HttpResponse.BodyHandlers.ofString());
    assertEquals(200, r.statusCode(), r.body());
    return new ObjectMapper().readTree(r.body());
  }

  @Test
  void thePageRefreshesItsTokenThroughTheApplicationsHookAndKeepsEditing() throws Exception {
    String doc = "token-" + System.nanoTime();
    try (Page ada = new Page("ada"); Page rita = new Page("rita")) {
      // A token that lives 3 s: the page must replace it while Ada types.
      ada.open(server.page(doc) + "#token=" + TestTokens.token("ada", Map.of(doc, "write"), Duration.ofSeconds(3)));
      ada.js("const fresh = arguments[0]; window.refreshes = 0;"
          + "window.coeditAuth = { refresh: () => { window.refreshes++; return Promise.resolve(fresh); } };",
          TestTokens.token("ada", Map.of(doc, "write")));
      ada.waitFor("online", d -> "online".equals(ada.state()));
      assertTrue(!((String) ada.js("return location.href")).contains("token="), "the token left the address bar");
      ada.type("before expiry. ");
      long until = System.currentTimeMillis() + 4_500;
      int n = 0;
      while (System.currentTimeMillis() < until) {
        ada.type("k" + (n++) + " ");
        Thread.sleep(150);
      }
      ada.waitFor("everything acknowledged", d -> "online".equals(ada.state()) && ada.pending() == 0);
      assertTrue(((Number) ada.js("return window.refreshes")).intValue() >= 1, "the hook was asked for a token");
      String text = ada.text();
      ada.waitFor("the server has every keystroke", d -> {
        try {
          return document(doc).get("text").asText().equals(text);
        } catch (Exception e) {
          return false;
        }
      });
      assertTrue(text.startsWith("before expiry. k0 ") && text.contains("k" + (n - 1) + " "), text);

      // A reader's page follows along and says it is read-only.
      rita.open(server.cmPage(doc) + "#token=" + TestTokens.token("rita", Map.of(doc, "read")));
      rita.waitFor("read-only and up to date", d -> "true".equals(rita.js("return document.getElementById('status').dataset.readOnly"))
          && text.equals(rita.text()));
      assertTrue(rita.status().contains("read-only"), rita.status());
      assertTrue(rita.readOnly(), "the reader's editor refuses typing");
      ada.screenshot("token-refresh-writer");
      rita.screenshot("token-reader");
    }
  }
}
