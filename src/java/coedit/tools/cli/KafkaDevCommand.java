package coedit.tools.cli;

import coedit.engine.kafka.local.LocalKafka;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

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
@Command(name = "kafka-dev", sortOptions = false, description = "A local KRaft cluster on 127.0.0.1 (docs/kafka.md).")
public final class KafkaDevCommand {
  @Option(names = "--nodes", paramLabel = "N", defaultValue = "3", description = "nodes in the cluster, 1 to 9 (default 3)")
  private int nodes;

  @Option(names = "--dir", paramLabel = "DIR", defaultValue = "kafka-data", description = "where the nodes keep their data (default ./kafka-data)")
  private Path dir;

  @Option(names = "--node", paramLabel = "ID", defaultValue = "0", description = "start only this node of the N-node cluster in DIR")
  private int only;

  @Option(names = {"--help", "-h"}, usageHelp = true, description = "this text")
  private boolean help;

  private KafkaDevCommand() {}

  public static int run(String[] args, PrintStream out, PrintStream err) {
    KafkaDevCommand c = new KafkaDevCommand();
    Integer exit = CommandLines.parse(c, args, out, err);
    if (exit != null) return exit;
    if (c.nodes < 1 || c.nodes > 9) return CommandLines.usageError(c, "--nodes must be in [1, 9]", err);
    if (c.only < 0 || c.only > c.nodes) return CommandLines.usageError(c, "--node must be in [1, " + c.nodes + "]", err);
    return c.start(out, err);
  }

  private int start(PrintStream out, PrintStream err) {
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
