package coedit.engine.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import coedit.editor.EditorConfig;
import coedit.editor.EngineDocumentService;
import coedit.editor.data.EditSubmission;
import coedit.engine.EngineConfig;
import coedit.engine.storage.RocksStorage;
import coedit.ot.Change;
import coedit.ot.Insert;
import coedit.server.CoeditServer;
import coedit.server.Http;
import coedit.server.core.ServerConfig;
import coedit.tools.cli.ServeCommand;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a supervisor sees when storage fails under a running server: readiness turns false,
 * the process logs why and exits with status 70 (never a live process answering 500
 * forever), and a restart on the same data serves everything acknowledged before.
 */
class EngineFailureExitTest {

  @Test
  void readinessTurnsFalseWhenTheEngineFailsAndDuringShutdown(@TempDir Path dir) throws Exception {
    List<FaultyStorage> storages = new ArrayList<>();
    try (EngineCluster cluster = new EngineCluster(EngineConfig.defaults(dir).withPartitions(1), d -> {
      FaultyStorage s = new FaultyStorage(new RocksStorage(d));
      storages.add(s);
      return s;
    });
        EngineDocumentService service = EngineDocumentService.launch(cluster, EditorConfig.defaults())) {
      CoeditServer server = CoeditServer.start(service, ServerConfig.defaults().withHost("127.0.0.1").withPort(0));
      try {
        Http http = new Http(server.uri());
        assertEquals(200, http.get("/healthz").status());
        assertEquals(200, http.get("/readyz").status());
        assertEquals("ready", http.get("/readyz").json().get("status").asText());
        storages.get(0).failWrites = true;
        Http.Response refused = http.post("/api/docs/d/edits",
            "{\"clientId\":\"c\",\"seq\":1,\"version\":0,\"edits\":[{\"type\":\"insert\",\"offset\":0,\"text\":\"x\"}]}");
        assertEquals(503, refused.status(), refused.body());
        Http.Response ready = http.get("/readyz");
        assertEquals(503, ready.status());
        assertEquals("failed", ready.json().get("status").asText());
        assertTrue(ready.json().get("reason").asText().contains("No space left on device"), ready.body());
        assertEquals(200, http.get("/healthz").status(), "alive: it still answers");
      } finally {
        server.close();
      }
    }
  }

  @Test
  void readinessIsFalseFromTheStartOfShutdown() throws Exception {
    var model = new coedit.editor.ModelDocumentService();
    model.submitDelay(1_500);
    CoeditServer server = CoeditServer.start(model, ServerConfig.defaults().withHost("127.0.0.1").withPort(0));
    Http http = new Http(server.uri());
    CompletableFuture<Void> inFlight = CompletableFuture.runAsync(() -> model.submit(new EditSubmission("d", "c", 1, 0,
        Change.of(new Insert(0, "x")))));
    CompletableFuture<Http.Response> slow = CompletableFuture.supplyAsync(() -> http.post("/api/docs/d/edits",
        "{\"clientId\":\"c\",\"seq\":2,\"version\":0,\"edits\":[{\"type\":\"insert\",\"offset\":0,\"text\":\"y\"}]}"));
    inFlight.join();
    Thread.sleep(200); // the slow submission is in flight now
    CompletableFuture<Void> closing = CompletableFuture.runAsync(server::close);
    boolean sawStopping = false;
    for (int i = 0; i < 100 && !closing.isDone(); i++) {
      try {
        Http.Response r = http.get("/readyz");
        if (r.status() == 503 && "stopping".equals(r.json().get("status").asText())) sawStopping = true;
      } catch (RuntimeException connectionClosed) {
        break;
      }
      Thread.sleep(10);
    }
    closing.join();
    slow.join();
    model.close();
    assertTrue(sawStopping, "readyz said 503 stopping while the server finished what was in flight");
  }

  @Test
  void aServerWhoseStorageFailsExitsWithStatus70AndARestartRecovers(@TempDir Path dir) throws Exception {
    Path data = dir.resolve("data");
    Path trigger = dir.resolve("disk-full");
    Process child = start(data, trigger);
    try {
      String url = awaitServing(child);
      Http http = new Http(java.net.URI.create(url));
      for (int seq = 1; seq <= 3; seq++) {
        assertEquals(200, http.post("/api/docs/notes/edits", insert(seq, seq - 1, "ab")).status());
      }
      Files.createFile(trigger); // the disk fills up
      assertEquals(503, http.post("/api/docs/notes/edits", insert(4, 3, "lost")).status());
      assertTrue(child.waitFor(30, TimeUnit.SECONDS), "the process exited by itself");
      assertEquals(ServeCommand.ENGINE_FAILED_STATUS, child.exitValue());
      String log = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertTrue(log.contains("the engine failed and cannot recover in this process")
          && log.contains("Exiting with status 70"), log);
    } finally {
      child.destroyForcibly();
    }
    // The supervisor starts it again once the disk has room: everything acknowledged is there.
    Files.delete(trigger);
    Process again = start(data, trigger);
    try {
      Http http = new Http(java.net.URI.create(awaitServing(again)));
      assertEquals("ababab", http.get("/api/docs/notes").json().get("text").asText());
      assertEquals(200, http.post("/api/docs/notes/edits", insert(4, 3, "!")).status());
    } finally {
      again.destroy();
      again.waitFor(30, TimeUnit.SECONDS);
    }
  }

  private static String insert(int seq, int version, String text) {
    return "{\"clientId\":\"c\",\"seq\":" + seq + ",\"version\":" + version
        + ",\"edits\":[{\"type\":\"insert\",\"offset\":0,\"text\":\"" + text + "\"}]}";
  }

  private static Process start(Path data, Path trigger) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    return new ProcessBuilder(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"),
        FailingServerChild.class.getName(), data.toString(), trigger.toString())
        .redirectErrorStream(true).start();
  }

  /** Reads the child's output up to its "serving URL" line; the rest stays readable. */
  private static String awaitServing(Process child) throws Exception {
    CompletableFuture<String> url = new CompletableFuture<>();
    Thread reader = new Thread(() -> {
      try {
        StringBuilder line = new StringBuilder();
        int c;
        var in = child.getInputStream();
        while ((c = in.read()) != -1) {
          if (c != '\n') {
            line.append((char) c);
            continue;
          }
          if (line.toString().startsWith("serving ")) {
            url.complete(line.substring("serving ".length()).trim());
            return;
          }
          line.setLength(0);
        }
        url.completeExceptionally(new IllegalStateException("the child ended before serving"));
      } catch (java.io.IOException e) {
        url.completeExceptionally(e);
      }
    });
    reader.setDaemon(true);
    reader.start();
    return url.get(60, TimeUnit.SECONDS);
  }
}
