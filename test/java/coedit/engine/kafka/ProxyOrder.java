package coedit.engine.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

/**
 * The order law of a watched counter, as a listener recorded it (updates as the new value,
 * resyncs as {@code "resync V"}): updates go up by one, a resync may jump forward, never back.
 */
final class ProxyOrder {
  private ProxyOrder() {}

  /** Checks the law from {@code initial}; returns the value the listener ended at. */
  static long assertInOrder(List<Object> seen, long initial) {
    long at = initial;
    synchronized (seen) {
      for (Object o : seen) {
        if (o instanceof String resync) {
          long v = Long.parseLong(resync.substring("resync ".length()));
          assertTrue(v >= at, "a resync went back: " + seen);
          at = v;
        } else {
          assertEquals(at + 1, (long) (Long) o, "an update out of order: " + seen);
          at++;
        }
      }
    }
    return at;
  }
}
