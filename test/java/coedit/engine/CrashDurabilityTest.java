package coedit.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import coedit.engine.embedded.Engine;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kill -9 under load, several rounds on one data directory. Invariant after each restart:
 * every acknowledged append (APPEND_ACK or ACK, direct or through a processor's append) is
 * in the PStates exactly once, and no record is applied twice (each id once in
 * {@code $$log}; {@code $$counts} equals the log size).
 */
class CrashDurabilityTest {

  private static final int PARTITIONS = 4;
  private static final int ROUNDS = 4;

  @TempDir
  Path dir;

  @Test
  void everyAcknowledgedAppendIsAppliedExactlyOnceAfterSigkill() throws Exception {
    Random random = new Random(42);
    Set<Long> acked = ConcurrentHashMap.newKeySet();
    for (int round = 0; round < ROUNDS; round++) {
      // Killed after a random number of acknowledgements plus a random delay: a moment in
      // its work, not a wall-clock time a loaded machine may not have reached.
      int acksThisRound = runAndKill(round, 1 + random.nextInt(2_000), random.nextInt(300), acked);
      assertTrue(acksThisRound > 0, "round " + round + " acknowledged nothing");
      check(acked, round);
    }
  }

  /**
   * Starts a child appending; once it has acknowledged {@code acksBeforeKill} appends, waits
   * {@code millis} more and kills it with SIGKILL. Returns the appends it acknowledged.
   */
  private int runAndKill(int round, int acksBeforeKill, int millis, Set<Long> acked) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process child = new ProcessBuilder(java, "-Xmx512m", "-cp", System.getProperty("java.class.path"),
        CrashChild.class.getName(), dir.toString(), String.valueOf(PARTITIONS),
        String.valueOf(round * 1_000_000_000L))
        .redirectError(ProcessBuilder.Redirect.DISCARD).start();
    CountDownLatch ready = new CountDownLatch(1);
    java.util.concurrent.atomic.AtomicInteger count = new java.util.concurrent.atomic.AtomicInteger();
    Thread reader = new Thread(() -> {
      try (BufferedReader in = new BufferedReader(
          new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
        String line;
        while ((line = in.readLine()) != null) {
          if (line.equals("READY")) {
            ready.countDown();
          } else if (line.startsWith("ACK ")) {
            acked.add(Long.parseLong(line.substring(4)));
            count.incrementAndGet();
          }
        }
      } catch (java.io.IOException e) {
        // The child died: everything it printed was read.
      }
    });
    reader.start();
    assertTrue(ready.await(60, TimeUnit.SECONDS), "child did not start");
    long deadline = System.currentTimeMillis() + 60_000;
    while (count.get() < acksBeforeKill && child.isAlive() && System.currentTimeMillis() < deadline) Thread.sleep(5);
    Thread.sleep(millis);
    child.destroyForcibly();
    child.waitFor();
    reader.join();
    return count.get();
  }

  private void check(Set<Long> acked, int round) {
    try (Cluster c = Engine.open(EngineConfig.defaults(dir).withPartitions(PARTITIONS))) {
      ModuleInstance m = c.launch(new CounterModule());
      // Records processors appended during the replay are processed right after it.
      m.awaitProcessed(java.time.Duration.ofSeconds(60));
      m.awaitProcessed(java.time.Duration.ofSeconds(60));
      Set<Long> applied = new HashSet<>();
      List<Long> duplicates = new ArrayList<>();
      for (int k = 0; k < 64; k++) {
        String key = "k" + k;
        List<Long> log = m.<String, Long>list("$$log").range(key, 0, Long.MAX_VALUE);
        for (Long id : log) {
          if (!applied.add(id)) {
            duplicates.add(id);
          }
        }
        Long count = m.<String, Long>map("$$counts").get(key);
        assertEquals(log.size(), count == null ? 0 : count, "round " + round + ": " + key);
        assertEquals(log.size(), m.sortedMap("$$byId").size(key), "round " + round + ": " + key);
      }
      assertEquals(List.of(), duplicates, "round " + round + ": applied twice");
      Set<Long> missing = new HashSet<>(acked);
      missing.removeAll(applied);
      assertEquals(Set.of(), missing, "round " + round + ": acknowledged but not applied");
      System.out.printf("crash round %d: %d acknowledged so far, %d applied%n", round,
          acked.size(), applied.size());
    }
  }
}
