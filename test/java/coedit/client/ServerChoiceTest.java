package coedit.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which server a session tries, and when: first first, then round robin; at once after 1012. */
class ServerChoiceTest {
  static final URI A = URI.create("ws://a/api/live");
  static final URI B = URI.create("ws://b/api/live");
  static final URI C = URI.create("ws://c/api/live");

  @Test
  void startsWithTheFirstAndMovesOnRoundRobinWheneverAConnectionEnds() {
    ServerChoice s = new ServerChoice(List.of(A, B, C), new Backoff(Duration.ofMillis(100), Duration.ofSeconds(1)));
    assertEquals(A, s.current());
    s.failed(1006);
    assertEquals(B, s.current());
    s.failed(-1);
    assertEquals(C, s.current());
    s.failed(4002);
    assertEquals(A, s.current());
  }

  @Test
  void aServiceRestartMeansAtOnceAnythingElseTheBackoffWhichLiveResets() {
    ServerChoice s = new ServerChoice(List.of(A, B), new Backoff(Duration.ofMillis(100), Duration.ofSeconds(1)));
    assertEquals(0, s.failed(1012));
    long first = s.failed(1006);
    long second = s.failed(1006);
    assertTrue(first >= 80 && first <= 120, "first delay " + first);
    assertTrue(second >= 160 && second <= 240, "second delay " + second);
    s.live();
    long again = s.failed(1006);
    assertTrue(again >= 80 && again <= 120, "after live " + again);
  }

  @Test
  void oneServerIsAlwaysThatServer() {
    ServerChoice s = new ServerChoice(List.of(A), new Backoff(Duration.ofMillis(1), Duration.ofMillis(1)));
    s.failed(1012);
    s.failed(1006);
    assertEquals(A, s.current());
  }
}
