package example;

import coedit.editor.EditorConfig;
import coedit.editor.EngineDocumentService;
import coedit.editor.HistoryListener;
import coedit.editor.Subscription;
import coedit.editor.data.DocSnapshot;
import coedit.editor.data.EditSubmission;
import coedit.editor.data.HistoryEntry;
import coedit.editor.data.SubmitResult;
import coedit.engine.Cluster;
import coedit.engine.EngineConfig;
import coedit.engine.embedded.Engine;
import coedit.ot.Change;
import coedit.ot.Insert;
import coedit.server.CoeditServer;
import coedit.server.core.ServerConfig;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A service embedding coedit through its public API only: it opens the embedded engine in
 * a directory of its choosing, launches the editor module, submits, reads, watches, and
 * serves the HTTP/WebSocket API on a port of its choosing. Prints one line per step and
 * "embedded coedit: ok" at the end; exits 1 on any mismatch.
 */
public final class EmbeddedEditorService {
  public static void main(String[] args) throws Exception {
    Path dir = args.length > 0 ? Path.of(args[0]) : Files.createTempDirectory("embedded-coedit-");
    try (Cluster cluster = Engine.open(EngineConfig.defaults(dir).withPartitions(2));
        EngineDocumentService editor = EngineDocumentService.launch(cluster, EditorConfig.defaults())) {
      CountDownLatch watched = new CountDownLatch(2);
      try (Subscription watch = editor.watch("notes", 0, new HistoryListener() {
        @Override
        public void onEntry(HistoryEntry entry) {
          System.out.println("watched version " + entry.version() + " by " + entry.clientId());
          watched.countDown();
        }
      })) {
        SubmitResult first = editor.submit(new EditSubmission("notes", "service", 1, 0,
            Change.of(new Insert(0, "Hello")))).join();
        SubmitResult second = editor.submit(new EditSubmission("notes", "service", 2, 1,
            Change.of(new Insert(5, ", world")))).join();
        System.out.println("submitted: " + first + " then " + second);
        DocSnapshot doc = editor.read("notes");
        System.out.println("read: \"" + doc.text() + "\" at version " + doc.version());
        check(doc.text().equals("Hello, world") && doc.version() == 2, "read after ack");
        check(watched.await(10, TimeUnit.SECONDS), "the watch heard both entries");
      }
      try (CoeditServer server = CoeditServer.start(editor,
          ServerConfig.defaults().withHost("127.0.0.1").withPort(0))) {
        HttpResponse<String> r = HttpClient.newHttpClient().send(
            HttpRequest.newBuilder(URI.create(server.uri() + "/api/docs/notes")).build(),
            HttpResponse.BodyHandlers.ofString());
        System.out.println("GET /api/docs/notes -> " + r.statusCode() + " " + r.body());
        check(r.statusCode() == 200 && r.body().contains("Hello, world"), "the server serves the document");
      }
    }
    System.out.println("embedded coedit: ok");
  }

  private static void check(boolean ok, String what) {
    if (!ok) {
      System.out.println("embedded coedit: FAILED: " + what);
      System.exit(1);
    }
  }
}
