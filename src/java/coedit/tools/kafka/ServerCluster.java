package coedit.tools.kafka;

import coedit.engine.kafka.local.FreePorts;
import coedit.engine.kafka.local.LocalKafka;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

/**
 * A coedit cluster on this machine, every part its own JVM, everything on 127.0.0.1: KRaft
 * nodes ({@code kafka-dev --node}) and server nodes ({@code coedit serve --kafka}), each
 * server node on a port of its own that it keeps across restarts (so clients given the
 * nodes' URLs find a restarted node again). For the cluster tests and {@code bench cluster}:
 * a node can be stopped (SIGTERM), killed (SIGKILL) and started again, a broker killed.
 * Logs go to {@code DIR/NAME.err}. {@link #close()} kills whatever still runs.
 */
public final class ServerCluster implements AutoCloseable {
  /**
   * Server JVM flags and engine partitions, whether the JVMs (brokers and nodes) start fast
   * (C1, parallel collector) or run as {@code bin/coedit} runs them (C2, G1), and extra JVM
   * flags for node 1 only (a profiler's, say: one node's profile is representative, and
   * profiling every node would slow them all).
   */
  public record Settings(int brokers, int nodes, int partitions, String serverHeap, boolean fastStart,
      List<String> node1Flags) {
    public Settings {
      node1Flags = List.copyOf(node1Flags);
    }

    public static Settings forTests() {
      return new Settings(3, 3, 6, "-Xmx640m", true, List.of());
    }

    public static Settings forBenchmarks() {
      return new Settings(3, 3, 6, "-Xmx1g", false, List.of());
    }

    public Settings withFastStart(boolean fast) {
      return new Settings(brokers, nodes, partitions, serverHeap, fast, node1Flags);
    }

    public Settings withNode1Flags(List<String> flags) {
      return new Settings(brokers, nodes, partitions, serverHeap, fastStart, flags);
    }
  }

  private final Path dir;
  private final Settings settings;
  private final Process[] brokers;
  private final Process[] nodes;
  private final int[] ports;
  private final String bootstrap;

  private ServerCluster(Path dir, Settings settings, String bootstrap, Process[] brokers) {
    this.dir = dir;
    this.settings = settings;
    this.bootstrap = bootstrap;
    this.brokers = brokers;
    this.nodes = new Process[settings.nodes()];
    this.ports = FreePorts.take(settings.nodes());
  }

  /** Starts the brokers, then every server node, in parallel; returns once all serve. */
  public static ServerCluster start(Path dir, Settings settings) throws IOException {
    Path kafka = dir.resolve("kafka");
    LocalKafka.prepare(kafka, settings.brokers());
    Process[] brokers = new Process[settings.brokers()];
    List<CompletableFuture<String>> ready = new ArrayList<>();
    for (int b = 0; b < brokers.length; b++) {
      brokers[b] = ChildJvm.start(List.of("-Xmx512m"), List.of("coedit.tools.Main", "kafka-dev", "--nodes",
          Integer.toString(settings.brokers()), "--dir", kafka.toString(), "--node", Integer.toString(b + 1)),
          dir.resolve("broker-" + (b + 1) + ".err"), settings.fastStart());
      ready.add(ChildJvm.awaitLine(brokers[b], "bootstrap: ", Duration.ofSeconds(240)));
    }
    String bootstrap;
    try {
      bootstrap = ready.stream().map(CompletableFuture::join).toList().get(0);
    } catch (RuntimeException e) {
      for (Process p : brokers) p.destroyForcibly();
      throw e;
    }
    ServerCluster c = new ServerCluster(dir, settings, bootstrap, brokers);
    try {
      c.startNodes(IntStream.range(0, settings.nodes()).toArray());
    } catch (RuntimeException | IOException e) {
      c.close();
      throw e;
    }
    return c;
  }

  public String bootstrap() {
    return bootstrap;
  }

  public int size() {
    return nodes.length;
  }

  /** Node {@code i}'s URL ({@code http://127.0.0.1:PORT}), whether it runs or not. */
  public URI uri(int i) {
    return URI.create("http://127.0.0.1:" + ports[i]);
  }

