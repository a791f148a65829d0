package coedit.engine.kafka;

import java.util.Arrays;

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
      RpcBench.callRoundTrips(a, b, N); // warms up
      long[] nanos = RpcBench.callRoundTrips(a, b, N);
      Arrays.sort(nanos);
      System.out.println("MEDIAN_MICROS " + nanos[N / 2] / 1000);
    }
  }
}
