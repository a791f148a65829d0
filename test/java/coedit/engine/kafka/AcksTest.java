package coedit.engine.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import coedit.engine.AckLevel;
import coedit.engine.AppendResult;
import coedit.engine.runtime.Admission;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * Answers reach the append they are about, never another: an instance restarted on a dead
 * one's host:port receives that one's answers (a reprocess after a failover answers every
 * record again), addressed with its request ids.
 */
class AcksTest {
  private final Admission admission = new Admission("m", 4, 100, Duration.ofSeconds(1));

  private CompletableFuture<AppendResult> register(Acks acks, int partition, long[] id) {
    CompletableFuture<AppendResult> f = new CompletableFuture<>();
    admission.acquire("d", partition, false);
    id[0] = acks.register(admission, "d", partition, AckLevel.ACK, f, false);
    return f;
  }

  private static Acks.Reply reply(long id, int partition, long offset) {
    return new Acks.Reply(id, partition, offset, Map.of("t", "ack of " + offset), null, null);
  }

  @Test
  void anAnswerAboutAnotherPartitionOrOffsetIsIgnoredAndTheRightOneStillCompletes() {
    Acks acks = new Acks(Duration.ofMinutes(1), 1);
    long[] id = new long[1];
    CompletableFuture<AppendResult> f = register(acks, 2, id);
    acks.processed(reply(id[0], 3, 7));
    assertFalse(f.isDone(), "an answer about partition 3 is not this append's");
    acks.appended(id[0], 7);
    acks.processed(reply(id[0], 2, 6));
    assertFalse(f.isDone(), "an answer about offset 6 is not this append's (it is at 7)");
    assertEquals(1, admission.queued(2), "an ignored answer releases no permit");
    acks.processed(reply(id[0], 2, 7));
    assertEquals(new AppendResult(2, 7, Map.of("t", "ack of 7")), f.join());
    assertEquals(0, admission.queued(2));
  }

  @Test
  void anAnswerBeforeTheDepotToldTheOffsetIsTakenOnItsPartition() {
    Acks acks = new Acks(Duration.ofMinutes(1), 1);
    long[] id = new long[1];
    CompletableFuture<AppendResult> f = register(acks, 1, id);
    acks.processed(reply(id[0], 1, 42));
    assertEquals(42, f.join().offset());
  }

  @Test
  void twoIncarnationsNumberTheirRequestsFromDifferentPoints() {
    long[] first = new long[1];
    long[] second = new long[1];
    register(new Acks(Duration.ofMinutes(1)), 0, first);
    register(new Acks(Duration.ofMinutes(1)), 0, second);
    assertNotEquals(first[0], second[0]);
    assertTrue(first[0] >= 0 && second[0] >= 0, "ids stay positive however many follow");
  }
}
