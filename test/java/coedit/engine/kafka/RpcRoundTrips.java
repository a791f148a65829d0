package coedit.engine.kafka;

import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;

/**
 * Times {@code N} sequential calls between two node-to-node endpoints after a warm-up and
 * prints {@code MEDIAN_MICROS m}: run by {@link RpcRoundTripTest} in a fresh JVM, as a
 * server node starts its endpoint.
 */
public final class RpcRoundTrips {
  static final int N = 40;

  private RpcRoundTrips() {}

  public static void main(String[] args) throws Exception {
    try (Rpc a = new Rpc("127.0.0.1", 0); Rpc b = new Rpc("127.0.0.1", 0)) {
      b.onCall("echo", x -> x);
      long[] micros = new long[N];
      for (int round = 0; round < 2; round++) { // the first round warms up
        for (int i = 0; i < N; i++) {
          long t0 = System.nanoTime();
          a.call(b.endpoint(), "echo", i, Duration.ofSeconds(5)).get(10, TimeUnit.SECONDS);
          micros[i] = (System.nanoTime() - t0) / 1000;
        }
      }
      Arrays.sort(micros);
      System.out.println("MEDIAN_MICROS " + micros[N / 2]);
    }
  }
}
