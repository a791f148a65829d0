package coedit.engine.kafka.local;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * A local Kafka cluster of N combined (broker + controller) KRaft nodes in this JVM, every
 * listener bound to 127.0.0.1, data under one directory: for {@code bin/coedit kafka-dev},
 * the tests and the benchmarks. Nodes start and stop in parallel: stopping combined nodes one
 * by one hangs the last ones, which lose the quorum they need to shut down.
 *
 * <p>The directory keeps each node's logs, the cluster id and the ports; starting again on
 * the same directory reuses all three, so the data is still there. Settings are tuned for
 * fast failover on one machine (see {@link KraftNode#config}).
 */
public final class LocalKafka implements AutoCloseable {

  private final Path dir;
  private final List<KraftNode> nodes;
  private final String bootstrap;

  private LocalKafka(Path dir, List<KraftNode> nodes, Layout layout) {
    this.dir = dir;
    this.nodes = nodes;
    this.bootstrap = IntStream.of(layout.brokerPorts()).mapToObj(p -> "127.0.0.1:" + p)
        .collect(Collectors.joining(","));
  }

  /**
   * Starts {@code count} nodes under {@code dir} (created if missing) and waits until every
   * broker is registered and serving. {@code overrides} go into every node's configuration.
   */
  public static LocalKafka start(Path dir, int count, Map<String, String> overrides) {
    if (count < 1 || count > 9) {
      throw new IllegalArgumentException("nodes must be in [1, 9], got " + count);
    }
    try {
      Files.createDirectories(dir);
      Layout layout = Layout.load(dir, count);
      List<KraftNode> nodes = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        nodes.add(new KraftNode(i + 1, dir.resolve("node-" + (i + 1)), layout, overrides));
      }
      parallel(nodes, KraftNode::start);
      LocalKafka k = new LocalKafka(dir, nodes, layout);
      try {
        Readiness.await(k.bootstrap, count, Duration.ofSeconds(60));
      } catch (RuntimeException e) {
        k.close();
        throw e;
      }
      return k;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start Kafka in " + dir, e);
    }
  }

  /**
   * Starts only node {@code nodeId} of a {@code count}-node cluster under {@code dir}: one
   * node per process, so a test can kill one broker. Every node's process must be started
   * (in any order); this returns once all {@code count} brokers serve.
   */
  public static LocalKafka startNode(Path dir, int count, int nodeId, Map<String, String> overrides) {
    if (nodeId < 1 || nodeId > count) {
      throw new IllegalArgumentException("node must be in [1, " + count + "], got " + nodeId);
    }
    try {
      Files.createDirectories(dir);
      Layout layout = Layout.load(dir, count);
      KraftNode node = new KraftNode(nodeId, dir.resolve("node-" + nodeId), layout, overrides);
      node.start();
      LocalKafka k = new LocalKafka(dir, List.of(node), layout);
      Readiness.await(k.bootstrap, count, Duration.ofSeconds(120));
      return k;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start Kafka node " + nodeId + " in " + dir, e);
    }
  }

  /** Writes the cluster id and ports of a {@code count}-node cluster to {@code dir} once. */
  public static void prepare(Path dir, int count) {
    try {
      Files.createDirectories(dir);
      Layout.load(dir, count);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot prepare " + dir, e);
    }
  }

  /** {@code 127.0.0.1:PORT,...}: every broker's listener. */
  public String bootstrap() {
    return bootstrap;
  }

  public Path dir() {
    return dir;
  }

  /** Stops every node, in parallel. Idempotent. */
  @Override
  public void close() {
    parallel(nodes, KraftNode::stop);
  }

  private static void parallel(List<KraftNode> nodes, java.util.function.Consumer<KraftNode> step) {
    List<CompletableFuture<Void>> fs = new ArrayList<>();
    for (KraftNode n : nodes) {
      fs.add(CompletableFuture.runAsync(() -> step.accept(n)));
    }
    fs.forEach(CompletableFuture::join);
  }

  /**
   * The cluster id and every node's two ports, kept in {@code DIR/cluster.properties} so a
   * restart on the same directory finds its data and quorum again.
   */
  record Layout(String clusterId, int[] brokerPorts, int[] controllerPorts) {

    static Layout load(Path dir, int count) throws IOException {
      Path file = dir.resolve("cluster.properties");
      Properties p = new Properties();
      if (Files.isRegularFile(file)) {
        try (Reader r = Files.newBufferedReader(file)) {
          p.load(r);
        }
        int stored = Integer.parseInt(p.getProperty("nodes"));
        if (stored != count) {
          throw new IllegalArgumentException(dir + " holds a cluster of " + stored
              + " nodes; start it with " + stored + " nodes or use another directory");
        }
        return new Layout(p.getProperty("cluster.id"), ports(p, "broker", count),
            ports(p, "controller", count));
      }
      int[] free = FreePorts.take(2 * count);
      Layout l = new Layout(org.apache.kafka.common.Uuid.randomUuid().toString(),
          java.util.Arrays.copyOfRange(free, 0, count),
          java.util.Arrays.copyOfRange(free, count, 2 * count));
      p.setProperty("nodes", Integer.toString(count));
      p.setProperty("cluster.id", l.clusterId);
      for (int i = 0; i < count; i++) {
        p.setProperty("broker." + (i + 1), Integer.toString(l.brokerPorts[i]));
        p.setProperty("controller." + (i + 1), Integer.toString(l.controllerPorts[i]));
      }
      try (Writer w = Files.newBufferedWriter(file)) {
        p.store(w, "coedit local Kafka: cluster id and ports");
      }
      return l;
    }

    String voters() {
      return IntStream.range(0, controllerPorts.length)
          .mapToObj(i -> (i + 1) + "@127.0.0.1:" + controllerPorts[i])
          .collect(Collectors.joining(","));
    }

    int nodes() {
      return brokerPorts.length;
    }

    private static int[] ports(Properties p, String kind, int count) {
      int[] out = new int[count];
      for (int i = 0; i < count; i++) {
        out[i] = Integer.parseInt(p.getProperty(kind + "." + (i + 1)));
      }
      return out;
    }
  }
}
