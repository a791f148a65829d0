package coedit.engine.kafka;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Counts the threads two node-to-node endpoints start for {@code N} pushes and {@code N}
 * calls after a warm-up, and prints {@code STARTED count}: run by {@link RpcThreadsTest} in
 * a JVM whose common pool has parallelism 1, as on a 2-core machine.
 */
public final class RpcThreadCount {
  static final int N = 100;

  private RpcThreadCount() {}

  public static void main(String[] args) throws Exception {
    try (Rpc a = new Rpc("127.0.0.1", 0); Rpc b = new Rpc("127.0.0.1", 0)) {
      CountDownLatch pushed = new CountDownLatch(N + 10);
      b.onPush("p", items -> items.forEach(i -> pushed.countDown()));
      b.onCall("c", x -> x);
      exchange(a, b, 10); // connections and pools up
      ThreadMXBean threads = ManagementFactory.getThreadMXBean();
      long before = threads.getTotalStartedThreadCount();
      exchange(a, b, N);
      if (!pushed.await(30, TimeUnit.SECONDS)) {
        throw new IllegalStateException("pushes lost: " + pushed.getCount() + " missing");
      }
      System.out.println("STARTED " + (threads.getTotalStartedThreadCount() - before));
    }
  }

  private static void exchange(Rpc a, Rpc b, int n) throws Exception {
    for (int i = 0; i < n; i++) {
      a.push(b.endpoint(), "p", i, to -> { });
      Rpc.Answer answer = a.call(b.endpoint(), "c", i, Duration.ofSeconds(5)).get(10, TimeUnit.SECONDS);
      if (!answer.ok() || !Integer.valueOf(i).equals(answer.value())) {
        throw new IllegalStateException("call " + i + " answered " + answer);
      }
    }
  }
}
