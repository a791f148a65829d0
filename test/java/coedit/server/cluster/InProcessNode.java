package coedit.server.cluster;

import coedit.editor.EditorConfig;
import coedit.editor.EngineDocumentService;
import coedit.engine.kafka.KafkaCluster;
import coedit.engine.kafka.KafkaEngineConfig;
import coedit.server.CoeditServer;
import coedit.server.core.ServerConfig;
import java.net.URI;
import java.nio.file.Path;

/**
 * One server node of a cluster in the test JVM, as {@code coedit serve --kafka} wires it:
 * an engine instance on the shared test broker, the editor, the peers and the server on
 * 127.0.0.1. {@link #stopServer()} is the graceful part of a SIGTERM (connections closed
 * with 1012); {@link #close()} the rest.
 */
final class InProcessNode implements AutoCloseable {
  final String id;
  final KafkaCluster engine;
  final EngineDocumentService editor;
  final KafkaPeers peers;
  final CoeditServer server;

  InProcessNode(String bootstrap, String namespace, String id, Path dir, int partitions) {
    this.id = id;
    KafkaEngineConfig c = KafkaEngineConfig.defaults(bootstrap, id, dir).singleBroker().withNamespace(namespace);
    engine = KafkaCluster.open(c.withEngine(c.engine().withPartitions(partitions)));
    editor = EngineDocumentService.launch(engine, EditorConfig.defaults());
    peers = KafkaPeers.open(bootstrap, namespace, id);
    server = CoeditServer.start(editor, ServerConfig.defaults().withHost("127.0.0.1").withPort(0), peers);
    peers.announce(server.uri());
  }

  URI uri() {
    return server.uri();
  }

  void stopServer() {
    server.close();
  }

  @Override
  public void close() {
    server.close();
    peers.close();
    editor.close();
    engine.close();
  }
}
