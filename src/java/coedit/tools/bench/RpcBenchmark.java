package coedit.tools.bench;

import coedit.engine.kafka.RpcBench;
import java.util.Arrays;

/**
 * {@code bin/coedit bench rpc [calls=N] [pushes=N] [rate=R] [rounds=N]}: the node-to-node
 * endpoint between two instances in one JVM ({@link RpcBench}), as a table: sequential
 * calls, pushes at {@code rate} a second, p50/p99 and CPU per message for both ends.
 * Defaults 3,000 calls, 3,000 pushes at 1,000/s, the last of 6 rounds reported.
 */
public final class RpcBenchmark {

  private RpcBenchmark() {}

  public static void main(String[] args) throws Exception {
    BenchArgs o = BenchArgs.parse(args);
    int calls = positive(o, "calls", 3000);
    int pushes = positive(o, "pushes", 3000);
    int rate = positive(o, "rate", 1000);
    int rounds = positive(o, "rounds", 6);
    RpcBench.Figures f = RpcBench.measure(calls, pushes, rate, rounds);
    System.out.printf("## node-to-node endpoint, two instances in one JVM (round %d of %d)%n", rounds, rounds);
    System.out.println("| what | messages | p50 ms | p99 ms | CPU per message (us, both ends) |");
    System.out.println("|---|---|---|---|---|");
    row("call (sequential round trip)", f.callNanos(), f.callCpuNanos());
    row("push at " + rate + "/s (send -> handler)", f.pushNanos(), f.pushCpuNanos());
  }

  private static int positive(BenchArgs o, String key, int fallback) {
    int v = o.num(key, fallback);
    if (v < 1) throw new IllegalArgumentException(key + " must be at least 1, not " + v);
    return v;
  }

  private static void row(String what, long[] nanos, long cpu) {
    long[] s = nanos.clone();
    Arrays.sort(s);
    System.out.printf("| %s | %d | %.2f | %.2f | %.0f |%n", what, s.length, s[s.length / 2] / 1e6,
        s[(int) (s.length * 0.99)] / 1e6, cpu / 1e3 / s.length);
  }
}
