package coedit.server;

import coedit.editor.DocumentService;
import coedit.editor.EditorConfig;
import coedit.editor.ModelDocumentService;
import coedit.engine.kafka.local.FreePorts;
import coedit.server.core.ServerConfig;
import java.net.URI;

/**
 * A server for tests on 127.0.0.1 that can be stopped and started again on the same port
 * over the same document service (a restart: clients reconnect to the same URL).
 */
public final class TestServer implements AutoCloseable {
  private final DocumentService service;
  private ServerConfig config;
  private CoeditServer server;

  public TestServer(DocumentService service, ServerConfig config) {
    this.service = service;
    // Port 0 means any free port, but not one of the kernel's choosing: a restart must find
    // it still free (see FreePorts).
    ServerConfig local = config.withHost("127.0.0.1");
    this.config = local.port() == 0 ? local.withPort(FreePorts.take(1)[0]) : local;
    start();
  }

  public static TestServer inMemory() {
    return inMemory(ServerConfig.defaults().withPort(0));
  }

  /** Over a fresh {@link ModelDocumentService}, with {@code config}'s document length limit. */
  public static TestServer inMemory(ServerConfig config) {
    return new TestServer(new ModelDocumentService(
        EditorConfig.defaults().withMaxDocumentCodePoints(config.maxDocumentLength())), config);
  }

  public synchronized void start() {
    server = CoeditServer.start(service, config);
    config = config.withPort(server.port());
  }

  public synchronized void stop() {
    if (server != null) server.close();
    server = null;
  }

  public synchronized void restart() {
    stop();
    start();
  }

  public URI uri() {
    return URI.create("http://127.0.0.1:" + config.port());
  }

  public DocumentService service() {
    return service;
  }

  public synchronized CoeditServer server() {
    return server;
  }

  /** Stops the server; the service is closed too. */
  @Override
  public void close() {
    stop();
    service.close();
  }
}
