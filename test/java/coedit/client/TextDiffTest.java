package coedit.client;

import static org.junit.jupiter.api.Assertions.assertEquals;

import coedit.ot.Ot;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** invariant: apply(a, between(a, b)) == b, touching only the middle that differs. */
class TextDiffTest {
  @Test
  void replacesOnlyTheDifferingMiddle() {
    assertEquals("[Delete(2, 1), Insert(2, \"X\")]", TextDiff.between("abcde", "abXde").edits().toString());
    assertEquals(0, TextDiff.between("same", "same").edits().size());
  }

  @Test
  void turnsAnyTextIntoAnyOtherInCodePoints() {
    Random r = new Random(5);
    String alphabet = "ab\uD83D\uDE00c";
    for (int i = 0; i < 500; i++) {
      String a = random(r, alphabet);
      String b = random(r, alphabet);
      assertEquals(b, Ot.apply(a, TextDiff.between(a, b)), a + " -> " + b);
    }
  }

  static String random(Random r, String alphabet) {
    int[] cps = alphabet.codePoints().toArray();
    StringBuilder s = new StringBuilder();
    for (int n = r.nextInt(8); n > 0; n--) s.appendCodePoint(cps[r.nextInt(cps.length)]);
    return s.toString();
  }
}
