package coedit.engine.kafka;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * {@code bin/coedit bench rpc [calls=N] [pushes=N] [rate=R] [rounds=N]}: the node-to-node
 * endpoint between two instances in this JVM. Sequential calls (round trip, as a routed query
 * or read makes) and pushes sent at a steady rate (delivery latency, as ACK replies and
 * notices travel), with this process's CPU per message: both ends are in it, so the figure
 * is the whole cost of one message. The last of {@code rounds} rounds is reported; the
 * earlier ones warm the JVM.
 */
public final class RpcBench {

  private RpcBench() {}

  public static void main(String[] args) throws Exception {
    int calls = intArg(args, "calls", 3000);
    int pushes = intArg(args, "pushes", 3000);
    int rate = intArg(args, "rate", 1000);
    int rounds = intArg(args, "rounds", 6);
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
      for (int round = 1; round <= rounds; round++) {
        boolean last = round == rounds;
        long[] rtt = new long[calls];
        long cpu0 = os.getProcessCpuTime();
        for (int i = 0; i < calls; i++) {
          long t0 = System.nanoTime();
          Rpc.Answer answer = a.call(b.endpoint(), "echo", i, Duration.ofSeconds(5)).get(10, TimeUnit.SECONDS);
          rtt[i] = System.nanoTime() - t0;
          if (!answer.ok() || !Integer.valueOf(i).equals(answer.value())) {
            throw new IllegalStateException("call " + i + " answered " + answer);
          }
        }
        long callCpu = os.getProcessCpuTime() - cpu0;

        arrived[0] = new CountDownLatch(pushes);
        long gap = 1_000_000_000L / rate;
        cpu0 = os.getProcessCpuTime();
        long start = System.nanoTime();
        for (int i = 0; i < pushes; i++) {
          long due = start + i * gap;
          long wait = due - System.nanoTime();
          if (wait > 0) LockSupport.parkNanos(wait);
          sentAt.put(i, System.nanoTime());
          a.push(b.endpoint(), "p", i, to -> { });
        }
        if (!arrived[0].await(60, TimeUnit.SECONDS)) {
          throw new IllegalStateException("pushes lost: " + arrived[0].getCount());
        }
        long pushCpu = os.getProcessCpuTime() - cpu0;
        if (last) {
          System.out.printf("## node-to-node endpoint, two instances in one JVM (round %d of %d)%n", round, rounds);
          System.out.println("| what | messages | p50 ms | p99 ms | CPU per message (us, both ends) |");
          System.out.println("|---|---|---|---|---|");
          row("call (sequential round trip)", rtt, callCpu);
          row("push at " + rate + "/s (send -> handler)", delivered, pushCpu);
        }
      }
    }
  }

  private static void row(String what, long[] nanos, long cpu) {
    long[] s = nanos.clone();
    Arrays.sort(s);
    System.out.printf("| %s | %d | %.2f | %.2f | %.0f |%n", what, s.length, s[s.length / 2] / 1e6,
        s[(int) (s.length * 0.99)] / 1e6, cpu / 1e3 / s.length);
  }

  private static int intArg(String[] args, String key, int def) {
    for (String a : args) {
      if (a.startsWith(key + "=")) {
        try {
          int v = Integer.parseInt(a.substring(key.length() + 1));
          if (v < 1) throw new NumberFormatException();
          return v;
        } catch (NumberFormatException e) {
          throw new IllegalArgumentException(key + " must be a positive whole number: " + a);
        }
      }
      if (!a.contains("=")) throw new IllegalArgumentException("expected key=value, got: " + a);
    }
    return def;
  }
}
