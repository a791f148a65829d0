package coedit.editor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The ring holds the newest versions contiguously, within its count and weight bounds. */
class VersionRingTest {

  @Test
  void randomAddsKeepTheNewestContiguousVersionsWithinBothBounds() {
    long seed = System.nanoTime();
    Random random = new Random(seed);
    for (int trial = 0; trial < 200; trial++) {
      int capacity = 1 + random.nextInt(20);
      long maxWeight = 1 + random.nextInt(200);
      VersionRing<Integer> ring = new VersionRing<>(capacity, 0, Integer::longValue, maxWeight);
      List<Integer> model = new ArrayList<>(); // weights of versions 1..n
      long version = 0;
      for (int i = 0; i < 100; i++) {
        int w = random.nextInt(60);
        if (random.nextInt(30) == 0) {
          version += 2 + random.nextInt(5); // a gap empties the ring
          model.clear();
          for (long v = 1; v < version; v++) model.add(null);
        } else {
          version++;
        }
        model.add(w);
        ring.add(version, w);
        // invariant: last() is the newest, held; first()..last() contiguous and held
        assertEquals(version, ring.last(), "seed " + seed);
        long held = ring.last() - ring.first() + 1;
        assertTrue(held >= 1 && held <= capacity, "seed " + seed);
        long weight = 0;
        for (long v = ring.first(); v <= ring.last(); v++) {
          assertEquals(model.get((int) v - 1), ring.get(v), "seed " + seed);
          weight += ring.get(v);
        }
        // invariant: within the weight bound unless it holds only the newest value
        assertTrue(weight <= maxWeight || held == 1, "seed " + seed + ": weight " + weight);
        // invariant: it kept as many as the bounds allow
        if (held < capacity && ring.first() > 1 && model.get((int) ring.first() - 2) != null) {
          assertTrue(weight + model.get((int) ring.first() - 2) > maxWeight, "seed " + seed + ": dropped too much");
        }
      }
    }
  }

  @Test
  void sinceAnswersOnlyWhatItHolds() {
    VersionRing<String> ring = new VersionRing<>(3, 10);
    assertEquals(List.of(), ring.since(10));
    ring.add(11, "a");
    ring.add(12, "b");
    ring.add(13, "c");
    ring.add(14, "d");
    assertEquals(List.of("c", "d"), ring.since(12));
    assertEquals(List.of("b", "c", "d"), ring.since(11));
    assertNull(ring.since(10), "version 11 is no longer held");
    assertNull(ring.since(15), "nothing after the newest");
    assertThrows(IllegalArgumentException.class, () -> ring.get(11));
  }
}
