package coedit.e2e;

import coedit.editor.DocumentService;
import coedit.editor.EditorConfig;
import coedit.editor.EngineDocumentService;
import coedit.editor.ModelDocumentService;
import coedit.engine.Cluster;
import coedit.engine.EngineConfig;
import coedit.engine.embedded.Engine;
import coedit.engine.kafka.local.FreePorts;
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
  /** Not of the kernel's choosing, so that a restart finds it still free (see FreePorts). */
  private final int port = FreePorts.take(1)[0];
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

  /** The page for document {@code docId} with the plain textarea editor (no build needed). */
  String page(String docId) {
    return uri() + "/?doc=" + encode(docId) + "&editor=textarea";
  }

  /** The page for document {@code docId} with the CodeMirror editor (the page's default). */
  String cmPage(String docId) {
    return uri() + "/?doc=" + encode(docId);
  }

  /** An id percent-encoded as one URL path segment or query value (docs/protocol.md). */
  static String encode(String id) {
    return java.net.URLEncoder.encode(id, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20");
  }

  /** GET /api/docs/{docId}: {"id", "text", "version"}. */
  JsonNode document(String docId) {
    return get("/api/docs/" + encode(docId));
  }

  /** GET /api/docs/{docId}/history?from=&to=. */
  JsonNode history(String docId, long from, long to) {
    return get("/api/docs/" + encode(docId) + "/history?from=" + from + "&to=" + to);
  }

  /**
   * Makes a new document hold {@code text}, through POST /api/docs/{docId}/edits in parts
   * of at most 200,000 code points (each under the message limit whatever the text), as
   * client "seed". Returns the version reached.
   */
  long seed(String docId, String text) {
    long version = 0;
    int offset = 0;
    for (int from = 0; from < text.length();) {
      int to = text.offsetByCodePoints(from, Math.min(text.codePointCount(from, text.length()), 200_000));
      String part = text.substring(from, to);
      var body = JSON.createObjectNode().put("clientId", "seed").put("seq", version + 1).put("version", version);
      body.putArray("edits").addObject().put("type", "insert").put("offset", offset).put("text", part);
      version = post("/api/docs/" + encode(docId) + "/edits", body.toString()).get("version").asLong();
      offset += part.codePointCount(0, part.length());
      from = to;
    }
    return version;
  }

  private JsonNode post(String path, String body) {
    try {
      HttpResponse<String> r = http.send(HttpRequest.newBuilder(uri().resolve(path)).header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
      if (r.statusCode() != 200) throw new IllegalStateException("POST " + path + " -> " + r.statusCode() + " " + r.body());
      return JSON.readTree(r.body());
    } catch (IOException e) {
      throw new IllegalStateException("POST " + path + " failed: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
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
