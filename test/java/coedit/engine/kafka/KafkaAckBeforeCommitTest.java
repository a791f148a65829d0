package coedit.engine.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import coedit.engine.AckLevel;
import coedit.engine.CounterModule;
import coedit.engine.CounterModule.Incr;
import coedit.engine.Depot;
import coedit.engine.EngineException;
import coedit.engine.ModuleInstance;
import coedit.engine.Partitioner;
import coedit.engine.testing.TestKafka;
import coedit.tools.kafka.ChildJvm;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The rule that lets an ACK go out before the owner's transaction commits, pinned with a
 * death that always lands inside the transaction. The victim instance (its own JVM, see
 * {@link CounterInstance}) owns half the tasks; the survivor (this JVM) appends through it
 * with ACK, then has the victim append one more record and halt on its stream thread the
 * moment that record's ACK is given, before any commit can follow. The victim's transaction
 * is aborted, so the survivor must process that record again (and whatever else the victim
 * had not committed), and it does so slowly, 100 ms a record: a read answered before it has
 * caught up would miss acknowledged effects. The gate ({@link TaskState}) must hold every
 * read until the new owner has processed past where the partitions ended at takeover.
 *
 * <p>Checked: the first answer of every read after the death shows every acknowledged
 * effect; the survivor processed the last record again (its ACK was given before a commit);
 * every effect is applied exactly once, including records a topology appended (forwarded
 * across partitions; those were committed before the death, since a forwarded record is
 * only read once its transaction commits). With the gate removed the first reads miss effects. Tagged slow: under a
 * minute.
 */
@Tag("slow")
class KafkaAckBeforeCommitTest {

  private static final int PER_KEY = 4;