  /** Every node's URL, node {@code first}'s first, then the others in order: a client's list. */
  public List<URI> urisFrom(int first) {
    List<URI> out = new ArrayList<>();
    for (int k = 0; k < nodes.length; k++) out.add(uri((first + k) % nodes.length));
    return out;
  }

  /** The process of node {@code i} (null while stopped). */
  public synchronized Process node(int i) {
    return nodes[i];
  }

  /** Starts node {@code i} (again); returns once it serves. */
  public void startNode(int i) throws IOException {
    startNodes(new int[] {i});
  }

  private void startNodes(int[] which) throws IOException {
    List<CompletableFuture<String>> ready = new ArrayList<>();
    for (int i : which) {
      Path data = dir.resolve("node-" + (i + 1));
      Files.createDirectories(data);
      List<String> flags = new ArrayList<>(List.of(settings.serverHeap()));
      if (i == 0) flags.addAll(settings.node1Flags());
      Process p = ChildJvm.start(flags, List.of("coedit.tools.Main", "serve",
          "--kafka", bootstrap, "--host", "127.0.0.1", "--port", Integer.toString(ports[i]),
          "--data-dir", data.toString(), "--node-id", "n" + (i + 1),
          "--partitions", Integer.toString(settings.partitions()), "--rpc-address", "127.0.0.1:0"),
          dir.resolve("node-" + (i + 1) + ".err"), settings.fastStart());
      synchronized (this) {
        nodes[i] = p;
      }
      ready.add(ChildJvm.awaitLine(p, "coedit is serving ", Duration.ofSeconds(240)));
    }
    for (CompletableFuture<String> f : ready) f.join();
  }

  /** SIGTERM to node {@code i}, and waits until it has exited (a graceful stop: 1012 to its clients). */
  public void stopNode(int i) throws InterruptedException {
    Process p = take(i);
    if (p == null) return;
    p.destroy();
    if (!p.waitFor(60, TimeUnit.SECONDS)) p.destroyForcibly().waitFor();
  }

  /** SIGKILL to node {@code i}. */
  public void killNode(int i) throws InterruptedException {
    Process p = take(i);
    if (p != null) p.destroyForcibly().waitFor();
  }

  /** SIGKILL to broker {@code b} (1-based, as kafka-dev numbers them). */
  public void killBroker(int b) throws InterruptedException {
    brokers[b - 1].destroyForcibly().waitFor();
  }

  /** CPU time node {@code i} has used so far, in nanoseconds (-1 when unknown). */
  public long cpuNanos(int i) {
    Process p = node(i);
    return p == null ? -1 : ChildJvm.cpuNanos(p.pid());
  }

  /** CPU time broker {@code b} (1-based) has used so far, in nanoseconds (-1 when unknown). */
  public long brokerCpuNanos(int b) {
    Process p = brokers[b - 1];
    return p.isAlive() ? ChildJvm.cpuNanos(p.pid()) : -1;
  }

  /** Brokers started (numbered 1 to this). */
  public int brokerCount() {
    return brokers.length;
  }

  /** Resident memory of node {@code i}, in KiB (0 when unknown). */
  public long rssKb(int i) {
    Process p = node(i);
    return p == null ? 0 : FailoverRun.rssKb(p.pid());
  }

  private synchronized Process take(int i) {
    Process p = nodes[i];
    nodes[i] = null;
    return p;
  }

  /** Kills every process still running (nodes first, then the brokers, all at once). */
  @Override
  public void close() {
    List<Process> all = new ArrayList<>();
    synchronized (this) {
      for (int i = 0; i < nodes.length; i++) {
        if (nodes[i] != null) all.add(nodes[i]);
        nodes[i] = null;
      }
    }
    for (Process p : brokers) {
      if (p != null) all.add(p);
    }
    all.forEach(Process::destroyForcibly);
    for (Process p : all) {
      try {
        p.waitFor(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  /** Where the logs are. */
  public Path dir() {
    return dir;
  }
}
