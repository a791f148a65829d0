package coedit.tools.bench;

import coedit.editor.EditorConfig;
import coedit.editor.data.EditSubmission;
import coedit.editor.data.SubmitResult;
import coedit.ot.Change;
import coedit.tools.bench.EditorBenchmark.Result;
import coedit.tools.replay.TraceChanges;
import coedit.tools.trace.SequentialTrace;
import coedit.tools.trace.Traces;
import java.io.IOException;
import java.util.List;

/**
 * One writer that waits for each ACK before the next append: the first 20,000 edits of
 * automerge-paper (after 5,000 of warm-up on another document), fsync on. Every ack pays a
 * whole group commit, so this measures latency, not throughput.
 */
final class EditorLatencyBench {
  private static final int WARMUP = 5_000;
  private static final int EDITS = 20_000;

  private EditorLatencyBench() {}

  static List<Result> run() throws IOException {
    SequentialTrace trace = Traces.readSequential(EditorBenchSupport.trace("automerge-paper.json.gz"));
    try (EditorBenchSupport s = new EditorBenchSupport(4, EditorConfig.defaults())) {
      serial(s, "warm-up", trace, WARMUP);
      long start = System.nanoTime();
      long[] latencies = serial(s, "serial", trace, EDITS);
      double seconds = (System.nanoTime() - start) / 1e9;
      return List.of(
          new Result("serial", "edits/s", EDITS / seconds, "", true),
          new Result("serial", "ACK latency p50 (ms)", EditorBenchSupport.percentileMillis(latencies, 50), "", true),
          new Result("serial", "ACK latency p99 (ms)", EditorBenchSupport.percentileMillis(latencies, 99), "", true));
    }
  }

  private static long[] serial(EditorBenchSupport s, String docId, SequentialTrace trace, int n) {
    long[] latencies = new long[n];
    for (int i = 0; i < n; i++) {
      Change change = TraceChanges.of(trace.txns().get(i).patches());
      long t0 = System.nanoTime();
      SubmitResult r = s.editor.submit(new EditSubmission(docId, "writer", i, i, change)).join();
      latencies[i] = System.nanoTime() - t0;
      if (!(r instanceof SubmitResult.Accepted)) throw new IllegalStateException("edit " + i + ": " + r);
    }
    return latencies;
  }
}
