package coedit.tools.cli;

import coedit.editor.EditorConfig;
import coedit.editor.EngineDocumentService;
import coedit.engine.Cluster;
import coedit.engine.EngineConfig;
import coedit.engine.embedded.Engine;
import coedit.engine.kafka.KafkaCluster;
import coedit.engine.kafka.KafkaEngineConfig;
import coedit.ot.Texts;
import coedit.tools.replay.ConcurrentReplay;
import coedit.tools.replay.ReplayResult;
import coedit.tools.replay.SequentialReplay;
import coedit.tools.trace.ConcurrentTrace;
import coedit.tools.trace.SequentialTrace;
import coedit.tools.trace.Trace;
import coedit.tools.trace.Traces;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code coedit replay FILE [--data-dir DIR] [--partitions N]}: replays an editing trace
 * (the format of Joseph Gentle's editing-traces data set, CC BY 4.0; automerge-paper prepared
 * by Martin Kleppmann; see ../shared/traces/README.md) through the editor
 * module on the embedded engine, with fsync on, into a fresh document. Sequential traces:
 * one submission per txn, pipelined ACK appends. Concurrent traces: each agent is a
 * simulated {@code ClientState} client. Prints edits/s and whether the final text equals the
 * trace's endContent. Exit status: 0 when it does, 1 when it does not, 2 for bad arguments
 * or an unreadable trace. Without {@code --data-dir} the engine runs in a temporary
 * directory that is deleted afterwards. With {@code --kafka BOOTSTRAP} the module runs on
 * the Kafka runtime instead, as one engine instance against that cluster (namespace
 * {@code coedit-replay}, replication min(3, brokers)), its local state in the directory.
 */
@Command(name = "replay", sortOptions = false,
    description = "Replays an editing trace through the editor module and checks the final text.")
public final class ReplayCommand {
  /** Acks outstanding at once in a sequential replay. */
  private static final int WINDOW = 8192;

  @Parameters(index = "0", paramLabel = "FILE", description = "the trace (.json or .json.gz; ../shared/traces)")
  private Path file;

  @Option(names = "--data-dir", paramLabel = "DIR", description = "keep the engine's data here (default: a temporary directory)")
  private Path dataDir;

  @Option(names = "--partitions", paramLabel = "N", defaultValue = "4", description = "engine partitions (default 4)")
  private int partitions;

  @Option(names = "--kafka", paramLabel = "BOOTSTRAP", description = "run on the Kafka runtime against this cluster")
  private String kafka;

  @Option(names = {"--help", "-h"}, usageHelp = true, description = "this text")
  private boolean help;

  private ReplayCommand() {}

  public static void main(String[] args) {
    System.exit(run(args));
  }

  public static int run(String[] args) {
    return run(args, System.out, System.err);
  }

  public static int run(String[] args, PrintStream out, PrintStream err) {
    ReplayCommand c = new ReplayCommand();
    Integer exit = CommandLines.parse(c, args, out, err);
    if (exit != null) return exit;
    if (c.partitions < 1) return CommandLines.usageError(c, "--partitions must be at least 1", err);
    return c.replay(out, err);
  }

  private int replay(PrintStream out, PrintStream err) {
    Trace trace;
    try {
      trace = Traces.read(file);
    } catch (IOException | RuntimeException e) {
      err.println("replay: cannot read trace " + file + ": " + e.getMessage());
      return 2;
    }
    boolean temporary = dataDir == null;
    try {
      Path dir = temporary ? Files.createTempDirectory("coedit-replay-") : dataDir;
      try {
        EngineConfig config = EngineConfig.defaults(dir).withPartitions(partitions);
        String bootstrap = kafka;
        Supplier<Cluster> cluster = bootstrap == null ? () -> Engine.open(config)
            : () -> KafkaCluster.open(KafkaEngineConfig.sizedFor(bootstrap, "replay-"
                + ProcessHandle.current().pid(), dir.resolve("kafka-state"))
                .withNamespace("coedit-replay").withEngine(config));
        String runtime = bootstrap == null ? "fsync " + config.fsync() : "Kafka at " + bootstrap;
        return replay(file, trace, cluster, runtime, config.partitions(), out);
      } finally {
        if (temporary) deleteTree(dir);
      }
    } catch (IOException e) {
      err.println("replay: " + e.getMessage());
      return 2;
    }
  }

  private static int replay(Path file, Trace trace, Supplier<Cluster> open, String runtime,
      int partitions, PrintStream out) {
    String name = file.getFileName().toString().replaceAll("\\.json(\\.gz)?$", "");
    String base = "replay-" + name.replaceAll("[^A-Za-z0-9._~-]", "_");
    // A fresh document each run, so a reused data directory does not start from old text.
    String docId = base.substring(0, Math.min(100, base.length())) + "-"
        + Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 16);
    try (Cluster cluster = open.get();
        EngineDocumentService service = EngineDocumentService.launch(cluster, EditorConfig.defaults());
        Progress progress = Progress.start("replay", "txns", out)) {
      ReplayResult r = trace instanceof SequentialTrace s
          ? SequentialReplay.run(service, docId, s, WINDOW, progress)
          : ConcurrentReplay.run(service, docId, (ConcurrentTrace) trace, progress);
      progress.clear();
      out.printf(Locale.ROOT, "%s (%s, %d partitions, %s): %d submissions in %.2f s = %,.0f edits/s%n",
          file.getFileName(), trace instanceof SequentialTrace ? "sequential" : "concurrent",
          partitions, runtime, r.submissions(), r.nanos() / 1e9, r.editsPerSecond());
      if (r.stale() > 0) {
        out.printf(Locale.ROOT, "%,d submissions were made against an older version and transformed by the module%n", r.stale());
      }
      if (r.problem() == null) {
        out.printf(Locale.ROOT, "final text equals endContent: yes (%,d code points)%n",
            Texts.length(r.finalText()));
        return 0;
      }
      out.println("final text equals endContent: NO: " + r.problem());
      return 1;
    }
  }

  private static void deleteTree(Path dir) {
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete " + dir, e);
    }
  }
}
