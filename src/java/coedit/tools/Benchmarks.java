package coedit.tools;

import coedit.tools.bench.ClusterBench;
import coedit.tools.bench.EditorBenchmark;
import coedit.tools.bench.EngineBench;
import coedit.tools.bench.KafkaBench;
import coedit.tools.bench.LoadBenchmark;
import coedit.tools.bench.OtApplyBenchmark;
import coedit.tools.bench.RobustnessBench;
import coedit.tools.bench.RpcBenchmark;
import coedit.tools.bench.StaleSubmissionBench;
import java.util.Arrays;
import java.util.List;

/**
 * {@code bin/coedit bench [NAME [ARGS...]]}: runs one benchmark, or all of them in order.
 * Each prints its own table; docs/benchmarks.md records the numbers and the goals.
 */
final class Benchmarks {
  private static final List<String> ALL = List.of("ot", "stale", "engine", "editor", "load", "robustness");

  private Benchmarks() {}

  static int run(String[] args) throws Exception {
    if (args.length == 0 || args[0].equals("all")) {
      for (String name : ALL) {
        System.out.println("=== bench " + name);
        run(name, new String[0]);
      }
      return 0;
    }
    return run(args[0], Arrays.copyOfRange(args, 1, args.length));
  }

  private static int run(String name, String[] args) throws Exception {
    switch (name) {
      case "ot" -> OtApplyBenchmark.main(args);
      case "stale" -> StaleSubmissionBench.main(args);
      case "engine" -> EngineBench.main(args);
      case "editor" -> EditorBenchmark.main(args);
      case "load" -> LoadBenchmark.main(args);
      case "robustness" -> RobustnessBench.main(args);
      case "kafka" -> KafkaBench.main(args);
      case "cluster" -> ClusterBench.main(args);
      case "rpc" -> RpcBenchmark.main(args);
      default -> {
        System.err.println("unknown benchmark: " + name + " (one of " + ALL + ", kafka, cluster, rpc, or all)");
        return 2;
      }
    }
    return 0;
  }
}
