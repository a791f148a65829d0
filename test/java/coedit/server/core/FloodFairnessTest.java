package coedit.server.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import coedit.editor.EditorConfig;
import coedit.editor.EngineDocumentService;
import coedit.editor.data.EditSubmission;
import coedit.editor.data.SubmitResult;
import coedit.engine.FsyncPolicy;
import coedit.engine.embedded.InProcessCluster;
import coedit.ot.Change;
import coedit.ot.Insert;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * A document flooded by one client does not stall the other documents on its partition:
 * the flood waits in its own lane, so a neighbour's submission is processed after at most
 * a lane's worth of the flood's records, not after all of them.
 */
class FloodFairnessTest {

  @Test
  void aNeighbourOfAFloodedDocumentWaitsBehindAtMostALaneOfIt() {
    try (InProcessCluster cluster = InProcessCluster.create(c -> c.withPartitions(1).withFsync(FsyncPolicy.NEVER));
        EngineDocumentService editor = EngineDocumentService.launch(cluster, EditorConfig.defaults())) {
      SubmitGate gate = new SubmitGate(editor, 16, 10_000);
      int flood = 4_000;
      AtomicInteger floodDone = new AtomicInteger();
      List<CompletableFuture<SubmitResult.Accepted>> flooded = new ArrayList<>();
      // One client pipelines 4,000 submissions into "busy" without waiting for any ack.
      for (int seq = 0; seq < flood; seq++) {
        CompletableFuture<SubmitResult.Accepted> f = gate.submit(new EditSubmission("busy", "flooder", seq, 0,
            Change.of(new Insert(0, "flood " + seq + " "))));
        f.whenComplete((a, e) -> floodDone.incrementAndGet());
        flooded.add(f);
      }
      // Meanwhile a neighbour on the same (only) partition types ten characters, one at a time.
      int worst = 0;
      for (int v = 0; v < 10; v++) {
        // Both ends from the engine's side: the flood records already processed (a read on
        // the task), and the flood acks completed when the neighbour's own ack completes.
        // Counting acks on this thread instead raced with their delivery: acks of records
        // processed before the neighbour was queued could land after it and be counted.
        long before = editor.read("busy").version();
        AtomicInteger doneAtAck = new AtomicInteger();
        SubmitResult.Accepted a = gate.submit(new EditSubmission("quiet", "neighbour", v, v,
            Change.of(new Insert(v, "q")))).whenComplete((r, e) -> doneAtAck.set(floodDone.get())).join();
        assertEquals(v + 1, a.version());
        worst = (int) Math.max(worst, doneAtAck.get() - before);
      }
      assertTrue(worst <= 3 * 16, "the neighbour waited behind " + worst + " flood records (a lane is 16)");
      assertTrue(floodDone.get() < flood, "the flood was still going while the neighbour typed");
      CompletableFuture.allOf(flooded.toArray(CompletableFuture[]::new)).join();
      assertEquals(flood, editor.read("busy").version(), "every flood submission applied, in order");
    }
  }

  @Test
  void aFullLaneRefusesWithUnavailableAndAppliesNothingOfTheRefused() {
    try (InProcessCluster cluster = InProcessCluster.create(c -> c.withPartitions(1).withFsync(FsyncPolicy.NEVER));
        EngineDocumentService editor = EngineDocumentService.launch(cluster, EditorConfig.defaults())) {
      SubmitGate gate = new SubmitGate(editor, 1, 2);
      List<CompletableFuture<SubmitResult.Accepted>> all = new ArrayList<>();
      for (int seq = 0; seq < 50; seq++) {
        all.add(gate.submit(new EditSubmission("d", "c", seq, 0, Change.of(new Insert(0, "x")))));
      }
      long refused = all.stream().filter(f -> {
        try {
          f.join();
          return false;
        } catch (RuntimeException e) {
          assertEquals("unavailable", SubmitGate.failure(e).code());
          return true;
        }
      }).count();
      assertTrue(refused > 0, "some were refused");
      assertEquals(50 - refused, editor.read("d").version());
    }
  }
}
