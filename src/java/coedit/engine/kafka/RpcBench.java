package coedit.engine.kafka;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The measurement behind {@code bin/coedit bench rpc} ({@code coedit.tools.bench.RpcBenchmark}
 * reads the arguments and prints): the node-to-node endpoint between two instances in this
 * JVM. Sequential calls (round trip, as a routed query or read makes) and pushes sent at a
 * steady rate (delivery latency, as ACK replies and notices travel), with this process's
 * CPU: both ends are in it, so the figure is the whole cost of a message. The last of
 * {@code rounds} rounds is returned; the earlier ones warm the JVM.
 */
public final class RpcBench {

  /** Per-message latencies in nanoseconds, and the process CPU each batch of messages took. */
  public record Figures(long[] callNanos, long callCpuNanos, long[] pushNanos, long pushCpuNanos) {}

  private RpcBench() {}

  public static Figures measure(int calls, int pushes, int rate, int rounds) throws Exception {
    var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    try (Rpc a = new Rpc("127.0.0.1", 0); Rpc b = new Rpc("127.0.0.1", 0)) {
      b.onCall("echo", x -> x);
      ConcurrentHashMap<Integer, Long> sentAt = new ConcurrentHashMap<>();
      long[] delivered = new long[pushes];
      CountDownLatch[] arrived = new CountDownLatch[1];
      b.onPush("p", items -> {
        long now = System.nanoTime();
        for (Object i : items) {
          int n = (Integer) i;
          delivered[n] = now - sentAt.remove(n);
          arrived[0].countDown();
        }
      });
      Figures last = null;
      for (int round = 1; round <= rounds; round++) {
        long cpu0 = os.getProcessCpuTime();
        long[] rtt = callRoundTrips(a, b, calls);
        long callCpu = os.getProcessCpuTime() - cpu0;

        arrived[0] = new CountDownLatch(pushes);
        long gap = 1_000_000_000L / rate;
        cpu0 = os.getProcessCpuTime();
        long start = System.nanoTime();
        for (int i = 0; i < pushes; i++) {
          long wait = start + i * gap - System.nanoTime();
          if (wait > 0) LockSupport.parkNanos(wait);
          sentAt.put(i, System.nanoTime());
          a.push(b.endpoint(), "p", i, to -> { });
        }
        if (!arrived[0].await(60, TimeUnit.SECONDS)) {
          throw new IllegalStateException("pushes lost: " + arrived[0].getCount());
        }
        last = new Figures(rtt, callCpu, delivered.clone(), os.getProcessCpuTime() - cpu0);
      }
      return last;
    }
  }

  /**
   * Round trips in nanoseconds of {@code n} sequential calls from {@code a} to {@code b}'s
   * {@code echo} handler, each checked to come back with what was sent.
   */
  static long[] callRoundTrips(Rpc a, Rpc b, int n) throws Exception {
    long[] rtt = new long[n];
    for (int i = 0; i < n; i++) {
      long t0 = System.nanoTime();
      Rpc.Answer answer = a.call(b.endpoint(), "echo", i, Duration.ofSeconds(5)).get(10, TimeUnit.SECONDS);
      rtt[i] = System.nanoTime() - t0;
      if (!answer.ok() || !Integer.valueOf(i).equals(answer.value())) {
        throw new IllegalStateException("call " + i + " answered " + answer);
      }
    }
    return rtt;
  }
}
