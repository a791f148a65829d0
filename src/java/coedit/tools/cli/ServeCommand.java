package coedit.tools.cli;

import coedit.editor.EditorConfig;
import coedit.editor.EngineDocumentService;
import coedit.engine.Cluster;
import coedit.engine.EngineConfig;
import coedit.engine.FsyncPolicy;
import coedit.engine.embedded.Engine;
import coedit.server.CoeditServer;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code coedit serve}: opens the embedded engine on the data directory, launches the
 * editor module, serves it, prints the URL, and runs until SIGTERM or Ctrl-C. Shutdown
 * order (in the JVM's shutdown hook): stop taking submissions and wait for those in
 * flight, close live connections, stop HTTP, close the service, then the engine (which
 * finishes admitted records and flushes storage).
 */
public final class ServeCommand {
  private static final Logger log = LoggerFactory.getLogger(ServeCommand.class);

  private ServeCommand() {}

  /** Runs until the process is asked to stop; returns the exit code (2 for bad options). */
  public static int run(String[] args) {
    for (String a : args) {
      if (a.equals("--help") || a.equals("-h")) {
        System.out.print(ServeOptions.usage());
        return 0;
      }
    }
    ServeOptions o;
    try {
      o = ServeOptions.parse(args, System.getenv());
    } catch (IllegalArgumentException e) {
      System.err.println("coedit serve: " + e.getMessage());
      System.err.print(ServeOptions.usage());
      return 2;
    }
    Running running;
    try {
      running = start(o);
    } catch (RuntimeException e) {
      log.error("coedit could not start", e);
      System.err.println("coedit serve: could not start: " + e.getMessage());
      return 1;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      log.info("stopping coedit");
      running.close();
      log.info("coedit stopped cleanly");
      stopped.countDown();
    }, "coedit-shutdown"));
    System.out.println("coedit is serving " + o.dataDir().toAbsolutePath().normalize() + " on " + running.server.uri());
    System.out.flush();
    try {
      stopped.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return 0;
  }

  /** The running parts, closed in dependency order. */
  record Running(Cluster cluster, EngineDocumentService service, CoeditServer server) implements AutoCloseable {
    @Override
    public void close() {
      try {
        server.close();
      } finally {
        try {
          service.close();
        } finally {
          cluster.close();
        }
      }
    }
  }

  static Running start(ServeOptions o) {
    EngineConfig engine = EngineConfig.defaults(o.dataDir()).withPartitions(o.partitions())
        .withFsync(o.fsync() ? FsyncPolicy.ALWAYS_GROUP_COMMIT : FsyncPolicy.NEVER);
    Cluster cluster = Engine.open(engine);
    try {
      // The editor enforces the document length limit the server announces to clients.
      EditorConfig editor = EditorConfig.defaults().withMaxDocumentCodePoints(o.server().maxDocumentLength());
      EngineDocumentService service = EngineDocumentService.launch(cluster, editor);
      return new Running(cluster, service, CoeditServer.start(service, o.server()));
    } catch (RuntimeException e) {
      cluster.close();
      throw e;
    }
  }
}
