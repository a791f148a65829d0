package coedit.engine.kafka.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Free ports on 127.0.0.1 for processes that are stopped and started again on the same port
 * (local brokers, cluster nodes, test servers).
 *
 * <p>They are taken below the kernel's ephemeral range on purpose. A port the kernel handed
 * out for {@code bind(0)} lies inside that range, and once its listener closes, any outgoing
 * connection on the machine may get it as its local port; a restart on that port then fails
 * with "Address already in use". Outgoing connections never take a port below the range, so
 * only an explicit bind can. (A restart in the same process also needs the old listener
 * really gone: see {@code Rpc.close}.)
 */
public final class FreePorts {
  /** Lowest port handed out: above the usual fixed service ports. */
  static final int LOWEST = 20_000;
  /** Linux's default start of the ephemeral range, if the kernel's setting cannot be read. */
  private static final int DEFAULT_EPHEMERAL_LOW = 32_768;
  private static final Path EPHEMERAL_RANGE = Path.of("/proc/sys/net/ipv4/ip_local_port_range");

  private FreePorts() {}

  /**
   * {@code n} distinct ports, each free when this returns. All are held open until the end,
   * so one call never hands out a port twice; where to start is random, so that two callers
   * at once rarely probe the same ports.
   */
  public static int[] take(int n) {
    int span = ephemeralLow() - LOWEST;
    List<ServerSocket> held = new ArrayList<>();
    try {
      if (span < 4 * n) {
        // No room below the range: the kernel's choice is all there is.
        while (held.size() < n) held.add(new ServerSocket(0, 1, InetAddress.getLoopbackAddress()));
      } else {
        int start = ThreadLocalRandom.current().nextInt(span);
        for (int i = 0; i < span && held.size() < n; i++) {
          ServerSocket s = tryBind(LOWEST + (start + i) % span);
          if (s != null) held.add(s);
        }
        if (held.size() < n) {
          throw new IllegalStateException("only " + held.size() + " of " + n + " ports free between "
              + LOWEST + " and " + (LOWEST + span) + " on 127.0.0.1");
        }
      }
      return held.stream().mapToInt(ServerSocket::getLocalPort).toArray();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot find free ports on 127.0.0.1", e);
    } finally {
      for (ServerSocket s : held) {
        try {
          s.close();
        } catch (IOException ignored) {
          // closing a probe socket cannot matter
        }
      }
    }
  }

  /** First port of the kernel's ephemeral range (where {@code bind(0)} and connects draw from). */
  static int ephemeralLow() {
    try {
      // Line by line: Files.readString trusts the size /proc reports and reads one byte.
      String[] range = Files.readAllLines(EPHEMERAL_RANGE).get(0).trim().split("\\s+");
      return Integer.parseInt(range[0]);
    } catch (IOException | RuntimeException notLinux) {
      return DEFAULT_EPHEMERAL_LOW;
    }
  }

  private static ServerSocket tryBind(int port) {
    try {
      return new ServerSocket(port, 1, InetAddress.getLoopbackAddress());
    } catch (IOException taken) {
      return null;
    }
  }
}
