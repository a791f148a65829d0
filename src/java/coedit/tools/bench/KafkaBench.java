package coedit.tools.bench;

import coedit.editor.EditorConfig;
import coedit.editor.EngineDocumentService;
import coedit.editor.data.EditSubmission;
import coedit.editor.data.SubmitResult;
import coedit.engine.kafka.KafkaCluster;
import coedit.engine.kafka.KafkaEngineConfig;
import coedit.engine.kafka.local.LocalKafka;
import coedit.ot.Change;
import coedit.tools.kafka.FailoverRun;
import coedit.tools.replay.ReplayResult;
import coedit.tools.replay.SequentialReplay;
import coedit.tools.replay.TraceChanges;
import coedit.tools.trace.SequentialTrace;
import coedit.tools.trace.Traces;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * {@code bench kafka [--no-failover] [--edits N] [--warm-passes N]}: the editor module on the
 * Kafka runtime, three KRaft nodes in this JVM (replication 3, min.insync.replicas 2,
 * exactly-once with transactional stores, the streams group protocol, one engine instance
 * with 4 partitions): sequential submit-to-ACK latency (p50, p99), automerge-paper pipelined
 * (edits/s, text = endContent: first {@code --warm-passes} passes, default 4, each into a
 * document of its own, reported but not the result, then the measured pass: the brokers and
 * Streams in this JVM are still being compiled during the first), then a failover run in child JVMs ({@link FailoverRun}: stall after SIGKILL of
 * an engine instance and of a broker, lost and duplicated acknowledged submissions, RSS of
 * an engine instance). Goals in docs/benchmarks.md.
 */
public final class KafkaBench {

  private KafkaBench() {}

  public static void main(String[] args) throws Exception {
    boolean failover = true;
    int edits = 3_000;
    int warmPasses = 4;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--no-failover" -> failover = false;
        case "--edits" -> edits = Integer.parseInt(args[++i]);
        case "--warm-passes" -> warmPasses = Integer.parseInt(args[++i]);
        default -> throw new IllegalArgumentException("unknown argument " + args[i]
            + " (bench kafka [--no-failover] [--edits N] [--warm-passes N])");
      }
    }
    if (edits < 1 || warmPasses < 0) {
      throw new IllegalArgumentException("--edits must be at least 1 and --warm-passes at least 0");
    }
    Path dir = Files.createTempDirectory("coedit-bench-kafka-");
    try {
      inProcess(dir, edits, warmPasses);
      if (failover) {
        FailoverRun.Result r = FailoverRun.run(dir.resolve("failover"), Duration.ofSeconds(6),
            System.out);
        System.out.printf(Locale.ROOT, "failover (child JVMs: 3 brokers, 2 instances, 4 writers):%n"
            + "  instance SIGKILL: survivor stall %,d ms%n"
            + "  broker SIGKILL:   stall %,d ms%n"
            + "  acknowledged %,d, lost %d, duplicated %d, at another version %d, ACKs after the kills %,d%n"
            + "  engine instance RSS %,d MiB%n",
            r.instanceStallMs(), r.brokerStallMs(), r.acked(), r.lost(), r.duplicated(),
            r.wrongVersion(), r.acksAfterKills(), r.instanceRssKb() / 1024);
        r.problems().forEach(p -> System.out.println("  problem: " + p));
      }
    } finally {
      try (Stream<Path> files = Files.walk(dir)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  private static void inProcess(Path dir, int edits, int warmPasses) throws Exception {
    SequentialTrace trace = Traces.readSequential(EditorBenchSupport.trace("automerge-paper.json.gz"));
    long t0 = System.nanoTime();
    try (LocalKafka kafka = LocalKafka.start(dir.resolve("kafka"), 3, Map.of())) {
      System.out.printf(Locale.ROOT, "3 KRaft nodes in this JVM ready in %.1f s%n",
          (System.nanoTime() - t0) / 1e9);
      KafkaEngineConfig c = KafkaEngineConfig.defaults(kafka.bootstrap(), "bench",
          dir.resolve("state"));
      c = c.withEngine(c.engine().withPartitions(4));
      t0 = System.nanoTime();
      try (KafkaCluster cluster = KafkaCluster.open(c);
          EngineDocumentService editor = EngineDocumentService.launch(cluster,
              EditorConfig.defaults())) {
        System.out.printf(Locale.ROOT, "editor module launched in %.1f s%n",
            (System.nanoTime() - t0) / 1e9);
        serial(editor, "warm-up", trace, 300);
        long[] lat = serial(editor, "serial", trace, edits);
        System.out.printf(Locale.ROOT, "sequential submit->ACK, %,d edits: p50 %.2f ms, p99 %.2f ms"
            + " (goal p50 <= 10, p99 <= 50)%n", edits, EditorBenchSupport.percentileMillis(lat, 50),
            EditorBenchSupport.percentileMillis(lat, 99));
        for (int pass = 1; pass <= warmPasses; pass++) {
          ReplayResult w = SequentialReplay.run(editor, "paper-warm-" + pass, trace, 8192);
          System.out.printf(Locale.ROOT, "automerge-paper pipelined, warm-up pass %d: %,d edits in"
              + " %.1f s = %,.0f edits/s; text = endContent: %s%n", pass, w.submissions(),
              w.nanos() / 1e9, w.editsPerSecond(), w.problem() == null ? "yes" : "NO: " + w.problem());
        }
        ReplayResult r = SequentialReplay.run(editor, "paper", trace, 8192);
        System.out.printf(Locale.ROOT, "automerge-paper pipelined: %,d edits in %.1f s = %,.0f edits/s"
            + " (goal >= 20,000); text = endContent: %s%n", r.submissions(), r.nanos() / 1e9,
            r.editsPerSecond(), r.problem() == null ? "yes" : "NO: " + r.problem());
        System.out.printf(Locale.ROOT, "RSS of this JVM (3 brokers + 1 engine instance): %,d MiB%n",
            EditorBenchSupport.rssMiB());
      }
    }
  }

  private static long[] serial(EngineDocumentService editor, String docId, SequentialTrace trace,
      int n) {
    long[] latencies = new long[n];
    for (int i = 0; i < n; i++) {
      Change change = TraceChanges.of(trace.txns().get(i).patches());
      long t0 = System.nanoTime();
      SubmitResult r = editor.submit(new EditSubmission(docId, "writer", i, i, change)).join();
      latencies[i] = System.nanoTime() - t0;
      if (!(r instanceof SubmitResult.Accepted)) {
        throw new IllegalStateException("edit " + i + ": " + r);
      }
    }
    return latencies;
  }
}
