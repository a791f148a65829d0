package coedit.server.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import coedit.editor.DocumentService;
import coedit.editor.EditorConfig;
import coedit.editor.EngineDocumentService;
import coedit.editor.ForwardingDocumentService;
import coedit.editor.data.EditSubmission;
import coedit.editor.data.SubmitResult;
import coedit.engine.FsyncPolicy;
import coedit.engine.embedded.InProcessCluster;
import coedit.ot.Change;
import coedit.ot.Insert;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
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
        EngineDocumentService engine = EngineDocumentService.launch(cluster, EditorConfig.defaults())) {
      int flood = 4_000;
      EditorDoor editor = new EditorDoor(engine, "busy", flood);
      SubmitGate gate = new SubmitGate(editor, 16, 10_000);
      List<CompletableFuture<SubmitResult.Accepted>> flooded = new ArrayList<>();
      // One client pipelines 4,000 submissions into "busy" without waiting for any ack.
      for (int seq = 0; seq < flood; seq++) {
        CompletableFuture<SubmitResult.Accepted> f = gate.submit(new EditSubmission("busy", "flooder", seq, 0,
            Change.of(new Insert(0, "flood " + seq + " "))));
        flooded.add(f);
      }
      // Meanwhile a neighbour on the same (only) partition types ten characters, one at a time.
      for (int v = 0; v < 10; v++) {
        SubmitResult.Accepted a = gate.submit(new EditSubmission("quiet", "neighbour", v, v,
            Change.of(new Insert(v, "q")))).join();
        assertEquals(v + 1, a.version());
      }
      // The partition is first in, first out, so what the neighbour waited behind is what of
      // the flood was at the editor, unanswered, when the neighbour's submission reached it;
      // counted at the editor's door under one lock, so no delivery race can inflate it.
      assertEquals(10, editor.othersSeen(), "every neighbour submission went through the door");
      assertTrue(editor.worstAhead() <= 16,
          "the neighbour waited behind " + editor.worstAhead() + " flood records (a lane is 16)");
      assertTrue(editor.floodUnfinishedWhenAnotherArrived(), "the flood was still going when the neighbour typed");
      CompletableFuture.allOf(flooded.toArray(CompletableFuture[]::new)).join();
      assertEquals(flood, engine.read("busy").version(), "every flood submission applied, in order");
    }
  }

  /**
   * The editor seen from the gate: counts one document's submissions handed to the editor
   * and answered by it, and for every other document's submission records how many of that
   * document's were at the editor, unanswered, when it arrived. The flood's
   * {@link #HELD_AT}th submission waits at the door until another document's has arrived,
   * so however the threads are scheduled the neighbour starts typing mid-flood.
   */
  private static final class EditorDoor extends ForwardingDocumentService {
    static final int HELD_AT = 100;
    private final String flooded;
    private final int floodSize;
    private final CountDownLatch otherArrived = new CountDownLatch(1);
    private int sent;
    private int answered;
    private int worstAhead;
    private int othersSeen;
    private boolean floodUnfinishedWhenAnotherArrived;

    EditorDoor(DocumentService editor, String flooded, int floodSize) {
      super(editor);
      this.flooded = flooded;
      this.floodSize = floodSize;
    }

    @Override
    public CompletableFuture<SubmitResult> submit(EditSubmission s) {
      boolean isFlood = s.docId().equals(flooded);
      if (isFlood && s.seq() == HELD_AT) awaitOther();
      synchronized (this) {
        if (isFlood) {
          sent++;
        } else {
          othersSeen++;
          worstAhead = Math.max(worstAhead, sent - answered);
          if (othersSeen == 1) floodUnfinishedWhenAnotherArrived = answered < floodSize;
          otherArrived.countDown();
        }
        // Handed to the editor inside the lock, so the partition's order is the door's order.
        CompletableFuture<SubmitResult> answer = editor.submit(s);
        if (!isFlood) return answer;
        // Counted before the gate's own callback (registered on the returned future) frees the lane.
        return answer.whenComplete((r, e) -> {
          synchronized (this) {
            answered++;
          }
        });
      }
    }

    private void awaitOther() {
      try {
        if (!otherArrived.await(30, TimeUnit.SECONDS)) throw new IllegalStateException("no other document arrived");
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }

    synchronized boolean floodUnfinishedWhenAnotherArrived() {
      return floodUnfinishedWhenAnotherArrived;
    }

    synchronized int worstAhead() {
      return worstAhead;
    }

    synchronized int othersSeen() {
      return othersSeen;
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
