package coedit.ot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Tie rules, positional output form, compose and history, on small hand-checked cases. */
class TransformTest {

  @Test
  void tiedInsertsKeepTheAcceptedTextFirst() {
    Transformed t = Ot.transform(Change.of(new Insert(2, "A")), Change.of(new Insert(2, "B")));
    assertEquals(Change.of(new Insert(3, "B")), t.incomingPrime());
    assertEquals(Change.of(new Insert(2, "A")), t.acceptedPrime());
    assertEquals("abABcd", Ot.apply("abAcd", t.incomingPrime()));
    assertEquals("abABcd", Ot.apply("abBcd", t.acceptedPrime()));
  }

  @Test
  void insertAtTheEndOfADeletedRangeIsNotDeleted() {
    Transformed t = Ot.transform(Change.of(new Insert(5, "X")), Change.of(new Delete(2, 3)));
    assertEquals(Change.of(new Delete(2, 3)), t.incomingPrime());
    assertEquals("abXfg", Ot.apply("abcdeXfg", t.incomingPrime()));
  }

  @Test
  void identicalDeletesVanish() {
    Transformed t = Ot.transform(Change.of(new Delete(1, 3)), Change.of(new Delete(1, 3)));
    assertEquals(Change.EMPTY, t.incomingPrime());
    assertEquals(Change.EMPTY, t.acceptedPrime());
  }

  @Test
  void offsetsCountCodePoints() {
    String doc = "a\uD83D\uDE00b";
    Transformed t = Ot.transform(Change.of(new Insert(1, "\uD83C\uDF89")), Change.of(new Delete(2, 1)));
    assertEquals(Change.of(new Delete(3, 1)), t.incomingPrime());
    assertEquals("a\uD83C\uDF89\uD83D\uDE00", Ot.apply(Ot.apply(doc, Change.of(new Insert(1, "\uD83C\uDF89"))),
        t.incomingPrime()));
  }

  @Test
  void outputIsDescendingInBaseCoordinates() {
    Change ascending = Change.of(new Insert(0, "x"), new Insert(3, "y"), new Delete(5, 1));
    Change composed = Ot.compose(ascending, Change.EMPTY);
    assertEquals(Change.of(new Delete(3, 1), new Insert(2, "y"), new Insert(0, "x")), composed);
    assertEquals(Ot.apply("abcdef", ascending), Ot.apply("abcdef", composed));
  }

  @Test
  void composeJoinsTypingIntoOneChange() {
    Change typed = Ot.compose(Change.of(new Insert(0, "he")), Change.of(new Insert(2, "y")));
    assertEquals(Change.of(new Insert(0, "hey")), typed);
    assertEquals(Change.EMPTY, Ot.compose(Change.of(new Insert(3, "ab")), Change.of(new Delete(3, 2))));
  }

  @Test
  void deleteThenInsertAtOneOffsetComposesToAReplacement() {
    Change replace = Ot.compose(Change.of(new Delete(1, 2)), Change.of(new Insert(1, "XY")));
    assertEquals(Change.of(new Delete(1, 2), new Insert(1, "XY")), replace);
    assertEquals("aXYd", Ot.apply("abcd", replace));
  }

  @Test
  void historyIsComposedThenTransformedOnce() {
    Change incoming = Change.of(new Insert(3, "!"));
    List<Change> history = List.of(Change.of(new Insert(0, "ab")), Change.of(new Delete(0, 1)));
    assertEquals(Change.of(new Insert(4, "!")), Ot.transformOverHistory(incoming, history));
    assertEquals(Change.of(new Insert(3, "!")), Ot.transformOverHistory(incoming, List.of()));
  }

  /**
   * Shrunk by the n-way property: on "x", the server accepted "y" after x, then "delete x";
   * a client's "x" typed before the old x must stay before y. ot.js's canonical form would
   * compose the history to [insert y, delete 1] and put the new x after y.
   */
  @Test
  void composedHistoryKeepsTheGapOfEachInsert() {
    List<Change> history = List.of(Change.of(new Insert(1, "y")), Change.of(new Delete(0, 1)));
    Change incoming = Change.of(new Insert(0, "x"));
    Change stepwise = Ot.transform(history.get(1),
        Ot.transform(history.get(0), incoming).incomingPrime()).incomingPrime();
    assertEquals(Change.of(new Insert(0, "x")), stepwise);
    assertEquals(stepwise, Ot.transformOverHistory(incoming, history));
    assertEquals(Change.of(new Insert(1, "y"), new Delete(0, 1)), Ot.compose(history.get(0), history.get(1)));
  }

  /** Typing inside pasted text takes the paste apart piece by piece (non-BMP pieces too). */
  @Test
  void composingEditsInsideALongInsertKeepsEveryPiece() {
    StringBuilder pasted = new StringBuilder();
    StringBuilder expected = new StringBuilder();
    List<Edit> typing = new java.util.ArrayList<>();
    for (int i = 0; i < 300; i++) {
      String piece = i % 3 == 0 ? "\uD83D\uDE00b" : "ab";
      pasted.append(piece);
      expected.append(piece).append(i % 2 == 0 ? "x" : "");
      if (i % 2 == 0) typing.add(0, new Insert(2 * (i + 1), "x")); // descending: base offsets
    }
    Change composed = Ot.compose(Change.of(new Insert(0, pasted.toString())), new Change(typing));
    assertEquals(Change.of(new Insert(0, expected.toString())), composed);
  }

  @Test
  void malformedInputIsRejectedWithTheEditNamed() {
    var e = assertThrows(InvalidChangeException.class,
        () -> Ot.transform(Change.of(new Delete(0, 0)), Change.EMPTY));
    assertTrue(e.getMessage().contains("edit 0 Delete(0, 0)"), e.getMessage());
    assertThrows(InvalidChangeException.class, () -> Ot.compose(null, Change.EMPTY));
    assertThrows(InvalidChangeException.class,
        () -> Ot.transformOverHistory(Change.EMPTY, java.util.Arrays.asList((Change) null)));
  }
}
