package coedit.tools.bench;

import coedit.tools.kafka.ClusterScenarios;
import coedit.tools.kafka.ClusterTypist;
import coedit.tools.kafka.ClusterTyping;
import coedit.tools.kafka.ServerCluster;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * {@code bin/coedit bench cluster}: the cluster as it would run, on this machine, every part
 * its own JVM ({@link ServerCluster}: 3 KRaft nodes, 3 {@code coedit serve --kafka} nodes with
 * C2-compiled code), and the load generator in this JVM: 200 typists on 50 documents at
 * 5 edits/s each, the participants of each document spread over the nodes. Measures, over
 * the window after the warm-up:
 * <ul>
 *   <li>ack latency: a submission sent until its ack, p50/p99;</li>
 *   <li>cross-node broadcast latency: a submission sent until a participant connected to
 *       another node has applied it, p50/p99 (goal: p99 under 100 ms);</li>
 *   <li>CPU per accepted submission, per node: the node's process CPU over the window
 *       divided by the submissions acknowledged to the clients connected to it; RSS;</li>
 *   <li>then the failover figures: SIGKILL of node 3 mid-typing (how long its clients take
 *       to edit again), later of broker 3, and the exactly-once verdict.</li>
 * </ul>
 * Arguments ({@code key=value}): typists (200), docs (50), rate (5), warmup (90 s: a node's
 * JIT compilers still take about a fifth of its CPU two minutes after it starts, and a
 * 20 s warm-up measured twice the CPU per acknowledgement and twice the latency),
 * seconds (30), failover (true), dir (a temporary directory, deleted at the end), c1 (false: true runs
 * the brokers' and servers' JVMs with C1 only and the parallel collector, as the tests do, which
 * starts sooner on a loaded machine; false runs them as {@code bin/coedit} does),
 * node1Jvm (extra JVM options for node 1, space-separated, e.g. a JFR recording:
 * {@code node1Jvm=-XX:StartFlightRecording=filename=/tmp/node1.jfr,settings=profile}).
 */
public final class ClusterBench {
  private ClusterBench() {}

