package coedit.engine.kafka;

import coedit.engine.AckLevel;
import coedit.engine.CounterModule;
import coedit.engine.CounterModule.Incr;
import coedit.engine.ModuleInstance;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;

/**
 * An engine instance of the counter module in its own JVM, for tests that kill one. Prints
 * {@code READY endpoint} once its tasks serve, then reads commands from stdin:
 * {@code halt KEY AMOUNT ID} appends {@code Incr(KEY, AMOUNT, ID)} with ACK through this
 * instance and dies the moment the ACK is given. When this instance owns the key, the
 * acknowledgement completes on the stream thread that processed the record, which prints
 * {@code HALTED count} and halts the JVM there (no shutdown hooks, nothing closed, as a
 * SIGKILL): no commit can come between the ACK and the death, so the record is always
 * acknowledged and uncommitted. (An ACK from another owner prints
 * {@code NOT-ON-STREAM-THREAD} before the halt.) Usage: {@code CounterInstance BOOTSTRAP NAMESPACE STATE_DIR}.
 */
public final class CounterInstance {
  private CounterInstance() {}

  public static void main(String[] args) throws IOException {
    // Commits every 5 s (the transaction timeout allows no more), so what it processed in
    // the seconds before its death is usually uncommitted too.
    KafkaCluster cluster = KafkaCluster.open(config(args[0], args[1], "victim", Path.of(args[2]))
        .withCommitInterval(Duration.ofSeconds(5)));
    ModuleInstance m = cluster.launch(new CounterModule());
    System.out.println("READY " + cluster.endpoint());
    System.out.flush();
    BufferedReader in = new BufferedReader(new InputStreamReader(System.in,
        StandardCharsets.UTF_8));
    String line;
    while ((line = in.readLine()) != null) {
      String[] w = line.split(" ");
      if (w.length == 4 && w[0].equals("halt")) {
        m.<Incr>depot("*incr").appendAsync(new Incr(w[1], Long.parseLong(w[2]),
            Long.parseLong(w[3])), AckLevel.ACK).thenAccept(r -> {
              String thread = Thread.currentThread().getName();
              System.out.println(thread.contains("StreamThread")
                  ? "HALTED " + r.ack("count")
                  : "NOT-ON-STREAM-THREAD " + thread);
              System.out.flush();
              Runtime.getRuntime().halt(137);
            });
      } else {
        System.out.println("UNKNOWN " + line);
      }
    }
  }

  /** One broker, four partitions, no standby: a takeover restores from the changelog. */
  static KafkaEngineConfig config(String bootstrap, String ns, String node, Path state) {
    KafkaEngineConfig c = KafkaEngineConfig.defaults(bootstrap, node, state).singleBroker()
        .withNamespace(ns);
    return c.withEngine(c.engine().withPartitions(4));
  }
}
