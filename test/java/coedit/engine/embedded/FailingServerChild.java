package coedit.engine.embedded;

import coedit.editor.EditorConfig;
import coedit.editor.EngineDocumentService;
import coedit.engine.EngineConfig;
import coedit.engine.storage.RocksStorage;
import coedit.server.CoeditServer;
import coedit.server.core.ServerConfig;
import coedit.tools.cli.ServeCommand;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A child JVM for EngineFailureExitTest: the server as `coedit serve` runs it (engine,
 * editor, server, ServeCommand's supervision and shutdown), on storage whose writes fail
 * once the file {@code args[1]} exists (a disk that filled up). Prints "serving URL".
 */
public final class FailingServerChild {
  public static void main(String[] args) throws Exception {
    Path data = Path.of(args[0]);
    Path trigger = Path.of(args[1]);
    EngineCluster cluster = new EngineCluster(EngineConfig.defaults(data).withPartitions(2), d -> {
      FaultyStorage s = new FaultyStorage(new RocksStorage(d)) {
        @Override
        public void write(coedit.engine.storage.Batch batch, boolean sync) {
          failWrites = Files.exists(trigger);
          super.write(batch, sync);
        }
      };
      return s;
    });
    EngineDocumentService service = EngineDocumentService.launch(cluster, EditorConfig.defaults());
    CoeditServer server = CoeditServer.start(service, ServerConfig.defaults().withHost("127.0.0.1").withPort(0));
    ServeCommand.superviseEngine(cluster);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      server.close();
      service.close();
      cluster.close();
    }));
    System.out.println("serving " + server.uri());
    System.out.flush();
    Thread.sleep(Long.MAX_VALUE);
  }
}
