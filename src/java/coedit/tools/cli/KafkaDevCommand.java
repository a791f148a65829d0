package coedit.tools.cli;

import coedit.engine.kafka.local.LocalKafka;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * {@code coedit kafka-dev [--nodes N] [--dir DIR]}: a local KRaft cluster of N combined
 * nodes (default 3) bound to 127.0.0.1, from the Maven artifacts on the class path, in the
 * foreground. Prints exactly one line on stdout, {@code bootstrap: 127.0.0.1:PORT,...},
 * once every broker serves; everything else goes to stderr. Ctrl-C or SIGTERM stops the
 * nodes (in parallel) and exits; the data stays in DIR (default ./kafka-data) and starting
 * again on it reuses data, cluster id and ports. Exit status 2 for bad arguments, 1 when the
 * cluster cannot start. {@code --node ID} starts only that node of the N-node cluster in
 * DIR (start one process per node): a test can then kill a single broker.
 */
public final class KafkaDevCommand {
  private static final String USAGE = "usage: kafka-dev [--nodes N] [--dir DIR] [--node ID]";

  private KafkaDevCommand() {}

  public static int run(String[] args, PrintStream out, PrintStream err) {
    int nodes = 3;
    Path dir = Path.of("kafka-data");
    int only = 0;
    try {
      for (int i = 0; i < args.length; i++) {
        switch (args[i]) {
          case "--nodes" -> nodes = Integer.parseInt(ReplayCommand.value(args, ++i, "--nodes"));
          case "--dir" -> dir = Path.of(ReplayCommand.value(args, ++i, "--dir"));
          case "--node" -> only = Integer.parseInt(ReplayCommand.value(args, ++i, "--node"));
          case "--help", "-h" -> {
            out.println(USAGE);
            return 0;
          }
          default -> throw new IllegalArgumentException("unexpected argument " + args[i]);
        }
      }
      if (nodes < 1 || nodes > 9) throw new IllegalArgumentException("--nodes must be in [1, 9]");
    } catch (IllegalArgumentException e) {
      err.println("kafka-dev: " + e.getMessage() + "\n" + USAGE);
      return 2;
    }
    LocalKafka kafka;
    try {
      err.println("kafka-dev: starting " + nodes + " KRaft node(s) in " + dir.toAbsolutePath());
      kafka = only > 0 ? LocalKafka.startNode(dir, nodes, only, Map.of())
          : LocalKafka.start(dir, nodes, Map.of());
    } catch (RuntimeException e) {
      err.println("kafka-dev: cannot start: " + e.getMessage());
      e.printStackTrace(err);
      return 1;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      err.println("kafka-dev: stopping");
      kafka.close();
      stopped.countDown();
    }, "kafka-dev-stop"));
    out.println("bootstrap: " + kafka.bootstrap());
    out.flush();
    try {
      stopped.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return 0;
  }
}
