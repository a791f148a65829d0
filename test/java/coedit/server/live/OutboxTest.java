package coedit.server.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** The outbox's laws with a sink that completes writes only when told to. */
class OutboxTest {
  /** Records frames; each write completes when {@link #complete()} is called. */
  static final class Sink implements Outbox.Sink {
    final List<String> frames = new ArrayList<>();
    final List<Runnable> pending = new ArrayList<>();
    int overflows;

    @Override
    public void send(String frame, Runnable done, Consumer<Throwable> failed) {
      frames.add(frame);
      pending.add(done);
    }

    @Override
    public void overflow() {
      overflows++;
    }

    void complete() {
      List<Runnable> now = new ArrayList<>(pending);
      pending.clear();
      now.forEach(Runnable::run);
    }
  }

  final Sink sink = new Sink();
  final Outbox out = new Outbox(sink, Runnable::run, 100);

  @Test
  void anIdleOutboxSendsAtOnceAndABusyOneCoalescesInOrder() {
    out.offer("a");
    assertEquals(List.of("a"), sink.frames);
    out.offer("b");
    out.offer("c");
    assertEquals(1, sink.frames.size(), "one frame in flight at a time");
    sink.complete();
    assertEquals(List.of("a", "b\nc"), sink.frames);
    sink.complete();
    assertEquals(0, out.pending());
  }

  @Test
  void fannedOutMessagesLingerAndShareAFrameWhileInlineOnesDoNot() throws Exception {
    java.util.concurrent.ScheduledExecutorService timer = java.util.concurrent.Executors.newSingleThreadScheduledExecutor();
    try {
      List<String> frames = java.util.Collections.synchronizedList(new ArrayList<>());
      Outbox.Sink immediate = new Outbox.Sink() {
        @Override
        public void send(String frame, Runnable done, Consumer<Throwable> failed) {
          frames.add(frame);
          done.run();
        }

        @Override
        public void overflow() {}
      };
      Outbox lingering = new Outbox(immediate, timer, 100, timer, 50_000);
      // The timer is held while the three offers are made, so a busy machine pausing this
      // thread past the linger cannot split them: what is tested is that they wait for the
      // timer and then leave together, not how fast this thread runs.
      java.util.concurrent.CountDownLatch held = new java.util.concurrent.CountDownLatch(1);
      timer.execute(() -> {
        try {
          held.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      });
      lingering.offer("a", false);
      lingering.offer("b", false);
      lingering.offer("c", false);
      assertTrue(frames.isEmpty(), "messages left to the executor are not written on the offering thread");
      held.countDown();
      long deadline = System.nanoTime() + 5_000_000_000L;
      while (frames.isEmpty() && System.nanoTime() < deadline) Thread.sleep(5);
      assertEquals(List.of("a\nb\nc"), frames);
      lingering.offer("d", true);
      assertEquals(List.of("a\nb\nc", "d"), frames, "an inline offer to an idle outbox writes at once");
    } finally {
      timer.shutdownNow();
    }
  }

  @Test
  void exceedingTheLimitOverflowsOnceAndDropsEverything() {
    out.offer("x".repeat(60));
    out.offer("y".repeat(30));
    assertFalse(out.offer("z".repeat(20)));
    assertEquals(1, sink.overflows);
    assertFalse(out.offer("more"));
    assertEquals(1, sink.overflows);
    sink.complete();
    assertEquals(1, sink.frames.size(), "queued messages were dropped");
  }

  @Test
  void oneMessageLargerThanTheLimitIsStillAccepted() {
    assertTrue(out.offer("w".repeat(500)));
    assertEquals(0, sink.overflows);
  }

  @Test
  void finishRunsAfterEverythingQueuedIsWritten() {
    List<String> events = new ArrayList<>();
    out.offer("a");
    out.offer("b");
    out.finish(() -> events.add("closed"));
    assertFalse(out.offer("late"));
    assertTrue(events.isEmpty());
    sink.complete(); // "a" written, "b" goes out
    assertTrue(events.isEmpty());
    sink.complete(); // "b" written
    assertEquals(List.of("closed"), events);
    assertEquals(List.of("a", "b"), sink.frames);
  }
}
