package coedit.engine.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import coedit.engine.AckLevel;
import coedit.engine.CounterModule;
import coedit.engine.CounterModule.Incr;
import coedit.engine.Depot;
import coedit.engine.ModuleInstance;
import coedit.engine.Partitioner;
import coedit.engine.Proxy;
import coedit.engine.ProxyListener;
import coedit.engine.testing.TestKafka;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two engine instances in one JVM share a module's tasks: whichever instance a client uses,
 * appends are answered by the owner of their partition (across the node-to-node channel),
 * queries and reads run on the owner, and a watch on one instance hears changes made by the
 * other's task. When an instance leaves, the other takes its tasks over and the watch is
 * resynced, not silenced.
 */
class KafkaMultiInstanceTest {

  @Test
  void twoInstancesServeEveryPartitionFromEitherSideAndAWatchFollowsItsOwner(@TempDir Path dir)
      throws Exception {
    String ns = "multi-" + Long.toHexString(System.nanoTime());
    KafkaCluster a = KafkaCluster.open(config(ns, "a", dir.resolve("a")));
    KafkaCluster b = KafkaCluster.open(config(ns, "b", dir.resolve("b")));
    try {
      ModuleInstance ma = a.launch(new CounterModule());
      ModuleInstance mb = b.launch(new CounterModule());
      KafkaModule ka = (KafkaModule) ma;
      KafkaModule kb = (KafkaModule) mb;
      // The two instances split the four tasks once the rebalance settles.
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      while (!(owns(ka) > 0 && owns(kb) > 0 && owns(ka) + owns(kb) == 4)) {
        assertTrue(System.nanoTime() < deadline, "tasks never split: a " + owns(ka) + ", b " + owns(kb));
        Thread.sleep(50);
      }
      // A key on each partition; appends through a reach every owner, acks come back.
      List<String> keys = new ArrayList<>();
      for (int p = 0; p < 4; p++) {
        for (int i = 0; ; i++) {
          if (Partitioner.partition("k" + i, 4) == p) {
            keys.add("k" + i);
            break;
          }
        }
      }
      Depot<Incr> incrA = ma.depot("*incr");
      Depot<Incr> incrB = mb.depot("*incr");
      for (String k : keys) {
        assertEquals(5L, (Long) incrA.append(new Incr(k, 5, 1), AckLevel.ACK).ack("count"));
        assertEquals(7L, (Long) incrB.append(new Incr(k, 2, 2), AckLevel.ACK).ack("count"));
        // Read-after-ACK on both sides, whoever owns the key.
        assertEquals(List.of(7L, 2L), ma.query("summary").invoke(k));
        assertEquals(List.of(7L, 2L), mb.query("summary").invoke(k));
        assertEquals(List.of(1L, 2L), ma.<String, Long>list("$$log").range(k, 0, 10));
        assertEquals(7L, mb.<String, Long>map("$$counts").get(k));
      }
      // A key owned by b, watched from a.
      String remote = null;
      for (String k : keys) {
        if (kb.tasks.owned(Partitioner.partition(k, 4)) != null) {
          remote = k;
        }
      }
      List<Object> seen = Collections.synchronizedList(new ArrayList<>());
      Proxy<Long> watch = ma.<String, Long>map("$$counts").watch(remote, ProxyListener.of(
          (now, diff, old) -> seen.add(now), current -> seen.add("resync " + current)));
      assertEquals(7L, watch.initialValue());
      for (int i = 0; i < 20; i++) {
        incrB.append(new Incr(remote, 1, 10 + i), AckLevel.ACK);
      }
      awaitLast(seen, 27L);
      // Every change in order; a rebalance that moves the task meanwhile shows as a resync
      // carrying the value at the new owner, never as a gap or silence.
      ProxyOrder.assertInOrder(seen, 7L);
      // b leaves: a takes every task over; the watch is resynced, then updates go on.
      b.close();
      b = null;
      deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      while (owns(ka) < 4) {
        assertTrue(System.nanoTime() < deadline, "a never took the tasks over");
        Thread.sleep(50);
      }
      assertEquals(28L, (Long) incrA.append(new Incr(remote, 1, 99), AckLevel.ACK).ack("count"));
      awaitLast(seen, 28L);
      assertTrue(seen.contains("resync 27") || seen.contains("resync 28"), seen.toString());
      ProxyOrder.assertInOrder(seen, 7L);
      watch.close();
    } finally {
      if (b != null) {
        b.close();
      }
      a.close();
    }
  }

  private static int owns(KafkaModule m) {
    return m.servingPartitions().size();
  }


  private static void awaitLast(List<Object> seen, Object last) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (System.nanoTime() < deadline) {
      synchronized (seen) {
        if (!seen.isEmpty() && seen.get(seen.size() - 1).equals(last)) {
          return;
        }
      }
      Thread.sleep(10);
    }
    throw new AssertionError("never reached " + last + ": " + seen);
  }

  private static KafkaEngineConfig config(String ns, String node, Path state) {
    KafkaEngineConfig c = KafkaEngineConfig.defaults(TestKafka.bootstrap(), node, state)
        .singleBroker().withNamespace(ns);
    return c.withEngine(c.engine().withPartitions(4));
  }
}