  public static void main(String[] args) throws Exception {
    BenchArgs o = BenchArgs.parse(args);
    int typists = o.num("typists", 200);
    int docs = o.num("docs", 50);
    int rate = o.num("rate", 5);
    Path dir = o.has("dir") ? Files.createDirectories(Path.of(o.get("dir"))) : Files.createTempDirectory("coedit-bench-cluster-");
    System.out.printf("ClusterBench: %d cores; 3 KRaft nodes and 3 server nodes (JVMs) under %s%n",
        Runtime.getRuntime().availableProcessors(), dir);
    long t0 = System.nanoTime();
    ServerCluster.Settings settings = ServerCluster.Settings.forBenchmarks();
    if ("true".equals(o.get("c1"))) settings = settings.withFastStart(true);
    if (o.has("node1Jvm")) settings = settings.withNode1Flags(List.of(o.get("node1Jvm").trim().split("\\s+")));
    try (ServerCluster cluster = ServerCluster.start(dir, settings)) {
      System.out.printf("cluster up in %.1f s%n", (System.nanoTime() - t0) / 1e9);
      try (ClusterTyping typing = ClusterTyping.open(cluster, "bench", docs, typists / docs)) {
        Recorder rec = new Recorder(typing.typists(), cluster.size());
        typing.startSteady(rate);
        Thread.sleep(o.num("warmup", 90) * 1000L);
        long[] cpu0 = new long[cluster.size()];
        for (int i = 0; i < cluster.size(); i++) cpu0[i] = cluster.cpuNanos(i);
        long[] brokerCpu0 = new long[cluster.brokerCount()];
        for (int b = 1; b <= brokerCpu0.length; b++) brokerCpu0[b - 1] = cluster.brokerCpuNanos(b);
        long loadCpu0 = ServerProcess.cpuNanos(ProcessHandle.current());
        rec.start();
        int seconds = o.num("seconds", 30);
        Thread.sleep(seconds * 1000L);
        rec.stop();
        report(cluster, rec, cpu0, typing.typists().size(), docs, rate, seconds);
        reportOthers(cluster, brokerCpu0, ServerProcess.cpuNanos(ProcessHandle.current()) - loadCpu0, seconds);
        if (!"false".equals(o.get("failover"))) {
          System.out.printf("%n## failover (the same typists go on typing)%n");
          ClusterScenarios.Kills k = ClusterScenarios.kills(cluster, typing, Duration.ofSeconds(10), System.out);
          List<Long> back = new ArrayList<>(k.backMillis());
          back.sort(null);
          System.out.printf("| what | ms |%n|---|---|%n");
          System.out.printf("| clients of the SIGKILLed node editing again: median | %d |%n", back.isEmpty() ? -1 : back.get(back.size() / 2));
          System.out.printf("| clients of the SIGKILLed node editing again: worst | %d |%n", k.worstBackMillis());
          System.out.printf("| clients of the other nodes, longest wait across the node kill | %d |%n", k.survivorMillis());
          System.out.printf("| every client acknowledged again after the broker kill, within | %d |%n", k.brokerMillis());
          System.out.printf("verdict: %d documents, %d keystrokes, %d acknowledged submissions, problems %s, errors shown %d%n",
              k.check().documents(), k.check().typed(), k.check().acked(), k.check().problems(), k.errors().size());
        }
      }
    } finally {
      if (!o.has("dir")) {
        try (var files = Files.walk(dir)) {
          files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
      }
    }
  }

  private static void report(ServerCluster cluster, Recorder rec, long[] cpu0, int typists, int docs, int rate, int seconds) {
    System.out.printf("%n## %d typists on %d documents, %d edits/s each, participants spread over %d nodes, %d s measured%n",
        typists, docs, rate, cluster.size(), seconds);
    System.out.println("| metric | samples | p50 ms | p99 ms | max ms |");
    System.out.println("|---|---|---|---|---|");
    row("ack (submit -> ack)", rec.acks());
    row("cross-node broadcast (submit -> applied on another node)", rec.crossNode());
    System.out.println();
    System.out.println("| node | acknowledged/s | process CPU (cores) | CPU per acknowledged submission (us) | RSS MiB |");
    System.out.println("|---|---|---|---|---|");
    for (int i = 0; i < cluster.size(); i++) {
      long cpu = cluster.cpuNanos(i) - cpu0[i];
      long acks = rec.acksOn(i);
      System.out.printf("| %d | %.0f | %.2f | %.0f | %d |%n", i + 1, acks / (double) seconds, cpu / 1e9 / seconds,
          acks == 0 ? 0 : cpu / 1e3 / acks, cluster.rssKb(i) / 1024);
    }
  }

  /** The rest of the machine's work: the brokers and this load generator (both share the cores with the nodes). */
  private static void reportOthers(ServerCluster cluster, long[] brokerCpu0, long loadCpu, int seconds) {
    System.out.println();
    System.out.println("| process | CPU (cores) |");
    System.out.println("|---|---|");
    for (int b = 1; b <= brokerCpu0.length; b++) {
      System.out.printf("| broker %d | %.2f |%n", b, (cluster.brokerCpuNanos(b) - brokerCpu0[b - 1]) / 1e9 / seconds);
    }
    System.out.printf("| load generator (this JVM) | %.2f |%n", loadCpu / 1e9 / seconds);
  }

  private static void row(String name, long[] nanos) {
    if (nanos.length == 0) {
      System.out.printf("| %s | 0 | - | - | - |%n", name);
      return;
    }
    Arrays.sort(nanos);
    System.out.printf("| %s | %d | %.1f | %.1f | %.1f |%n", name, nanos.length, at(nanos, 50), at(nanos, 99),
        nanos[nanos.length - 1] / 1e6);
  }

  private static double at(long[] sorted, double p) {
    int i = (int) Math.min(sorted.length - 1, Math.max(0, Math.ceil(p / 100 * sorted.length) - 1));
    return sorted[i] / 1e6;
  }

  /**
   * The samples of the window: acks, and every receipt of a submission by a typist whose
   * home node differs from its author's (sessions stay home while nothing fails).
   */
  private static final class Recorder implements ClusterTypist.Listener {
    private final Map<String, ClusterTypist> byClient = new HashMap<>();
    private final Map<String, Long> sentAt = new ConcurrentHashMap<>();
    private final AtomicLongArray acksPerNode;
    private final List<Long> acks = new ArrayList<>();
    private final List<Long> cross = new ArrayList<>();
    private volatile boolean on;

    Recorder(List<ClusterTypist> typists, int nodes) {
      acksPerNode = new AtomicLongArray(nodes);
      for (ClusterTypist t : typists) {
        byClient.put(t.clientId(), t);
        t.observe(this);
      }
    }

    void start() {
      on = true;
    }

    void stop() {
      on = false;
    }

    @Override
    public void submitted(ClusterTypist who, long seq) {
      if (on) sentAt.put(who.clientId() + "/" + seq, System.nanoTime());
    }

    @Override
    public void acked(ClusterTypist who, long seq, long nanos) {
      if (!on || !sentAt.containsKey(who.clientId() + "/" + seq)) return;
      acksPerNode.incrementAndGet(who.home());
      synchronized (acks) {
        acks.add(nanos);
      }
    }

    @Override
    public void received(ClusterTypist who, String from, long seq) {
      ClusterTypist author = byClient.get(from);
      if (author == null || author.home() == who.home()) return;
      Long t = sentAt.get(from + "/" + seq);
      if (t == null) return;
      long d = System.nanoTime() - t;
      synchronized (cross) {
        cross.add(d);
      }
    }

    long[] acks() {
      synchronized (acks) {
        return acks.stream().mapToLong(Long::longValue).toArray();
      }
    }

    long[] crossNode() {
      synchronized (cross) {
        return cross.stream().mapToLong(Long::longValue).toArray();
      }
    }

    long acksOn(int node) {
      return acksPerNode.get(node);
    }
  }
}
