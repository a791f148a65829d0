package coedit.engine.kafka;

import static org.junit.jupiter.api.Assertions.assertTrue;

import coedit.tools.kafka.ChildJvm;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A node-to-node call is not held back by Nagle's algorithm. Over HTTP the JDK HttpServer
 * wrote a response's headers and body separately with Nagle on, so the body waited for the
 * caller's delayed ACK and every call, and every push batch (ACK replies, notices), took
 * 40 ms (median 45 ms in this test). Not a speed target: a round trip at the delayed-ACK
 * timer is a stall, and 20 ms is far above a working call on any machine. Run in a fresh
 * JVM, as a server node starts its endpoint.
 */
class RpcRoundTripTest {

  @Test
  void aCallIsNotHeldForTheDelayedAck(@TempDir Path dir) throws Exception {
    Path log = dir.resolve("child.err");
    Process p = ChildJvm.start(List.of(), List.of(RpcRoundTrips.class.getName()), log, true);
    try {
      String median = ChildJvm.awaitLine(p, "MEDIAN_MICROS ", Duration.ofSeconds(60)).get(60, TimeUnit.SECONDS);
      long micros = Long.parseLong(median);
      assertTrue(micros < 20_000, "median call round trip " + micros + " us over "
          + RpcRoundTrips.N + " calls; " + Files.readString(log));
    } finally {
      p.destroyForcibly().waitFor();
    }
  }
}
