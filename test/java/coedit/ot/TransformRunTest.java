package coedit.ot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Ot.transformRun and ClientState.applyServerRun at their edges, each against the
 * change-by-change answer; test/clj/coedit/ot_runs_test.clj checks them on random input.
 */
class TransformRunTest {

  private static TransformedRun inTurn(List<Change> run, Change incoming) {
    List<Change> primes = new ArrayList<>();
    Change in = incoming;
    for (Change a : run) {
      Transformed t = Ot.transform(a, in);
      primes.add(t.acceptedPrime());
      in = t.incomingPrime();
    }
    return new TransformedRun(primes, in);
  }

  private static void assertSameAsInTurn(List<Change> run, Change incoming) {
    assertEquals(inTurn(run, incoming), Ot.transformRun(run, incoming));
  }

  @Test
  void anEmptyRunLeavesTheIncomingChangeAsItIs() {
    Change ascending = Change.of(new Insert(0, "x"), new Insert(2, "y"));
    assertEquals(new TransformedRun(List.of(), ascending), Ot.transformRun(List.of(), ascending));
  }

  @Test
  void acceptedChangesPastTheEndOfTheIncomingOneSeeItsImplicitRetain() {
    // incoming touches only the start of "abcdef"; the run edits far to its right.
    assertSameAsInTurn(List.of(Change.of(new Insert(6, "!")), Change.of(new Delete(3, 4)), Change.of(new Insert(2, "?"))),
        Change.of(new Delete(0, 1)));
  }

  @Test
  void aDeleteOverManyIncomingEditsKeepsTheirTextTogether() {
    // incoming inserts three times inside "abcdefgh"; the run deletes all around them.
    Change incoming = Change.of(new Insert(6, "z"), new Insert(4, "y"), new Insert(2, "x"));
    assertSameAsInTurn(List.of(Change.of(new Delete(1, 6)), Change.of(new Insert(1, "k"))), incoming);
    TransformedRun r = Ot.transformRun(List.of(Change.of(new Delete(1, 6))), incoming);
    assertEquals("axyzh", Ot.apply(Ot.apply("abcdefgh", Change.of(new Delete(1, 6))), r.incomingPrime()));
  }

  @Test
  void tiesAtTheEdgesOfDeletedRangesFollowTheRule() {
    // Inserts at both ends of a range the run deletes, and at the gap the run inserts at.
    Change incoming = Change.of(new Insert(4, "q"), new Insert(1, "p"));
    assertSameAsInTurn(List.of(Change.of(new Delete(1, 3)), Change.of(new Insert(1, "X")),
        Change.of(new Insert(1, "Y"), new Delete(0, 1))), incoming);
  }

  @Test
  void nullsAreRefusedWithTheirPlaceNamed() {
    assertEquals("accepted change 1 is null", assertThrows(InvalidChangeException.class,
        () -> Ot.transformRun(Arrays.asList(Change.EMPTY, null), Change.EMPTY)).getMessage());
    assertThrows(InvalidChangeException.class, () -> Ot.transformRun(null, Change.EMPTY));
    assertThrows(InvalidChangeException.class, () -> Ot.transformRun(List.of(), null));
    assertThrows(InvalidChangeException.class,
        () -> new AwaitingConfirm(0, Change.of(new Insert(0, "a"))).applyServerRun(Arrays.asList((Change) null)));
    assertThrows(InvalidChangeException.class, () -> new Synchronized(0).applyServerRun(null));
  }

  @Test
  void aClientCatchesUpOnARunAsOnEachChangeInTurn() {
    // Offline, Alice typed "!" (in flight) and then "?" and "¿" (buffered); Bob's three
    // changes were accepted meanwhile. The run gives her the same state and text.
    ClientState alice = new Synchronized(3);
    String text = "hello";
    for (Change c : List.of(Change.of(new Insert(5, "!")), Change.of(new Insert(0, "?")), Change.of(new Insert(1, "¿")))) {
      text = Ot.apply(text, c);
      alice = alice.applyLocal(c).next();
    }
    List<Change> bob = List.of(Change.of(new Insert(0, "big ")), Change.of(new Delete(4, 5)), Change.of(new Insert(4, "world")));
    ClientState stepped = alice;
    String steppedText = text;
    for (Change c : bob) {
      ClientStep s = stepped.applyServer(c);
      stepped = s.next();
      steppedText = Ot.apply(steppedText, s.toApply());
    }
    ClientRun run = alice.applyServerRun(bob);
    String runText = text;
    for (Change c : run.toApply()) runText = Ot.apply(runText, c);
    assertEquals(stepped, run.next());
    assertEquals(steppedText, runText);
    // Bob deleted "hello", so Alice's edits on both sides of it meet at one gap, where
    // Bob's later "world" lands too: the server's text comes first there (the tie rule).
    assertEquals("big world?¿!", runText);
    assertEquals(6, run.next().version());
    assertTrue(run.next().serverAck(7).toSend() != null, "the buffer goes next");
  }

  @Test
  void anEmptyRunChangesNoState() {
    ClientState s = new AwaitingWithBuffer(4, Change.of(new Insert(0, "a")), Change.of(new Insert(1, "b")));
    assertEquals(new ClientRun(s, List.of()), s.applyServerRun(List.of()));
    assertEquals(new ClientRun(new Synchronized(2), List.of(Change.EMPTY)), new Synchronized(1).applyServerRun(List.of(Change.EMPTY)));
  }
}
