package coedit.tools.bench;

import coedit.client.CoeditClient;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * Live-protocol load on loopback, everything in one JVM (server, engine with fsync on,
 * and the load generator's Java clients over real WebSockets):
 * <ol>
 *   <li><b>spread</b>: 1,000 typists across 250 documents, 5 edits/s each; ack latency
 *       (submit to ack) and broadcast latency (submit to every other typist of the
 *       document having applied it), p50/p99. Goal: p99 under 20 ms.</li>
 *   <li><b>one document</b>: typists on one document at 5 edits/s each, added in steps
 *       until broadcast p99 exceeds 100 ms; reports the largest count that stayed under.
 *       Goal: more than 400.</li>
 * </ol>
 * Arguments ({@code key=value}): typists, docs, rate, warmup, seconds, clients, partitions,
 * rampStart, rampStep, rampMax, rampSeconds, phase (spread|one|both), server (URL of a
 * separately started server instead of one in this JVM); for diagnosis only, storage=memory
 * and fsync=never. Documents are named doc-N and hot: use a fresh data directory.
 */
public final class LoadBenchmark {
  private LoadBenchmark() {}

  public static void main(String[] args) throws Exception {
    BenchArgs o = BenchArgs.parse(args);
    String phase = o.get("phase", "both");
    System.out.printf("LoadBenchmark: %d cores, JVM max heap %d MiB%n", Runtime.getRuntime().availableProcessors(),
        Runtime.getRuntime().maxMemory() >> 20);
    if (!phase.equals("one")) {
      try (Target t = target(o)) {
        spread(t, o.num("typists", 1000), o.num("docs", 250), o.num("rate", 5), o.num("warmup", 25),
            o.num("seconds", 20), o.num("clients", 8));
      }
    }
    if (!phase.equals("spread")) {
      try (Target t = target(o)) {
        oneDocument(t, o.num("rate", 5), o.num("rampStart", 100), o.num("rampStep", 50),
            o.num("rampMax", 1000), o.num("rampSeconds", 6), o.num("clients", 8));
      }
    }
  }

  /**
   * The server under load and how to read its CPU time: by default {@code coedit serve} in
   * its own JVM ({@code server=spawn}, with {@code serverJvm="..."} JVM options, e.g. a
   * flight recording, and {@code serverArgs="..."} serve options); {@code server=inline}
   * the whole stack in this JVM; or {@code server=URL}, a separately started server
   * ({@code serverPid=PID} to report its CPU).
   */
  private record Target(URI uri, LoadStack stack, ServerProcess process, ProcessHandle external)
      implements AutoCloseable {
    /** The server's CPU time so far; -1 when unknown, or when it shares this JVM. */
    long serverCpuNanos() {
      if (process != null) return process.cpuNanos();
      if (external != null) return ServerProcess.cpuNanos(external);
      return -1;
    }

    @Override
    public void close() {
      if (stack != null) stack.close();
      if (process != null) process.close();
    }
  }

  private static Target target(BenchArgs o) throws Exception {
    String server = o.get("server", "spawn");
    if (server.equals("inline")) return new Target(null, stack(o, o.num("partitions", 4)), null, null);
    if (server.equals("spawn")) {
      ServerProcess p = ServerProcess.start(o.get("serverJvm", ""),
          o.get("serverArgs", "") + " --partitions " + o.num("partitions", 4)
              + ("never".equals(o.get("fsync")) ? " --fsync never" : ""));
      System.out.printf("server: coedit serve in its own JVM (pid %d) on %s%n", p.pid(), p.uri());
      return new Target(p.uri(), null, p, null);
    }
    ProcessHandle pid = o.has("serverPid") ? ProcessHandle.of(Long.parseLong(o.get("serverPid"))).orElseThrow() : null;
    return new Target(URI.create(server), null, null, pid);
  }

  private static URI uri(Target t) {
    return t.stack() != null ? t.stack().server.uri() : t.uri();
  }

  static void spread(Target target, int typists, int docs, int rate, int warmup, int seconds, int clientCount)
      throws Exception {
    List<CoeditClient> clients = clients(uri(target), clientCount);
    LoadRecorder rec = new LoadRecorder();
    List<LoadTypist> all = new ArrayList<>();
    int perDoc = typists / docs;
    for (int d = 0; d < docs; d++) {
      for (int k = 0; k < perDoc; k++) all.add(new LoadTypist("doc-" + d, "t" + d + "-" + k, rec, () -> perDoc - 1));
    }
    open(all, clients);
    ScheduledExecutorService keys = Executors.newScheduledThreadPool(2);
    List<ScheduledFuture<?>> typing = startTyping(all, rate, keys);
    Thread.sleep(warmup * 1000L);
    rec.startWindow();
    long cpu0 = cpuNanos();
    long server0 = target.serverCpuNanos();
    Thread.sleep(seconds * 1000L);
    long cpu = cpuNanos() - cpu0;
    long serverCpu = target.serverCpuNanos() - server0;
    LoadRecorder.Stats acks = rec.acks();
    LoadRecorder.Stats broadcasts = rec.broadcasts();
    typing.forEach(f -> f.cancel(false));
    keys.shutdownNow();
    System.out.printf("%n## spread: %d typists on %d documents, %d edits/s each, %d s measured%n", all.size(), docs,
        rate, seconds);
    System.out.println("| metric | samples | p50 ms | p99 ms | max ms |");
    System.out.println("|---|---|---|---|---|");
    row("ack (submit -> ack)", acks);
    row("broadcast (submit -> all others applied)", broadcasts);
    System.out.printf("submissions acknowledged: %.0f/s%n", acks.count() / (double) seconds);
    cpuReport(target, acks.count(), seconds, cpu, serverCpu);
    all.forEach(LoadTypist::close);
    clients.forEach(CoeditClient::close);
  }

  static void oneDocument(Target target, int rate, int start, int step, int max, int seconds, int clientCount)
      throws Exception {
    List<CoeditClient> clients = clients(uri(target), clientCount);
    LoadRecorder rec = new LoadRecorder();
    List<LoadTypist> all = new ArrayList<>();
    int[] count = {0};
    ScheduledExecutorService keys = Executors.newScheduledThreadPool(2);
    List<ScheduledFuture<?>> typing = new ArrayList<>();
    System.out.printf("%n## one document: typists at %d edits/s each, %d s measured per step%n", rate, seconds);
    System.out.println("| typists | submissions/s | ack p50 ms | ack p99 ms | broadcast p50 ms | broadcast p99 ms"
        + " | broadcast max ms | load generator CPU cores | server CPU cores | server us per submission |");
    System.out.println("|---|---|---|---|---|---|---|---|---|---|");
    int lastUnder = 0;
    for (int n = start; n <= max; n += (n == start ? step : step)) {
      List<LoadTypist> added = new ArrayList<>();
      while (all.size() + added.size() < n) {
        added.add(new LoadTypist("hot", "h" + (all.size() + added.size()), rec, () -> count[0] - 1));
      }
      open(added, clients);
      all.addAll(added);
      count[0] = all.size();
      typing.addAll(startTyping(added, rate, keys));
      Thread.sleep(2000);
      rec.startWindow();
      long cpu0 = cpuNanos();
      long server0 = target.serverCpuNanos();
      Thread.sleep(seconds * 1000L);
      double cores = (cpuNanos() - cpu0) / 1e9 / seconds;
      long serverCpu = target.serverCpuNanos() - server0;
      LoadRecorder.Stats acks = rec.acks();
      LoadRecorder.Stats b = rec.broadcasts();
      System.out.printf("| %d | %.0f | %.1f | %.1f | %.1f | %.1f | %.1f | %.2f | %s | %s |%n", n,
          acks.count() / (double) seconds, acks.p50(), acks.p99(), b.p50(), b.p99(), b.max(), cores,
          server0 < 0 ? "(in this JVM)" : String.format("%.2f", serverCpu / 1e9 / seconds),
          server0 < 0 || acks.count() == 0 ? "-" : String.format("%.0f", serverCpu / 1e3 / acks.count()));
      if (!(b.p99() <= 100)) break;
      lastUnder = n;
    }
    System.out.printf("largest typist count on one document with broadcast p99 <= 100 ms: %d%n", lastUnder);
    typing.forEach(f -> f.cancel(false));
    keys.shutdownNow();
    all.forEach(LoadTypist::close);
    clients.forEach(CoeditClient::close);
  }

  private static List<CoeditClient> clients(URI server, int n) {
    List<CoeditClient> clients = new ArrayList<>();
    for (int i = 0; i < n; i++) clients.add(new CoeditClient(server));
    return clients;
  }

  /** Opens the typists' sessions, 100 at a time, spread over the clients. */
  private static void open(List<LoadTypist> typists, List<CoeditClient> clients) throws Exception {
    for (int i = 0; i < typists.size(); i += 100) {
      List<CompletableFuture<LoadTypist>> batch = new ArrayList<>();
      for (int j = i; j < Math.min(typists.size(), i + 100); j++) {
        batch.add(typists.get(j).open(clients.get(j % clients.size())));
      }
      CompletableFuture.allOf(batch.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
    }
  }

  private static List<ScheduledFuture<?>> startTyping(List<LoadTypist> typists, int rate, ScheduledExecutorService keys) {
    long period = 1_000_000L / rate;
    List<ScheduledFuture<?>> futures = new ArrayList<>();
    for (LoadTypist t : typists) {
      long delay = ThreadLocalRandom.current().nextLong(period);
      futures.add(keys.scheduleAtFixedRate(t::type, delay, period, TimeUnit.MICROSECONDS));
    }
    return futures;
  }

  /** Both processes' CPU, and the server's per acknowledged submission when it runs apart. */
  private static void cpuReport(Target target, int acks, int seconds, long cpu, long serverCpu) {
    if (target.serverCpuNanos() < 0) {
      System.out.printf("process CPU (server and load generator together) %.2f cores, %.0f us per submission%n",
          cpu / 1e9 / seconds, acks == 0 ? 0 : cpu / 1e3 / acks);
      return;
    }
    System.out.printf("load generator CPU %.2f cores; server CPU %.2f cores%n", cpu / 1e9 / seconds,
        serverCpu / 1e9 / seconds);
    System.out.printf("server CPU per acknowledged submission: %.1f us%n", acks == 0 ? 0 : serverCpu / 1e3 / acks);
  }

  private static void row(String name, LoadRecorder.Stats s) {
    System.out.printf("| %s | %d | %.1f | %.1f | %.1f |%n", name, s.count(), s.p50(), s.p99(), s.max());
  }

  /** The measured stack (RocksDB, fsync on) unless storage=memory or fsync=never is asked for diagnosis. */
  private static LoadStack stack(BenchArgs o, int partitions) {
    return new LoadStack(partitions,
        "memory".equals(o.get("storage")) ? coedit.engine.StorageKind.IN_MEMORY : coedit.engine.StorageKind.ROCKSDB,
        "never".equals(o.get("fsync")) ? coedit.engine.FsyncPolicy.NEVER : coedit.engine.FsyncPolicy.ALWAYS_GROUP_COMMIT);
  }

  /** CPU time used by this process so far. */
  private static long cpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }
}
