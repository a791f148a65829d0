package coedit.ot;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The Rama article's examples: "hello world" at version 3, Bob's change accepted first,
 * Alice's made concurrently at version 3 and transformed over it by the server.
 */
class ArticleExamplesTest {
  private static final String DOC = "hello world";

  private static Change serverView(Change alice, Change bob) {
    return Ot.transformOverHistory(alice, List.of(bob));
  }

  @Test
  void insertAfterAConcurrentInsertBeforeItShiftsRight() {
    Change alice = Change.of(new Insert(6, "to the "));
    Change bob = Change.of(new Insert(0, "big "));
    Change aliceT = serverView(alice, bob);
    assertEquals(Change.of(new Insert(10, "to the ")), aliceT);
    assertEquals("big hello to the world", Ot.apply(Ot.apply(DOC, bob), aliceT));
  }

  @Test
  void insertBeforeAConcurrentInsertStaysPut() {
    Change alice = Change.of(new Insert(6, "to the "));
    Change bob = Change.of(new Insert(11, " again"));
    Change aliceT = serverView(alice, bob);
    assertEquals(Change.of(new Insert(6, "to the ")), aliceT);
    assertEquals("hello to the world again", Ot.apply(Ot.apply(DOC, bob), aliceT));
  }

  @Test
  void deleteAfterAConcurrentInsertShiftsRight() {
    Change alice = Change.of(new Delete(2, 7));
    Change bob = Change.of(new Insert(0, "big "));
    Change aliceT = serverView(alice, bob);
    assertEquals(Change.of(new Delete(6, 7)), aliceT);
    assertEquals("big held", Ot.apply(Ot.apply(DOC, bob), aliceT));
  }

  @Test
  void deleteAroundAConcurrentInsertSplitsInTwo() {
    Change alice = Change.of(new Delete(2, 7));
    Change bob = Change.of(new Insert(6, "to the "));
    Change aliceT = serverView(alice, bob);
    // "delete 3 at 13, then delete 4 at 2": descending, in the coordinates of Bob's text.
    assertEquals(Change.of(new Delete(13, 3), new Delete(2, 4)), aliceT);
    assertEquals("heto the ld", Ot.apply(Ot.apply(DOC, bob), aliceT));
  }

  @Test
  void deleteOverlappingAConcurrentDeleteShrinks() {
    Change alice = Change.of(new Delete(2, 7));
    Change bob = Change.of(new Delete(3, 1));
    Change aliceT = serverView(alice, bob);
    assertEquals(Change.of(new Delete(2, 6)), aliceT);
    assertEquals("held", Ot.apply(Ot.apply(DOC, bob), aliceT));
  }

  @Test
  void bothOrdersConvergeOnEveryExample() {
    List<Change[]> pairs = List.of(
        new Change[] {Change.of(new Insert(6, "to the ")), Change.of(new Insert(0, "big "))},
        new Change[] {Change.of(new Insert(6, "to the ")), Change.of(new Insert(11, " again"))},
        new Change[] {Change.of(new Delete(2, 7)), Change.of(new Insert(0, "big "))},
        new Change[] {Change.of(new Delete(2, 7)), Change.of(new Insert(6, "to the "))},
        new Change[] {Change.of(new Delete(2, 7)), Change.of(new Delete(3, 1))});
    for (Change[] p : pairs) {
      Transformed t = Ot.transform(p[1], p[0]);
      assertEquals(Ot.apply(Ot.apply(DOC, p[1]), t.incomingPrime()),
          Ot.apply(Ot.apply(DOC, p[0]), t.acceptedPrime()));
    }
  }

  /** The article's bug: its rule moved these inserts to 6 and to -8. */
  @Test
  void insertInsideAConcurrentlyDeletedRangeLandsWhereTheRangeStarted() {
    String doc = "0123456789abcdefghij";
    assertEquals(Change.of(new Insert(10, "X")),
        serverView(Change.of(new Insert(10, "X")), Change.of(new Delete(10, 4))));
    assertEquals(Change.of(new Insert(0, "X")),
        serverView(Change.of(new Insert(2, "X")), Change.of(new Delete(0, 10))));
    assertEquals(Change.of(new Insert(10, "X")),
        serverView(Change.of(new Insert(12, "X")), Change.of(new Delete(10, 4))));
    assertEquals("0123456789Xdefghij", Ot.apply(Ot.apply(doc, Change.of(new Delete(10, 3))),
        serverView(Change.of(new Insert(12, "X")), Change.of(new Delete(10, 3)))));
  }
}
