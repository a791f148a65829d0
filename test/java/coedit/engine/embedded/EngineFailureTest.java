package coedit.engine.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import coedit.engine.AckLevel;
import coedit.engine.Cluster;
import coedit.engine.CounterModule;
import coedit.engine.CounterModule.Incr;
import coedit.engine.Depot;
import coedit.engine.EngineConfig;
import coedit.engine.EngineException;
import coedit.engine.Health;
import coedit.engine.ModuleInstance;
import coedit.engine.storage.RocksStorage;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A failure the engine cannot recover from in-process (a storage write failing, an engine
 * thread dying) is announced once through onFailure and in health(), never left as a quiet
 * zombie; the data stays durable and a new engine on the same directory recovers it.
 */
class EngineFailureTest {

  @Test
  void aFailedStorageWriteFailsTheEngineOnceAndLoudlyAndARelaunchRecovers(@TempDir Path dir) throws Exception {
    EngineConfig config = EngineConfig.defaults(dir).withPartitions(2);
    List<FaultyStorage> storages = new CopyOnWriteArrayList<>();
    List<EngineException> heard = new CopyOnWriteArrayList<>();
    CountDownLatch failed = new CountDownLatch(1);
    try (EngineCluster engine = new EngineCluster(config, d -> {
      FaultyStorage s = new FaultyStorage(new RocksStorage(d));
      storages.add(s);
      return s;
    })) {
      engine.onFailure(e -> {
        heard.add(e);
        failed.countDown();
      });
      ModuleInstance m = engine.launch(new CounterModule());
      Depot<Incr> depot = m.depot("*incr");
      assertEquals(5L, (Long) depot.append(new Incr("a", 5, 1), AckLevel.ACK).ack("count"));
      assertEquals(Health.RUNNING, engine.health());

      storages.get(0).failWrites = true; // the disk is full
      EngineException e = assertThrows(EngineException.class, () -> depot.append(new Incr("a", 1, 2), AckLevel.ACK));
      assertTrue(e.getMessage().contains("No space left on device"), e.getMessage());
      assertTrue(failed.await(5, TimeUnit.SECONDS), "the failure listener was called");
      assertEquals(Health.State.FAILED, engine.health().state());
      assertEquals(Health.State.FAILED, m.health().state());
      assertTrue(engine.health().detail().contains("depot write failed"), engine.health().detail());

      storages.get(0).failWrites = false; // the disk has room again: the module stays failed
      assertThrows(EngineException.class, () -> depot.append(new Incr("a", 1, 3), AckLevel.ACK));
      assertThrows(EngineException.class, () -> m.map("$$counts").get("a"));
      engine.onFailure(heard::add); // a late listener hears it at once
      assertEquals(2, heard.size());
    }
    // A new engine on the same data recovers everything acknowledged before the fault.
    try (Cluster engine = new EngineCluster(config)) {
      ModuleInstance m = engine.launch(new CounterModule());
      assertEquals(5L, m.map("$$counts").get("a"));
      assertEquals(6L, (Long) m.<Incr>depot("*incr").append(new Incr("a", 1, 4), AckLevel.ACK).ack("count"));
    }
  }

  @Test
  void anOutOfMemoryErrorOnATaskThreadFailsTheEngineInsteadOfLeavingAZombieTask(@TempDir Path dir) throws Exception {
    CountDownLatch failed = new CountDownLatch(1);
    try (EngineCluster engine = new EngineCluster(EngineConfig.defaults(dir).withPartitions(4))) {
      engine.onFailure(e -> failed.countDown());
      ModuleInstance m = engine.launch(new CounterModule());
      Depot<Incr> depot = m.depot("*incr");
      depot.append(new Incr("b", 1, 1), AckLevel.ACK);
      // CounterModule throws an OutOfMemoryError for this amount (a processor running out of heap).
      assertThrows(EngineException.class, () -> depot.append(new Incr("b", CounterModule.OUT_OF_MEMORY, 2), AckLevel.ACK));
      assertTrue(failed.await(5, TimeUnit.SECONDS), "the engine failed");
      assertEquals(Health.State.FAILED, engine.health().state());
      assertTrue(engine.health().detail().contains("OutOfMemoryError"), engine.health().detail());
      // Not only that task's documents: the module refuses everything, so a supervisor acts.
      assertThrows(EngineException.class, () -> depot.append(new Incr("other", 1, 3), AckLevel.ACK));
    }
  }
}
