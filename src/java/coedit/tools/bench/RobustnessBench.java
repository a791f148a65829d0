package coedit.tools.bench;

import coedit.editor.EditorConfig;
import coedit.editor.EngineDocumentService;
import coedit.editor.data.EditSubmission;
import coedit.editor.data.SubmitResult;
import coedit.engine.Cluster;
import coedit.engine.EngineConfig;
import coedit.engine.FsyncPolicy;
import coedit.engine.embedded.Engine;
import coedit.ot.Change;
import coedit.ot.Insert;
import coedit.server.CoeditServer;
import coedit.server.core.ServerConfig;
import coedit.server.core.SubmitGate;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * {@code bin/coedit bench robustness [flood] [reads] [history]}: the figures issue 12 asks for, on the embedded engine
 * (RocksDB, fsync on, one partition so every document shares it):
 * <ul>
 *   <li>flood: one client pipelines submissions into one document as fast as the server
 *       takes them (no rate limit) while a neighbour on the same partition types one edit
 *       at a time: the neighbour's ack latency p50/p99 (goal p99 &lt; 50 ms);</li>
 *   <li>large reads: four readers read a 16 MB document in a loop while the neighbour
 *       types: the neighbour's ack p99 and the reads per second;</li>
 *   <li>history: a document of 100,000 entries paged through over HTTP: the peak heap used
 *       (server and client in this JVM) above the heap before paging.</li>
 * </ul>
 */
public final class RobustnessBench {
  /** Phases run by default, in this order; {@code bench robustness PHASE...} picks some. */
  private static final List<String> PHASES = List.of("flood", "reads", "history");

  private RobustnessBench() {}

