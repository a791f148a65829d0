package coedit.engine.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import coedit.engine.AckLevel;
import coedit.engine.CounterModule;
import coedit.engine.CounterModule.Incr;
import coedit.engine.EngineConfig;
import coedit.engine.ModuleInstance;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The engine's meters exist under their documented names and count what happened. */
class EngineMetricsTest {

  @Test
  void queueDepthBusyTimeGroupCommitsAndStorageSizeAreMeasured(@TempDir Path dir) {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    try (EngineCluster engine = new EngineCluster(EngineConfig.defaults(dir).withPartitions(2))) {
      ModuleInstance m = engine.launch(new CounterModule());
      engine.bindTo(registry); // after launch: the meters recorded so far show up too
      for (long id = 0; id < 200; id++) m.<Incr>depot("*incr").append(new Incr("k" + id % 5, 1, id), AckLevel.ACK);
      for (String p : new String[] {"0", "1"}) {
        assertEquals(0.0, registry.get("coedit.engine.queue.depth").tags("module", "counter", "partition", p).gauge().value(),
            "nothing waits once every ACK came back");
      }
      double busy = registry.get("coedit.engine.task.busy").tag("module", "counter").functionCounters().stream()
          .mapToDouble(c -> c.count()).sum();
      assertTrue(busy > 0, "the tasks were busy: " + busy);
      long commits = registry.get("coedit.engine.group.commit").tag("module", "counter").timer().count();
      assertTrue(commits > 0 && commits <= 200, "group commits: " + commits);
      assertEquals(200, registry.get("coedit.engine.group.commit.records").tag("module", "counter").summary().totalAmount(),
          "every record went through one group commit");
      assertTrue(registry.get("coedit.engine.storage.size").tag("module", "counter").gauge().value() > 0);
    }
  }
}
