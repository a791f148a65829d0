package coedit.engine.kafka.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Arrays;
import org.junit.jupiter.api.RepeatedTest;

/**
 * Ports for processes that restart on the same port: distinct, free, and outside the range
 * the kernel gives outgoing connections (so none of those can take one in between).
 */
class FreePortsTest {

  @RepeatedTest(5)
  void portsAreDistinctFreeAndBelowTheEphemeralRange() throws Exception {
    int[] ports = FreePorts.take(8);
    assertEquals(8, Arrays.stream(ports).distinct().count(), Arrays.toString(ports));
    for (int p : ports) {
      assertTrue(p >= FreePorts.LOWEST && p < FreePorts.ephemeralLow(),
          p + " is not below the ephemeral range starting at " + FreePorts.ephemeralLow());
      try (ServerSocket s = new ServerSocket(p, 1, InetAddress.getLoopbackAddress())) {
        assertEquals(p, s.getLocalPort());
      }
    }
  }

  @RepeatedTest(3)
  void aPortInUseIsNotHandedOut() throws Exception {
    try (ServerSocket busy = new ServerSocket(FreePorts.take(1)[0], 1, InetAddress.getLoopbackAddress())) {
      for (int i = 0; i < 20; i++) {
        for (int p : FreePorts.take(50)) {
          assertTrue(p != busy.getLocalPort(), "handed out " + p + ", which is in use");
        }
      }
    }
  }
}