  public static void main(String[] args) throws Exception {
    Path dir = Files.createTempDirectory("coedit-bench-robustness-");
    EngineConfig engine = EngineConfig.defaults(dir).withPartitions(1).withFsync(FsyncPolicy.ALWAYS_GROUP_COMMIT);
    try (Cluster cluster = Engine.open(engine);
        EngineDocumentService editor = EngineDocumentService.launch(cluster,
            EditorConfig.defaults().withMaxDocumentCodePoints(32L << 20))) {
      List<String> phases = args.length == 0 ? PHASES : List.of(args);
      for (String phase : phases) {
        switch (phase) {
          case "flood" -> flood(editor);
          case "reads" -> largeReads(editor);
          case "history" -> history(editor);
          default -> throw new IllegalArgumentException("unknown phase " + phase + " (one of " + PHASES + ")");
        }
      }
    } finally {
      try (var files = Files.walk(dir)) {
        files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  private static void flood(EngineDocumentService editor) throws Exception {
    SubmitGate gate = new SubmitGate(editor);
    AtomicBoolean flooding = new AtomicBoolean(true);
    long[] flooded = {0};
    Thread flooder = new Thread(() -> {
      long seq = 0;
      List<CompletableFuture<?>> window = new ArrayList<>();
      while (flooding.get()) {
        window.add(gate.submit(new EditSubmission("flooded", "flooder", seq, 0,
            Change.of(new Insert(0, "flood " + seq + " ")))).exceptionally(e -> null));
        seq++;
        if (window.size() >= 2_000) { // keep 2,000 in flight: always more than a lane
          window.remove(0).join();
        }
      }
      window.forEach(CompletableFuture::join);
      flooded[0] = seq;
    }, "flooder");
    flooder.start();
    Thread.sleep(1_000);
    long[] latencies = neighbour(gate, "flood-neighbour", 300);
    flooding.set(false);
    flooder.join();
    print("flood", "neighbour ack p50 / p99 (ms)", pct(latencies, 50) + " / " + pct(latencies, 99),
        "while " + flooded[0] + " flood submissions were applied");
  }

  private static void largeReads(EngineDocumentService editor) throws Exception {
    String chunk = "0123456789abcdef".repeat(64 * 1024); // 1 Mi code points
    for (int v = 0; v < 16; v++) {
      SubmitResult r = editor.submit(new EditSubmission("large", "w", v, v, Change.of(new Insert(0, chunk)))).join();
      if (!(r instanceof SubmitResult.Accepted)) throw new IllegalStateException("building the document: " + r);
    }
    SubmitGate gate = new SubmitGate(editor);
    AtomicBoolean reading = new AtomicBoolean(true);
    long[] reads = new long[4];
    List<Thread> readers = new ArrayList<>();
    for (int r = 0; r < 4; r++) {
      int me = r;
      Thread t = new Thread(() -> {
        while (reading.get()) {
          if (editor.read("large").text().length() != 16 * chunk.length()) throw new IllegalStateException("short read");
          reads[me]++;
        }
      }, "reader-" + r);
      t.start();
      readers.add(t);
    }
    long start = System.nanoTime();
    long[] latencies = neighbour(gate, "read-neighbour", 300);
    double seconds = (System.nanoTime() - start) / 1e9;
    reading.set(false);
    for (Thread t : readers) t.join();
    print("large reads", "neighbour ack p50 / p99 (ms)", pct(latencies, 50) + " / " + pct(latencies, 99),
        String.format(Locale.ROOT, "4 readers of a 16 Mi code point document: %.1f reads/s",
            Arrays.stream(reads).sum() / seconds));
  }

  private static void history(EngineDocumentService editor) throws IOException, InterruptedException {
    List<CompletableFuture<SubmitResult>> pending = new ArrayList<>();
    String text = "x".repeat(100);
    // One writer pipelining on its own versions: each submission is made on the one before
    // it (base v), so building the history costs no transforms.
    for (int v = 0; v < 100_000; v++) {
      pending.add(editor.submit(new EditSubmission("long-history", "w", v, v, Change.of(new Insert(0, text)))));
      if (pending.size() >= 4_096) pending.remove(0).join();
    }
    pending.forEach(CompletableFuture::join);
    try (CoeditServer server = CoeditServer.start(editor, ServerConfig.defaults().withHost("127.0.0.1").withPort(0))) {
      HttpClient http = HttpClient.newHttpClient();
      ObjectMapper json = new ObjectMapper();
      System.gc();
      List<MemoryPoolMXBean> heap = ManagementFactory.getMemoryPoolMXBeans().stream()
          .filter(p -> p.getType() == MemoryType.HEAP).toList();
      long before = heap.stream().mapToLong(p -> p.getUsage().getUsed()).sum();
      heap.forEach(MemoryPoolMXBean::resetPeakUsage);
      long from = 0;
      int pages = 0;
      long entries = 0;
      long retained = 0;
      while (true) {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(
            URI.create(server.uri() + "/api/docs/long-history/history?from=" + from)).build(),
            HttpResponse.BodyHandlers.ofString());
        JsonNode page = json.readTree(r.body());
        pages++;
        entries += page.get("entries").size();
        if (pages % 10 == 0) { // what paging keeps alive, apart from garbage not yet collected
          System.gc();
          retained = Math.max(retained, heap.stream().mapToLong(p -> p.getUsage().getUsed()).sum() - before);
        }
        if (!page.has("next")) break;
        from = page.get("next").asLong();
      }
      long peak = heap.stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum();
      print("history", "heap above the start while paging: live / peak (MiB)", String.format(Locale.ROOT,
          "%.1f / %.1f", retained / 1048576.0, (peak - before) / 1048576.0), entries + " entries in " + pages
              + " pages; live = after a GC every 10 pages, peak includes garbage not yet collected");
    }
  }

  /** Sequential edits of one document; their ack latencies in nanoseconds. */
  private static long[] neighbour(SubmitGate gate, String docId, int n) {
    long[] latencies = new long[n];
    for (int v = 0; v < n; v++) {
      long t0 = System.nanoTime();
      gate.submit(new EditSubmission(docId, "neighbour", v, v, Change.of(new Insert(v, "n")))).join();
      latencies[v] = System.nanoTime() - t0;
    }
    return latencies;
  }

  private static String pct(long[] nanos, int p) {
    long[] sorted = nanos.clone();
    Arrays.sort(sorted);
    return String.format(Locale.ROOT, "%.1f", sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)] / 1e6);
  }

  private static void print(String phase, String what, String value, String note) {
    System.out.printf(Locale.ROOT, "%-12s %-46s %14s   %s%n", phase, what, value, note);
  }
}
