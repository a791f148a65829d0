package coedit.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import coedit.engine.CounterModule.Incr;
import coedit.engine.embedded.Engine;
import coedit.tools.cli.RecomputeCommand;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What only durable storage can show: data outlives the engine, and its rules hold on reopen. */
class RocksEngineTest {

  @TempDir
  Path dir;

  private Cluster open(int partitions) {
    return Engine.open(EngineConfig.defaults(dir).withPartitions(partitions));
  }

  @Test
  void stateAndOffsetsSurviveCloseAndRelaunch() {
    try (Cluster c = open(4)) {
      Depot<Incr> incr = c.launch(new CounterModule()).depot("*incr");
      incr.append(new Incr("ann", 2, 1), AckLevel.ACK);
      incr.append(new Incr("ann", 3, 2), AckLevel.ACK);
    }
    try (Cluster c = open(4)) {
      ModuleInstance m = c.launch(new CounterModule());
      assertEquals(List.of(5L, 2L), m.query("summary").invoke("ann"));
      AppendResult r = m.<Incr>depot("*incr").append(new Incr("ann", 1, 3), AckLevel.ACK);
      assertEquals(2, r.offset());
      assertEquals(6L, (Long) r.ack("count"));
    }
  }

  @Test
  void reopeningWithAnotherPartitionCountIsAClearError() {
    try (Cluster c = open(4)) {
      c.launch(new CounterModule()).<Incr>depot("*incr").append(new Incr("a", 1, 1), AckLevel.ACK);
    }
    assertEquals(4, Engine.storedPartitions(dir, "counter"));
    try (Cluster c = open(8)) {
      EngineException e = assertThrows(EngineException.class, () -> c.launch(new CounterModule()));
      assertTrue(e.getMessage().contains("created with 4 partitions")
          && e.getMessage().contains("configured with 8"), e.getMessage());
    }
  }

  @Test
  void twoEnginesOnOneDirectoryIsAClearError() {
    try (Cluster first = open(2); Cluster second = open(2)) {
      first.launch(new CounterModule());
      EngineException e = assertThrows(EngineException.class,
          () -> second.launch(new CounterModule()));
      assertTrue(e.getMessage().contains("another engine"), e.getMessage());
    }
  }

  @Test
  void declaringNewPStatesLaterKeepsTheOldData() {
    try (Cluster c = open(2)) {
      c.launch(new CounterModule()).<Incr>depot("*incr").append(new Incr("a", 9, 1), AckLevel.ACK);
    }
    Module grown = new Module() {
      @Override
      public String name() {
        return "counter";
      }

      @Override
      public void define(ModuleBuilder b) {
        b.map("$$aNewOne", Codecs.string(), Codecs.string());
        new CounterModule().define(b);
      }
    };
    try (Cluster c = open(2)) {
      ModuleInstance m = c.launch(grown);
      assertEquals(9L, m.map("$$counts").get("a"));
      assertEquals(null, m.map("$$aNewOne").get("a"));
    }
  }

  @Test
  void theRecomputeCommandRebuildsFromTheDepots() {
    List<Object> before;
    try (Cluster c = open(3)) {
      ModuleInstance m = c.launch(new CounterModule());
      for (long id = 0; id < 300; id++) {
        m.<Incr>depot("*incr").appendAsync(new Incr("k" + id % 7, id % 5, id), AckLevel.ACK);
      }
      m.awaitProcessed(java.time.Duration.ofSeconds(10));
      before = EngineConformance.snapshot(m, 7);
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = RecomputeCommand.run(new String[] {dir.toString(), CounterModule.class.getName()},
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
    assertEquals(0, code, err.toString(StandardCharsets.UTF_8));
    assertTrue(out.toString(StandardCharsets.UTF_8).contains("done, 300 records"), out.toString());
    try (Cluster c = open(3)) {
      assertEquals(before, EngineConformance.snapshot(c.launch(new CounterModule()), 7));
    }
    assertEquals(2, RecomputeCommand.run(new String[] {dir.toString(), "no.such.Module"},
        new PrintStream(out), new PrintStream(err)));
    assertEquals(2, RecomputeCommand.run(new String[] {}, new PrintStream(out), new PrintStream(err)));
  }
}
