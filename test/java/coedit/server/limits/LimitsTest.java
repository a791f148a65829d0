package coedit.server.limits;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;

/** The limit primitives, on a clock the tests drive. */
class LimitsTest {
  static final long SECOND = 1_000_000_000L;

  @Test
  void aBucketNeverGivesMoreThanItsCapacityPlusItsRate() {
    // invariant: over any run, tokens taken <= capacity + rate * elapsed seconds
    Random random = new Random(7);
    for (int trial = 0; trial < 200; trial++) {
      double rate = 1 + random.nextInt(100);
      double capacity = rate * (1 + random.nextInt(3));
      TokenBucket b = new TokenBucket(rate, capacity, 0);
      long now = 0;
      double taken = 0;
      for (int i = 0; i < 500; i++) {
        now += random.nextInt(50_000_000);
        double n = 1 + random.nextInt(5);
        long wait = b.take(n, now);
        if (wait > 0) {
          // A client that waits as told is served then.
          now += wait * 1_000_000;
          assertEquals(0, b.take(n, now), "the wait it gave was not enough");
        }
        taken += n;
      }
      assertTrue(taken <= capacity + rate * (now / 1e9) + 5, taken + " > " + capacity + " + " + rate + " * " + now / 1e9);
    }
  }

  @Test
  void aSubmitBudgetTakesFromBothBucketsOrNeither() {
    SubmitBudget b = new SubmitBudget(10, 100, 50, 0);
    // 200 bytes allowed at once (2 s of rate); the third 80-byte submission waits.
    assertEquals(0, b.take(80, 0));
    assertEquals(0, b.take(80, 0));
    long wait = b.take(80, 0);
    assertTrue(wait > 0);
    // Refused submissions took nothing: 18 small ones still fit (20 per 2 s minus the 2 taken).
    for (int i = 0; i < 18; i++) assertEquals(0, b.take(1, 0), "submission " + i);
    assertTrue(b.take(1, 0) > 0);
    assertEquals(0, b.take(1, SECOND));
  }

  @Test
  void presenceIsSpacedToItsRate() {
    PresenceThrottle t = new PresenceThrottle(20);
    assertEquals(0, t.admit(0));
    long wait = t.admit(1);
    assertEquals(SECOND / 20 - 1, wait);
    assertEquals(0, t.admit(SECOND / 20));
    assertEquals(0, new PresenceThrottle(0).admit(5), "0 is no limit");
  }

  @Test
  void connectionsAreCountedExactly() {
    ConnectionCounter c = new ConnectionCounter(Limits.defaults().withConnections(1, 2, 3));
    assertNull(c.open("a"));
    assertNull(c.open("a"));
    assertTrue(c.open("a").contains("address a"));
    assertNull(c.open("b"));
    assertTrue(c.open("c").contains("server"));
    c.close("a");
    assertNull(c.open("c"));
    assertNull(c.join("ada"));
    assertTrue(c.join("ada").contains("ada"));
    c.leave("ada");
    assertNull(c.join("ada"));
    assertEquals(3, c.total());
  }

  @Test
  void theSecurityLogWritesAtMostItsBudgetAndCountsTheRest() throws Exception {
    List<String> lines = new ArrayList<>();
    Logger log = (Logger) Proxy.newProxyInstance(Logger.class.getClassLoader(), new Class<?>[] {Logger.class},
        (proxy, method, args) -> {
          if (method.getName().startsWith("is")) return true;
          if (method.getName().equals("warn") || method.getName().equals("info")) lines.add((String) args[0]);
          return null;
        });
    RateLimitedLog limited = new RateLimitedLog(5);
    for (int i = 0; i < 1000; i++) limited.warn(log, "rate_limited", "flood {}", i);
    assertEquals(5, lines.size());
    assertTrue(lines.get(0).startsWith("[rate_limited] "));
    Thread.sleep(1100);
    limited.info(log, "close_4401", "after");
    assertTrue(lines.get(5).contains("995 similar lines left out"), lines.get(5));
  }
}
