package coedit.tools.bench;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The editor module's benchmarks, each on a fresh engine with fsync on (group commit) in a
 * temporary directory. Traces are Joseph Gentle's editing-traces (automerge-paper prepared by
 * Martin Kleppmann), CC BY 4.0, read from ../shared/traces.
 *
 * <ul>
 *   <li>{@code pipelined}: automerge-paper, one writer, ACK appends pipelined; goal >= 100,000
 *       edits/s and the final text equal to endContent ({@link EditorPipelineBench});
 *   <li>{@code serial}: one writer, append -> ACK -> next: edits/s, latency p50/p99
 *       ({@link EditorLatencyBench});
 *   <li>{@code contended}: 64 documents x 4 writers with stale versions: throughput, ACK
 *       latency p50/p99 ({@link EditorContentionBench});
 *   <li>{@code docsize}: per-edit throughput on a 1,000,000 code point document; goal >= half
 *       that on a 1,000 one ({@link EditorDocSizeBench});
 *   <li>{@code rss}: resident memory after touching 10,000 documents of ~10 KB; goal < 1 GiB.
 *       Run it alone for a clean number ({@link EditorRssBench}).
 *   <li>{@code retention}: a document edited forever (100,000 edits) keeps at most
 *       2 · 1,000 history entries under --history-keep-versions 1000, and with the depot
 *       trimmed as a server trims it, a bounded number of depot records (not in the default
 *       set; {@link EditorRetentionBench}).
 * </ul>
 * Usage: {@code EditorBenchmark [pipelined|serial|contended|docsize|rss|retention ...]}
 * (default: all but retention, rss last). Exit status 1 when a goal is missed.
 */
public final class EditorBenchmark {
  private EditorBenchmark() {}

  /** One reported number. */
  record Result(String bench, String metric, double value, String goal, boolean met) {
    @Override
    public String toString() {
      return String.format(Locale.ROOT, "| %-10s | %-34s | %,14.2f | %-22s | %s |",
          bench, metric, value, goal, goal.isEmpty() ? "" : met ? "met" : "MISSED");
    }
  }

  public static void main(String[] args) throws IOException, InterruptedException {
    List<String> names = args.length == 0
        ? List.of("pipelined", "serial", "contended", "docsize", "rss") : List.of(args);
    List<Result> results = new ArrayList<>();
    System.out.println("Traces: Joseph Gentle's editing-traces (automerge-paper prepared by Martin Kleppmann), CC BY 4.0.");
    for (String name : names) {
      System.out.println("== " + name);
      List<Result> r = switch (name) {
        case "pipelined" -> EditorPipelineBench.run();
        case "serial" -> EditorLatencyBench.run();
        case "contended" -> EditorContentionBench.run();
        case "docsize" -> EditorDocSizeBench.run();
        case "rss" -> EditorRssBench.run();
        case "retention" -> EditorRetentionBench.run();
        default -> throw new IllegalArgumentException("unknown benchmark " + name
            + "; choose from pipelined, serial, contended, docsize, rss, retention");
      };
      r.forEach(System.out::println);
      results.addAll(r);
    }
    System.out.println("\n| bench | metric | value | goal | |\n|---|---|---|---|---|");
    results.forEach(System.out::println);
    if (results.stream().anyMatch(r -> !r.goal().isEmpty() && !r.met())) System.exit(1);
  }
}