  @Test
  void anAckGivenBeforeTheOwnerCommitsIsReadOnTheNextOwnerFirstTimeAndAppliedOnce(
      @TempDir Path dir) throws Exception {
    String ns = "ackcommit-" + Long.toHexString(System.nanoTime());
    String bootstrap = TestKafka.bootstrap();
    Process victim = ChildJvm.start(List.of("-Xmx512m"), List.of(CounterInstance.class.getName(),
        bootstrap, ns, dir.resolve("victim").toString()), dir.resolve("victim.err"), true);
    BlockingQueue<String> said = ChildJvm.lines(victim);
    KafkaCluster survivor = null;
    try {
      // The survivor starts while the victim's JVM does; they settle on a split of the tasks.
      // Records the survivor's count topology sees (key/id), and slows it down on demand.
      Set<String> processedHere = ConcurrentHashMap.newKeySet();
      AtomicBoolean slow = new AtomicBoolean();
      survivor = KafkaCluster.open(CounterInstance.config(bootstrap, ns, "survivor",
          dir.resolve("survivor")));
      ModuleInstance m = survivor.launch(new CounterModule("counter", r -> {
        processedHere.add(r.value().key() + "/" + r.value().id());
        if (slow.get()) {
          sleep(100);
        }
      }));
      String ready = said.poll(120, TimeUnit.SECONDS);
      assertTrue(ready != null && ready.startsWith("READY "), "victim: " + ready);
      List<Integer> victims = awaitSettledSplit((KafkaModule) m);

      // Two keys on each of the victim's partitions; every record is appended with ACK
      // through the survivor, so the victim processes and answers it across instances.
      Depot<Incr> incr = m.depot("*incr");
      Depot<Incr> forward = m.depot("*forward");
      Map<String, Long> counts = new TreeMap<>();
      Map<String, List<Long>> logs = new TreeMap<>();
      long id = 0;
      for (String key : keysOn(victims, 2)) {
        for (int i = 0; i < PER_KEY; i++) {
          id++;
          long now = (Long) incr.append(new Incr(key, id, id), AckLevel.ACK).ack("count");
          counts.merge(key, id, Long::sum);
          logs.computeIfAbsent(key, k -> new ArrayList<>()).add(id);
          assertEquals(counts.get(key), now, "the victim's ACK value");
        }
        // A topology's append: forward runs on the id's partition, which must be the
        // victim's too, and re-appends to *incr in the victim's transaction.
        do {
          id++;
        } while (!victims.contains(Partitioner.partition(id, 4)));
        assertEquals("forwarded", forward.append(new Incr(key, 1000, id), AckLevel.ACK)
            .ack("forward"));
        counts.merge(key, 1000L, Long::sum);
        logs.get(key).add(id);
      }
      // Every effect is visible through the victim before it dies (a forwarded record is
      // processed after its ACK, so wait for those).
      for (String key : counts.keySet()) {
        List<Long> expected = List.of(counts.get(key), (long) logs.get(key).size());
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!m.query("summary").invoke(key).equals(expected)) {
          assertTrue(System.nanoTime() < deadline, "forwarded records never arrived at " + key);
          sleep(20);
        }
      }
      // One more ACKed record per key right before the death: the victim commits every
      // 5 s, so these are most likely still in its open transaction too.
      for (String key : counts.keySet()) {
        id++;
        incr.append(new Incr(key, id, id), AckLevel.ACK);
        counts.merge(key, id, Long::sum);
        logs.get(key).add(id);
      }
      Set<String> ours = new TreeSet<>();
      logs.forEach((key, ids) -> ids.forEach(i -> ours.add(key + "/" + i)));
      Set<String> early = new TreeSet<>(ours);
      early.retainAll(processedHere);
      assertEquals(Set.of(), early, "the survivor processed these before the kill: the split moved");

      // The last record: acknowledged by the victim, which dies on the spot, uncommitted.
      slow.set(true);
      String last = counts.keySet().iterator().next();
      long lastId = ++id;
      long died = System.nanoTime();
      victim.getOutputStream().write(("halt " + last + " 5 " + lastId + "\n")
          .getBytes(StandardCharsets.UTF_8));
      victim.getOutputStream().flush();
      String halted = said.poll(60, TimeUnit.SECONDS);
      counts.merge(last, 5L, Long::sum);
      logs.get(last).add(lastId);
      assertEquals("HALTED " + counts.get(last), halted, "the victim's last words");
      assertTrue(victim.waitFor(30, TimeUnit.SECONDS), "the victim did not die");
      ours.add(last + "/" + lastId);

      // The first answer for each key, from the new owner, must already hold every
      // acknowledged effect: no read may be served from a task still catching up.
      for (String key : counts.keySet()) {
        List<Long> expected = List.of(counts.get(key), (long) logs.get(key).size());
        assertEquals(expected, firstAnswer(m, key, died), "first read of " + key
            + " after its owner died");
      }
      Set<String> redone = new TreeSet<>(ours);
      redone.retainAll(processedHere);
      System.out.println("ack-before-commit: every read complete " + (System.nanoTime() - died)
          / 1_000_000 + " ms after the death; " + redone.size() + " of " + ours.size()
          + " acknowledged records were uncommitted and processed again");
      assertTrue(redone.contains(last + "/" + lastId), "the last record was not processed"
          + " again, so its ACK did not come before a commit: " + redone);
      // Exactly once: each id in the log once, and the counts (the reads above already
      // waited for everything the survivor had to process again).
      for (String key : counts.keySet()) {
        assertEquals(logs.get(key), m.<String, Long>list("$$log").range(key, 0, 100), key);
        assertEquals(counts.get(key), m.<String, Long>map("$$counts").get(key), key);
      }
    } finally {
      victim.destroyForcibly().waitFor();
      if (survivor != null) {
        survivor.close();
      }
    }
  }

  /** Retries while the partition has no serving owner; returns the first answer given. */
  private static Object firstAnswer(ModuleInstance m, String key, long since) {
    while (true) {
      try {
        return m.query("summary").invoke(key);
      } catch (EngineException e) {
        if (System.nanoTime() - since > TimeUnit.SECONDS.toNanos(90)) {
          throw e;
        }
        sleep(20);
      }
    }
  }

  /**
   * Waits until the survivor serves a stable share of the four tasks (the same ones for two
   * seconds); returns the partitions it does not own, the victim's.
   */
  private static List<Integer> awaitSettledSplit(KafkaModule m) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
    List<Integer> last = null;
    long since = System.nanoTime();
    while (true) {
      Set<Integer> serving = m.servingPartitions();
      List<Integer> others = new ArrayList<>();
      for (int p = 0; p < 4; p++) {
        if (!serving.contains(p)) {
          others.add(p);
        }
      }
      if (!others.equals(last)) {
        last = others;
        since = System.nanoTime();
      } else if (!others.isEmpty() && others.size() < 4
          && System.nanoTime() - since > TimeUnit.SECONDS.toNanos(2)) {
        return others;
      }
      if (System.nanoTime() > deadline) {
        fail("the two instances never settled on a split of the tasks: survivor lacks " + others);
      }
      sleep(50);
    }
  }

  /** {@code n} keys on each of {@code partitions}. */
  private static List<String> keysOn(List<Integer> partitions, int n) {
    List<String> keys = new ArrayList<>();
    for (int p : partitions) {
      int found = 0;
      for (int i = 0; found < n; i++) {
        if (Partitioner.partition("k" + i, 4) == p) {
          keys.add("k" + i);
          found++;
        }
      }
    }
    return keys;
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
