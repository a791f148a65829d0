package coedit.tools.cli;

import coedit.editor.EditorConfig;
import coedit.editor.EngineDocumentService;
import coedit.engine.Cluster;
import coedit.engine.DepotTrimming;
import coedit.engine.EngineConfig;
import coedit.engine.FsyncPolicy;
import coedit.engine.embedded.Engine;
import coedit.engine.kafka.KafkaCluster;
import coedit.engine.kafka.KafkaEngineConfig;
import coedit.server.CoeditServer;
import coedit.server.cluster.KafkaPeers;
import coedit.server.core.Peers;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code coedit serve}: opens the embedded engine on the data directory (or, with
 * {@code --kafka}, joins a cluster as one of its nodes: docs/cluster.md), launches the
 * editor module, serves it, prints the URL, and runs until SIGTERM or Ctrl-C. Shutdown
 * order (in the JVM's shutdown hook): stop taking submissions and wait for those in
 * flight, close live connections (1012: clients reconnect at once, to another node if they
 * know one), stop HTTP, say goodbye to the other nodes, close the service, then the engine
 * (the embedded one finishes admitted records and flushes storage; a Kafka instance leaves
 * its group, so its tasks move to the other nodes).
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
      System.err.println("coedit serve: " + e.getMessage() + " (bin/coedit serve --help lists the options)");
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
    superviseEngine(running.cluster());
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      log.info("stopping coedit");
      running.close();
      log.info("coedit stopped cleanly");
      stopped.countDown();
    }, "coedit-shutdown"));
    String what = o.cluster() == null ? o.dataDir().toAbsolutePath().normalize().toString()
        : "Kafka at " + o.cluster().bootstrap() + " as node " + running.peers().nodeId();
    System.out.println("coedit is serving " + what + " on " + running.server.uri());
    System.out.flush();
    try {
      stopped.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return 0;
  }

  /** The exit status after an engine failure (EX_SOFTWARE): a supervisor restarts the process. */
  public static final int ENGINE_FAILED_STATUS = 70;

  /**
   * Exits the process when the engine fails (storage write failure, a dead engine thread):
   * a clear log line, then status {@value #ENGINE_FAILED_STATUS}, so that a supervisor
   * (systemd, Kubernetes) starts it again and the relaunch recovers from the durable data.
   * The alternative, a live process answering every request with an error, is never left
   * behind. Runs the shutdown hooks; halts if they have not finished after 15 s.
   */
  public static void superviseEngine(Cluster cluster) {
    cluster.onFailure(e -> {
      // Not on the engine thread that failed: the shutdown hooks close the engine, which
      // joins its threads.
      Thread exit = new Thread(() -> {
        log.error("coedit: the engine failed and cannot recover in this process: {}. Exiting with status {} so"
            + " that a supervisor restarts it; acknowledged data is durable and is recovered at the next start.",
            e.getMessage(), ENGINE_FAILED_STATUS);
        Thread watchdog = new Thread(() -> {
          try {
            Thread.sleep(15_000);
          } catch (InterruptedException ignored) {
            return;
          }
          Runtime.getRuntime().halt(ENGINE_FAILED_STATUS);
        }, "coedit-exit-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
        System.exit(ENGINE_FAILED_STATUS);
      }, "coedit-engine-failed");
      exit.start();
    });
  }

  /** The running parts, closed in dependency order. */
  record Running(Cluster cluster, EngineDocumentService service, CoeditServer server, Peers peers,
      ControlSocket control) implements AutoCloseable {
    @Override
    public void close() {
      try {
        control.close();
        server.close();
        peers.close();
      } finally {
        try {
          service.close();
        } finally {
          cluster.close();
        }
      }
    }
  }

  /**
   * The engine a server runs. With a history retention the editor's PStates stay bounded, so
   * the depots are trimmed too (their old records are what the retention let go); without
   * one a base would be as large as the records it replaced, so every record is kept.
   */
  static EngineConfig engineConfig(ServeOptions o) {
    return EngineConfig.defaults(o.dataDir()).withPartitions(o.partitions())
        .withFsync(o.fsync() ? FsyncPolicy.ALWAYS_GROUP_COMMIT : FsyncPolicy.NEVER)
        .withTrimming(o.retention().enabled() ? DepotTrimming.on() : DepotTrimming.OFF);
  }

  static Running start(ServeOptions o) {
    EngineConfig engine = engineConfig(o);
    ClusterOptions c = o.cluster();
    String nodeId = c == null ? null : c.nodeIdFor(o.dataDir());
    Cluster cluster = c == null ? Engine.open(engine) : KafkaCluster.open(KafkaEngineConfig
        .sizedFor(c.bootstrap(), nodeId, o.dataDir().resolve("kafka-state"))
        .withNamespace(c.namespace()).withRpc(c.rpcHost(), c.rpcPort()).withEngine(engine));
    Peers peers = null;
    try {
      // The editor enforces the document length limit the server announces to clients.
      EditorConfig editor = EditorConfig.defaults().withMaxDocumentCodePoints(o.server().maxDocumentLength())
          .withRetention(o.retention());
      // Check and repair recompute the editor as it runs: with this retention.
      RetentionFile.write(o.dataDir(), o.retention());
      EngineDocumentService service = EngineDocumentService.launch(cluster, editor);
      KafkaPeers kafkaPeers = c == null ? null : KafkaPeers.open(c.bootstrap(), c.namespace(), nodeId);
      peers = kafkaPeers != null ? kafkaPeers : Peers.alone("coedit", null);
      CoeditServer server = CoeditServer.start(service, o.server(), peers);
      // One /metrics for everything: the engine's meters join the server's.
      cluster.bindTo(server.meterRegistry());
      if (kafkaPeers != null) kafkaPeers.announce(c.advertise() != null ? c.advertise() : server.uri());
      ControlSocket control;
      try {
        control = ControlSocket.start(o.dataDir(), request -> control(cluster, c != null, request));
      } catch (java.io.IOException e) {
        server.close();
        throw new java.io.UncheckedIOException("cannot open the control socket in " + o.dataDir(), e);
      }
      return new Running(cluster, service, server, peers, control);
    } catch (RuntimeException e) {
      if (peers != null) peers.close();
      cluster.close();
      throw e;
    }
  }

  /** Answers a request on the control socket: {@code backup DEST}. */
  static String control(Cluster cluster, boolean kafka, String request) {
    if (request.startsWith("backup ") && kafka) {
      return "error this node runs on Kafka: the documents live in replicated Kafka topics, not in this node's"
          + " data directory; back up the Kafka cluster instead";
    }
    if (request.startsWith("backup ")) {
      Path dest = Path.of(request.substring("backup ".length()).trim());
      log.info("backing up into {}", dest);
      return "ok " + BackupCommand.summary(Engine.backup(cluster, dest));
    }
    return "error unknown request '" + request + "' (this server understands: backup DEST)";
  }
}
