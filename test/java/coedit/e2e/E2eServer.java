package coedit.e2e;

import coedit.editor.DocumentService;
import coedit.editor.EditorConfig;
import coedit.editor.EngineDocumentService;
import coedit.editor.ModelDocumentService;
import coedit.engine.Cluster;
import coedit.engine.EngineConfig;
import coedit.engine.embedded.Engine;
import coedit.server.CoeditServer;
import coedit.server.core.ServerConfig;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;

/**
 * The real server for browser tests: the embedded engine on a data directory, the editor
 * module, and {@link CoeditServer} on 127.0.0.1. {@link #stop()} shuts all three down as
 * {@code coedit serve} does; {@link #start()} brings them back on the same port over the
 * same data directory, so pages reconnect to the same URL and find every durable edit.
 */
final class E2eServer implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final Path dataDir;
  private final HttpClient http = HttpClient.newHttpClient();
  private int port;
  private Cluster cluster;
  /** -Dcoedit.e2e.backend=memory: the in-memory test double, one instance kept across restarts. */
  private static final boolean MEMORY = "memory".equals(System.getProperty("coedit.e2e.backend"));
  private DocumentService service;
  private CoeditServer server;
  private final java.util.function.UnaryOperator<ServerConfig> configure;

  E2eServer(Path dataDir) {
    this(dataDir, c -> c);
  }

  /** A server whose configuration {@code configure} adjusts (e.g. to require tokens). */
  E2eServer(Path dataDir, java.util.function.UnaryOperator<ServerConfig> configure) {
    this.dataDir = dataDir;
    this.configure = configure;
    start();
  }

  synchronized void start() {
    if (server != null) return;
    if (MEMORY) {
      if (service == null) service = new ModelDocumentService();
    } else {
      cluster = Engine.open(EngineConfig.defaults(dataDir).withPartitions(2).withTaskThreads(2));
      service = EngineDocumentService.launch(cluster, EditorConfig.defaults());
    }
    server = CoeditServer.start(service, configure.apply(ServerConfig.defaults().withHost("127.0.0.1").withPort(port)));
    port = server.port();
  }

  synchronized void stop() {
    if (server == null) return;
    server.close();
    server = null;
    if (!MEMORY) {
      service.close();
      cluster.close();
    }
  }

  URI uri() {
    return URI.create("http://127.0.0.1:" + port);
  }

  /** The page for document {@code docId}. */
  String page(String docId) {
    return uri() + "/?doc=" + docId;
  }

  /** GET /api/docs/{docId}: {"id", "text", "version"}. */
  JsonNode document(String docId) {
    return get("/api/docs/" + docId);
  }

  /** GET /api/docs/{docId}/history?from=&to=. */
  JsonNode history(String docId, long from, long to) {
    return get("/api/docs/" + docId + "/history?from=" + from + "&to=" + to);
  }

  private JsonNode get(String path) {
    try {
      HttpResponse<String> r = http.send(HttpRequest.newBuilder(uri().resolve(path)).GET().build(),
          HttpResponse.BodyHandlers.ofString());
      if (r.statusCode() != 200) throw new IllegalStateException("GET " + path + " -> " + r.statusCode() + " " + r.body());
      return JSON.readTree(r.body());
    } catch (IOException e) {
      throw new IllegalStateException("GET " + path + " failed: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    stop();
  }
}
