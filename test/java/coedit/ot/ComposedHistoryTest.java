package coedit.ot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** ComposedHistory at its edges; test/clj/coedit/ot_runs_test.clj checks it on random histories. */
class ComposedHistoryTest {

  private static ComposedHistory of(long base, List<Change> changes) {
    ComposedHistory h = new ComposedHistory(base);
    changes.forEach(h::append);
    return h;
  }

  @Test
  void aSubmissionAtTheHeadIsOnlyNormalized() {
    ComposedHistory h = of(7, List.of(Change.of(new Insert(0, "ab"))));
    Change ascending = Change.of(new Insert(0, "x"), new Insert(2, "y"));
    assertEquals(Ot.transformOverHistory(ascending, List.of()), h.transformSince(8, ascending));
    assertEquals(0, h.lengthDeltaSince(8));
    assertEquals(Change.EMPTY, new ComposedHistory(0).transformSince(0, Change.EMPTY));
  }

  @Test
  void versionsOutsideTheHistoryAreRefused() {
    ComposedHistory h = of(5, List.of(Change.of(new Insert(0, "a")), Change.of(new Insert(0, "b"))));
    assertEquals(5, h.baseVersion());
    assertEquals(7, h.headVersion());
    assertEquals("version 4 is outside this history [5, 7]",
        assertThrows(IllegalArgumentException.class, () -> h.transformSince(4, Change.EMPTY)).getMessage());
    assertThrows(IllegalArgumentException.class, () -> h.lengthDeltaSince(8));
    assertThrows(IllegalArgumentException.class, () -> new ComposedHistory(-1));
    assertThrows(InvalidChangeException.class, () -> h.append(null));
    assertThrows(InvalidChangeException.class, () -> h.transformSince(5, null));
  }

  /** Empty entries are versions too (a transformed change can vanish): they count and change nothing. */
  @Test
  void emptyChangesAreEntries() {
    ComposedHistory h = of(0, List.of(Change.EMPTY, Change.of(new Insert(0, "a")), Change.EMPTY));
    assertEquals(3, h.headVersion());
    assertEquals(Change.of(new Insert(1, "x")), h.transformSince(0, Change.of(new Insert(0, "x"))));
    assertEquals(Change.of(new Insert(0, "x")), h.transformSince(2, Change.of(new Insert(0, "x"))));
    assertEquals(1, h.lengthDeltaSince(0));
  }

  /** The fixture composed-history-tie.edn, as one history: y typed after x, then x deleted. */
  @Test
  void aComposedRangeKeepsTheGapOfEachInsert() {
    ComposedHistory h = of(0, List.of(Change.of(new Insert(1, "y")), Change.of(new Delete(0, 1))));
    assertEquals(Change.of(new Insert(0, "x")), h.transformSince(0, Change.of(new Insert(0, "x"))));
  }

  /** Forgetting splits the oldest range where needed, so exactly the old changes go. */
  @Test
  void forgettingDropsExactlyTheChangesUpToAVersion() {
    ComposedHistory h = new ComposedHistory(0);
    List<Change> history = new ArrayList<>();
    for (int i = 0; i < 1000; i++) {
      Change c = Change.of(new Insert(i % 7 == 0 ? 0 : i, "x"));
      history.add(c);
      h.append(c);
    }
    Change incoming = Change.of(new Insert(500, "!"));
    h.transformSince(0, incoming); // composes every range
    long before = h.weight();
    h.forgetBefore(613);
    assertEquals(613, h.baseVersion());
    assertEquals(1000, h.headVersion());
    assertTrue(h.weight() < before);
    assertEquals(Ot.transformOverHistory(incoming, history.subList(613, 1000)), h.transformSince(613, incoming));
    assertEquals(history.subList(613, 1000).stream().mapToLong(Change::lengthDelta).sum(), h.lengthDeltaSince(613));
    h.forgetBefore(5);
    assertEquals(613, h.baseVersion(), "nothing before the base to forget");
    h.forgetBefore(h.headVersion());
    assertEquals(1000, h.baseVersion());
    assertEquals(0, h.weight());
    h.append(Change.of(new Insert(0, "abc")));
    assertEquals(ComposedHistory.UNIT_WEIGHT + 3, h.weight(), "a change weighs its text and a unit");
  }

  @Test
  void olderChangesArePrependedInFront() {
    List<Change> history = List.of(Change.of(new Insert(0, "a")), Change.of(new Insert(1, "b")), Change.of(new Insert(0, "c")));
    ComposedHistory h = of(2, history.subList(2, 3));
    h.prepend(history.subList(0, 2));
    assertEquals(0, h.baseVersion());
    assertEquals(Ot.transformOverHistory(Change.of(new Insert(0, "x")), history), h.transformSince(0, Change.of(new Insert(0, "x"))));
    assertEquals(3, h.lengthDeltaSince(0));
    assertThrows(IllegalArgumentException.class, () -> h.prepend(List.of(Change.EMPTY)));
  }

  /** Every base version of a long history of scattered edits, against the change-by-change answer. */
  @Test
  void everyVersionOfALongHistoryAgreesWithTransformOverHistory() {
    Random random = new Random(13);
    StringBuilder doc = new StringBuilder("the quick brown fox");
    List<Change> history = new ArrayList<>();
    List<String> texts = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      texts.add(doc.toString());
      Change c = random.nextInt(3) > 0 || doc.length() < 2
          ? Change.of(new Insert(random.nextInt(doc.length() + 1), "" + (char) ('a' + random.nextInt(3))))
          : Change.of(new Delete(random.nextInt(doc.length() - 1), 1 + random.nextInt(2)));
      history.add(c);
      doc.replace(0, doc.length(), Ot.apply(doc.toString(), c));
    }
    ComposedHistory h = of(0, history);
    for (int v = 0; v <= history.size(); v += 7) {
      String at = v < texts.size() ? texts.get(v) : doc.toString();
      Change incoming = Change.of(new Insert(random.nextInt(at.length() + 1), "!"), new Delete(0, 1));
      List<Change> since = history.subList(v, history.size());
      assertEquals(Ot.transformOverHistory(incoming, since), h.transformSince(v, incoming), "version " + v);
      assertEquals(since.stream().mapToLong(Change::lengthDelta).sum(), h.lengthDeltaSince(v));
    }
  }
}
