package coedit.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import coedit.server.Http;
import coedit.server.TestServer;
import coedit.server.TestTokens;
import coedit.server.core.ServerConfig;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Java client against a server that requires tokens: short-lived tokens refreshed in
 * band while typing (no reconnect), an expiry the application answers late (4401, a fresh
 * token, a reconnect) with the edits typed meanwhile kept, and a read-only session.
 */
class AuthenticatedClientTest {
  static TestServer server;
  static final AtomicInteger docs = new AtomicInteger();
  static final ScheduledExecutorService slow = Executors.newSingleThreadScheduledExecutor();

  @BeforeAll
  static void start() {
    server = TestServer.inMemory(ServerConfig.defaults().withPort(0).withAuth(TestTokens.verifier()));
  }

  @AfterAll
  static void stop() {
    server.close();
    slow.shutdownNow();
  }

  /** Records the session's connectivity changes. */
  static final class Recorder implements SessionListener {
    final List<Status.Connectivity> states = new CopyOnWriteArrayList<>();
    final List<String> errors = new CopyOnWriteArrayList<>();

    @Override
    public void onStatus(Status status) {
      if (states.isEmpty() || states.get(states.size() - 1) != status.connectivity()) states.add(status.connectivity());
    }

    @Override
    public void onError(String code, String message) {
      errors.add(code);
    }

    long offlineAfterOnline() {
      int first = states.indexOf(Status.Connectivity.ONLINE);
      return states.subList(first, states.size()).stream().filter(s -> s == Status.Connectivity.OFFLINE).count();
    }
  }

  static SessionOptions options(TokenProvider tokens) {
    return SessionOptions.defaults().withBackoff(Duration.ofMillis(20), Duration.ofMillis(200)).withTokens(tokens);
  }

  static String serverText(String doc) {
    return new Http(server.uri()).get("/api/docs/" + doc, TestTokens.token("admin", Map.of("*", "read"))).json()
        .get("text").asText();
  }

  @Test
  void shortLivedTokensAreRefreshedInBandWhileTyping() throws Exception {
    String doc = "refresh-" + docs.incrementAndGet();
    AtomicInteger issued = new AtomicInteger();
    TokenProvider tokens = () -> {
      issued.incrementAndGet();
      return CompletableFuture.completedFuture(TestTokens.token("ada", Map.of(doc, "write"), Duration.ofSeconds(3)));
    };
    Recorder rec = new Recorder();
    try (CoeditClient client = new CoeditClient(server.uri());
         DocumentSession s = client.open(doc, options(tokens), rec)) {
      assertEquals("ada", s.user());
      StringBuilder typed = new StringBuilder();
      long end = System.currentTimeMillis() + 7_000; // more than two token lifetimes
      while (System.currentTimeMillis() < end) {
        s.insert(s.length(), "a");
        typed.append('a');
        Thread.sleep(50);
      }
      s.awaitSynced(Duration.ofSeconds(10));
      assertEquals(typed.toString(), serverText(doc));
      assertTrue(issued.get() >= 3, issued.get() + " tokens issued");
      assertEquals(0, rec.offlineAfterOnline(), "the session reconnected: " + rec.states);
    }
  }

  @Test
  void anExpiryTheApplicationAnswersLateReconnectsAndKeepsPendingEdits() throws Exception {
    String doc = "expiry-" + docs.incrementAndGet();
    AtomicInteger issued = new AtomicInteger();
    // The first token lives 2 s; the application takes 3 s to answer the refresh, so the
    // server closes with 4401 first and the session must reconnect with the late token.
    TokenProvider tokens = () -> {
      int n = issued.incrementAndGet();
      String t = TestTokens.token("ada", Map.of(doc, "write"), Duration.ofSeconds(n == 1 ? 2 : 60));
      if (n == 1) return CompletableFuture.completedFuture(t);
      CompletableFuture<String> late = new CompletableFuture<>();
      slow.schedule(() -> late.complete(t), 3, TimeUnit.SECONDS);
      return late;
    };
    Recorder rec = new Recorder();
    try (CoeditClient client = new CoeditClient(server.uri());
         DocumentSession s = client.open(doc, options(tokens), rec)) {
      StringBuilder typed = new StringBuilder();
      long end = System.currentTimeMillis() + 6_000;
      int pendingSeen = 0;
      while (System.currentTimeMillis() < end) {
        s.insert(s.length(), "b");
        typed.append('b');
        if (s.status().connectivity() == Status.Connectivity.OFFLINE) pendingSeen = Math.max(pendingSeen, s.status().pending());
        Thread.sleep(40);
      }
      s.awaitSynced(Duration.ofSeconds(15));
      assertEquals(typed.toString(), serverText(doc), "an edit was lost across the expiry");
      assertTrue(rec.offlineAfterOnline() >= 1, "the expired connection was closed: " + rec.states);
      assertTrue(pendingSeen > 0, "edits were typed while the session had no connection");
      assertTrue(rec.errors.contains("unauthorized"), rec.errors.toString());
    }
  }

  @Test
  void aReadOnlySessionFollowsTheDocumentButCannotEdit() throws Exception {
    String doc = "readonly-" + docs.incrementAndGet();
    try (CoeditClient client = new CoeditClient(server.uri());
         DocumentSession writer = client.open(doc, options(TokenProvider.of(TestTokens.token("will", Map.of(doc, "write")))), SessionListener.NONE);
         DocumentSession reader = client.open(doc, options(TokenProvider.of(TestTokens.token("rita", Map.of(doc, "read")))), SessionListener.NONE)) {
      assertTrue(reader.readOnly());
      writer.insert(0, "hello");
      writer.awaitSynced(Duration.ofSeconds(5));
      reader.awaitVersion(1, Duration.ofSeconds(5));
      assertEquals("hello", reader.text());
      assertThrows(IllegalStateException.class, () -> reader.insert(0, "x"));
      assertThrows(IllegalStateException.class, reader::undo, "undo is a local change like any other");
      assertThrows(IllegalStateException.class, reader::redo);
      assertEquals("hello", reader.text());
    }
  }
}
