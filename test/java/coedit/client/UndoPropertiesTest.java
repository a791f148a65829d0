package coedit.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import coedit.ot.Change;
import coedit.ot.Delete;
import coedit.ot.Insert;
import coedit.ot.Ot;
import java.util.Random;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * {@link UndoHistory}, as properties on random interleavings of one user's edits with
 * everyone else's (the JS twin is test/js/undo.test.mjs). The user types upper-case letters
 * and digits, the others lower-case, so whose text is whose can be read off the result.
 */
class UndoPropertiesTest {
  /** A local text with its undo history and a clock. */
  static final class Doc {
    String text;
    long now;
    final UndoHistory history = new UndoHistory();
    final UnaryOperator<Change> apply = c -> {
      Change inverse = inverse(text, c);
      text = Ot.apply(text, c);
      return inverse;
    };

    Doc(String text) {
      this.text = text;
    }

    void local(Change c) {
      history.local(c, inverse(text, c), now);
      text = Ot.apply(text, c);
    }

    void remote(Change c) {
      history.remote(c);
      text = Ot.apply(text, c);
    }

    Change undo() {
      return history.undo(apply);
    }

    Change redo() {
      return history.redo(apply);
    }

    int length() {
      return text.codePointCount(0, text.length());
    }
  }

  /** The inverse of {@code c} on {@code text}, edit by edit, as Replica computes it. */
  static Change inverse(String text, Change c) {
    java.util.List<coedit.ot.Edit> out = new java.util.ArrayList<>();
    String t = text;
    for (coedit.ot.Edit e : c.edits()) {
      if (e instanceof Insert i) out.add(0, new Delete(i.offset(), i.text().codePointCount(0, i.text().length())));
      else {
        Delete d = (Delete) e;
        int from = t.offsetByCodePoints(0, d.offset());
        out.add(0, new Insert(d.offset(), t.substring(from, t.offsetByCodePoints(from, d.length()))));
      }
      t = Ot.apply(t, Change.of(e));
    }
    return new Change(out);
  }

  static String theirs(String s) {
    return s.replaceAll("[A-Z0-9]|\\x{1F600}", "");
  }

  static String mine(Random r, int n) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < n; i++) {
      if (r.nextInt(6) == 0) b.appendCodePoint(0x1F600);
      else b.append((char) ('A' + r.nextInt(26)));
    }
    return b.toString();
  }

  /** Someone else inserts lower-case text or deletes a range (perhaps of ours). */
  static Change remote(Random r, Doc d) {
    int n = d.length();
    if (n > 0 && r.nextInt(3) == 0) {
      int at = r.nextInt(n);
      return Change.of(new Delete(at, 1 + r.nextInt(Math.min(4, n - at))));
    }
    return Change.of(new Insert(r.nextInt(n + 1), String.valueOf((char) ('a' + r.nextInt(26))).repeat(1 + r.nextInt(3))));
  }

  // invariant: undo(insert) = the text before the undo without our characters; theirs untouched
  @Test
  void undoOfAnInsertRemovesExactlyThatTextWhereverRemoteEditsMovedIt() {
    for (int seed = 1; seed <= 400; seed++) {
      Random r = new Random(seed);
      Doc d = new Doc("abcdefgh".substring(0, r.nextInt(9)));
      for (int k = r.nextInt(4); k > 0; k--) d.remote(remote(r, d));
      d.local(Change.of(new Insert(r.nextInt(d.length() + 1), mine(r, 1 + r.nextInt(5)))));
      for (int k = r.nextInt(6); k > 0; k--) d.remote(remote(r, d));
      String before = d.text;
      d.undo();
      assertEquals(theirs(before), d.text, "seed " + seed + ": " + before);
    }
  }

  // invariant: undoing every group, in any interleaving with remote edits, leaves exactly the others' text
  @Test
  void undoingEveryGroupLeavesOnlyTheOthersText() {
    for (int seed = 1; seed <= 300; seed++) {
      Random r = new Random(seed);
      Doc d = new Doc("hello world");
      int groups = 0;
      for (int step = 0; step < 12; step++) {
        if (r.nextBoolean()) {
          int at = r.nextInt(d.length() + 1);
          for (int k = 1 + r.nextInt(3); k > 0; k--) {
            d.local(Change.of(new Insert(at++, mine(r, 1))));
            d.now += 100;
          }
          d.now += 5000;
          groups++;
        } else {
          d.remote(remote(r, d));
        }
      }
      String expected = theirs(d.text);
      for (int g = 0; g < groups; g++) {
        String before = d.text;
        d.undo();
        assertEquals(theirs(before), theirs(d.text), "seed " + seed + ": an undo touched someone else's text");
      }
      assertEquals(expected, d.text, "seed " + seed);
      assertNull(d.undo(), "nothing left to undo");
    }
  }

  // invariant: with nobody else editing, undo and redo walk exactly through the user's versions
  @Test
  void undoAndRedoWalkBackAndForthThroughTheVersions() {
    for (int seed = 1; seed <= 300; seed++) {
      Random r = new Random(seed);
      Doc d = new Doc("base");
      java.util.List<String> versions = new java.util.ArrayList<>(java.util.List.of(d.text));
      for (int g = 0; g < 4; g++) {
        int n = d.length();
        if (r.nextBoolean() && n > 0) d.local(Change.of(new Delete(r.nextInt(n), 1)));
        else d.local(Change.of(new Insert(r.nextInt(n + 1), mine(r, 1 + r.nextInt(3)))));
        d.now += 5000;
        versions.add(d.text);
      }
      int at = 4;
      for (int k = 0; k < 12; k++) {
        if (r.nextBoolean() && at > 0) {
          d.undo();
          at--;
        } else if (at < 4 && d.history.canRedo()) {
          d.redo();
          at++;
        }
        assertEquals(versions.get(at), d.text, "seed " + seed + ", step " + k);
      }
    }
  }

  @Test
  void redoAfterRemoteEditsPutsBackExactlyTheUndoneText() {
    for (int seed = 1; seed <= 300; seed++) {
      Random r = new Random(seed);
      Doc d = new Doc("shared");
      String typed = mine(r, 1 + r.nextInt(4));
      d.local(Change.of(new Insert(r.nextInt(7), typed)));
      d.now += 5000;
      d.undo();
      for (int k = r.nextInt(4); k > 0; k--) d.remote(Change.of(new Insert(r.nextInt(d.length() + 1), "x")));
      String before = d.text;
      d.redo();
      assertEquals(theirs(before), theirs(d.text), "seed " + seed);
      assertTrue(d.text.contains(typed), "seed " + seed + ": " + d.text);
    }
  }
}
