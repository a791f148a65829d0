package coedit.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import coedit.editor.EditorConfig;
import coedit.editor.EngineDocumentService;
import coedit.engine.Cluster;
import coedit.engine.EngineConfig;
import coedit.engine.embedded.Engine;
import coedit.engine.kafka.local.FreePorts;
import coedit.server.CoeditServer;
import coedit.server.Http;
import coedit.server.core.ServerConfig;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The server over the real embedded engine (RocksDB, fsync on): Java clients typing
 * while the whole process stack (server, editor service, engine) is shut down and opened
 * again from its data directory on the same port. Every letter typed, acknowledged or
 * still pending at the time, is in the final text, and clients and server agree.
 */
class EngineBackedTest {
  @TempDir
  Path dataDir;

  /** Engine, editor service and server, opened and closed together like {@code coedit serve}. */
  static final class Stack implements AutoCloseable {
    final Cluster cluster;
    final EngineDocumentService service;
    final CoeditServer server;

    Stack(Path dir, int port) {
      cluster = Engine.open(EngineConfig.defaults(dir).withPartitions(2));
      service = EngineDocumentService.launch(cluster, EditorConfig.defaults());
      server = CoeditServer.start(service, ServerConfig.defaults().withPort(port));
    }

    @Override
    public void close() {
      server.close();
      service.close();
      cluster.close();
    }
  }

  @Test
  void typingThroughAFullRestartFromDiskLosesNothing() throws Exception {
    int port = FreePorts.take(1)[0]; // still free at the restart (see FreePorts)
    Stack stack = new Stack(dataDir, port);
    try (CoeditClient client = new CoeditClient(stack.server.uri())) {
      SessionOptions o = SessionOptions.defaults().withBackoff(Duration.ofMillis(20), Duration.ofMillis(300));
      DocumentSession ada = client.open("story", o.withName("ada", "#ff0000"), SessionListener.NONE);
      DocumentSession bo = client.open("story", SessionOptions.defaults().withName("bo", "#0000ff")
          .withBackoff(Duration.ofMillis(20), Duration.ofMillis(300)), SessionListener.NONE);
      List<Typist> typists = List.of(new Typist(ada, 'a', 150, false, 1, 3), new Typist(bo, 'b', 150, false, 2, 3));
      List<Thread> threads = typists.stream().map(Typist::start).toList();
      Thread.sleep(200);
      stack.close();
      Thread.sleep(100); // typing on, offline
      stack = new Stack(dataDir, port);
      for (Thread t : threads) t.join();
      ada.awaitSynced(Duration.ofSeconds(30));
      bo.awaitSynced(Duration.ofSeconds(30));

      JsonNode doc = new Http(stack.server.uri()).get("/api/docs/story").json();
      String text = doc.get("text").asText();
      ada.awaitVersion(doc.get("version").asLong(), Duration.ofSeconds(10));
      bo.awaitVersion(doc.get("version").asLong(), Duration.ofSeconds(10));
      assertEquals(text, ada.text());
      assertEquals(text, bo.text());
      for (Typist t : typists) {
        assertFalse(t.failed.get(), String.valueOf(t.failure));
        assertEquals(t.inserted.get(), Typist.count(text, t.letter), "every '" + t.letter + "' is in " + text);
      }
      // The history replays to the same text.
      JsonNode h = new Http(stack.server.uri()).get("/api/docs/story/history").json();
      assertEquals(doc.get("version").asLong(), h.get("entries").size());
      ada.close();
      bo.close();
    } finally {
      stack.close();
    }
  }

  @Test
  void theHttpApiSpeaksTheSameOverTheEngine() throws Exception {
    try (Stack stack = new Stack(dataDir, 0)) {
      Http http = new Http(stack.server.uri());
      String body = "{\"clientId\":\"c\",\"seq\":1,\"version\":0,\"edits\":[{\"type\":\"insert\",\"offset\":0,\"text\":\"hi\"}]}";
      assertEquals(1, http.post("/api/docs/d/edits", body).json().get("version").asLong());
      Http.Response again = http.post("/api/docs/d/edits", body);
      assertEquals(true, again.json().get("duplicate").asBoolean());
      Http.Response ahead = http.post("/api/docs/d/edits", body.replace("\"seq\":1,\"version\":0", "\"seq\":2,\"version\":5"));
      assertEquals(409, ahead.status(), ahead.body());
      Http.Response range = http.post("/api/docs/d/edits",
          body.replace("\"seq\":1", "\"seq\":3").replace("\"offset\":0", "\"offset\":7"));
      assertEquals(400, range.status(), range.body());
      assertEquals("invalid_change", range.code());
      assertEquals("hi", http.get("/api/docs/d").json().get("text").asText());
    }
  }
}
