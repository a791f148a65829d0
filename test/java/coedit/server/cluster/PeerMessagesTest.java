package coedit.server.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import coedit.protocol.Selection;
import coedit.server.core.PeerPresence;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The peers topic's parts without Kafka: messages round-trip (and a foreign one is refused,
 * not fatal), the node table reports each end of a node once, and the outbox coalesces a
 * participant's reports while the producer is stuck.
 */
class PeerMessagesTest {

  @Test
  void everyMessageRoundTripsAndAForeignOneIsRefused() {
    // invariant: decode(encode(m)) equals m
    for (PeerPresence m : List.of(
        PeerPresence.presence("n1", "doc", "ada", 17, "Ada \uD83D\uDE00", "#e6194b", new Selection(3, 9), 42),
        PeerPresence.presence("n1", "doc", "ada", 17, "", "#888888", null, 0),
        PeerPresence.leave("n2", "doc", "bo", 18),
        PeerPresence.hello("n3", "doc"))) {
      assertEquals(m, PeerCodec.decode(PeerCodec.encode(m)));
    }
    PeerCodec.Beat b = new PeerCodec.Beat("n1", "run-1", URI.create("http://localhost:8081"), true);
    assertEquals(b, PeerCodec.decode(PeerCodec.encode(b)));
    assertThrows(IllegalArgumentException.class, () -> PeerCodec.decode("{\"k\":\"z\",\"n\":\"x\"}".getBytes(StandardCharsets.UTF_8)));
    assertThrows(IllegalArgumentException.class, () -> PeerCodec.decode("not json".getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void aNodeEndsOnceWhenItSaysGoodbyeGoesSilentOrStartsAgain() {
    NodeTable t = new NodeTable(5_000);
    URI u1 = URI.create("http://n1");
    assertFalse(t.beat(new PeerCodec.Beat("n1", "r1", u1, true), 0));
    assertFalse(t.beat(new PeerCodec.Beat("n2", "r1", null, true), 0)); // up, not serving yet
    assertEquals(List.of(u1), t.urls());
    assertTrue(t.beat(new PeerCodec.Beat("n1", "r2", u1, true), 1_000)); // restarted: the old run is gone
    assertFalse(t.beat(new PeerCodec.Beat("n1", "r2", u1, true), 2_000));
    t.heard("n2", 4_000);
    t.beat(new PeerCodec.Beat("n1", "r2", u1, true), 7_000);
    assertEquals(List.of(), t.expire(8_000));
    assertEquals(List.of("n2"), t.expire(9_001)); // silent since 4,000
    assertEquals(List.of(), t.expire(9_002));
    assertTrue(t.beat(new PeerCodec.Beat("n1", "r2", u1, false), 9_003));
    assertFalse(t.beat(new PeerCodec.Beat("n1", "r2", u1, false), 9_004)); // a second goodbye changes nothing
    assertEquals(List.of(), t.urls());
  }

  @Test
  void whileTheProducerIsStuckAParticipantsReportsCoalesceToTheLatest() throws Exception {
    CountDownLatch stuck = new CountDownLatch(1);
    List<String> sent = new ArrayList<>();
    PeerOutbox out = new PeerOutbox(100, m -> {
      try {
        stuck.await(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      synchronized (sent) {
        sent.add(new String(m, StandardCharsets.UTF_8));
      }
    });
    out.offer("first", bytes("first"));
    Thread.sleep(100); // the sender took it and is stuck in the producer
    for (int i = 0; i < 1_000; i++) out.offer("ada", bytes("ada " + i));
    out.offer("bo", bytes("bo 0"));
    assertEquals(2, out.size());
    stuck.countDown();
    out.close(5_000);
    assertEquals(List.of("first", "ada 999", "bo 0"), sent);
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
