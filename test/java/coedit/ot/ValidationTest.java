package coedit.ot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Every rejected edit gets one exception type whose message names edit, problem and length. */
class ValidationTest {

  private static String rejection(String doc, Edit... edits) {
    return assertThrows(InvalidChangeException.class, () -> Ot.apply(doc, Change.of(edits))).getMessage();
  }

  @Test
  void negativeNumbers() {
    assertEquals("edit 0 Insert(-1, \"x\"): offset is negative; document length 5 code points",
        rejection("hello", new Insert(-1, "x")));
    assertEquals("edit 0 Delete(-2, 1): offset is negative; document length 5 code points",
        rejection("hello", new Delete(-2, 1)));
    assertEquals("edit 0 Delete(1, -1): length is negative; document length 5 code points",
        rejection("hello", new Delete(1, -1)));
  }

  @Test
  void outOfRange() {
    assertEquals("edit 0 Insert(6, \"x\"): offset 6 is past the end of the document; document length 5 code points",
        rejection("hello", new Insert(6, "x")));
    assertEquals("edit 0 Delete(3, 3): range [3, 6) runs past the end of the document; "
        + "document length 5 code points", rejection("hello", new Delete(3, 3)));
    assertEquals("edit 0 Delete(2147483647, 1): range [2147483647, 2147483648) runs past the end of the document; "
        + "document length 5 code points", rejection("hello", new Delete(Integer.MAX_VALUE, 1)));
  }

  @Test
  void emptyOrMissingContent() {
    assertEquals("edit 0 Delete(1, 0): length is 0 (an empty delete changes nothing); document length 5 code points",
        rejection("hello", new Delete(1, 0)));
    assertEquals("edit 0 Insert(1, null): text is null; document length 5 code points",
        rejection("hello", new Insert(1, null)));
    assertEquals("edit 0 Insert(1, \"\"): text is empty (an insert must add something); document length 5 code points",
        rejection("hello", new Insert(1, "")));
    assertEquals("edit 0 Insert(0, \"a\uD800\"): text has an unpaired surrogate at UTF-16 index 1 (not valid Unicode); "
        + "document length 5 code points", rejection("hello", new Insert(0, "a\uD800")));
  }

  @Test
  void laterEditsAreCheckedAgainstTheLengthEarlierEditsLeave() {
    assertEquals("edit 1 Delete(3, 1): range [3, 4) runs past the end of the document; "
        + "document length 3 code points when this edit applies",
        rejection("hello", new Delete(0, 2), new Delete(3, 1)));
  }

  @Test
  void lengthsCountCodePoints() {
    String doc = "\uD83D\uDE00\uD83D\uDE00";
    assertEquals("\uD83D\uDE00", Ot.apply(doc, Change.of(new Delete(1, 1))));
    assertEquals("edit 0 Delete(1, 2): range [1, 3) runs past the end of the document; document length 2 code points",
        rejection(doc, new Delete(1, 2)));
  }

  @Test
  void longTextIsCutInTheMessage() {
    String text = "x".repeat(100);
    assertEquals("edit 0 Insert(9, \"" + "x".repeat(32) + "...\" (100 code points)): offset 9 is past the end "
        + "of the document; document length 0 code points", rejection("", new Insert(9, text)));
  }

  @Test
  void nothingIsAppliedWhenALaterEditIsInvalid() {
    Rope rope = new Rope("hello");
    assertThrows(InvalidChangeException.class,
        () -> Ot.apply(rope, Change.of(new Insert(0, "abc"), new Delete(0, 99))));
    assertEquals("hello", rope.toString());
  }

  @Test
  void malformedChangesAreRejectedWhenBuilt() {
    assertEquals("edit 1 of the change is null",
        assertThrows(InvalidChangeException.class, () -> new Change(Arrays.asList(new Insert(0, "a"), null)))
            .getMessage());
    assertThrows(InvalidChangeException.class, () -> new Change(null));
    assertThrows(InvalidChangeException.class, () -> Ot.apply((String) null, Change.EMPTY));
    assertThrows(InvalidChangeException.class, () -> Ot.apply("x", null));
  }

  @Test
  void ropeMethodsUseTheSameRules() {
    Rope rope = new Rope("abc");
    assertEquals("edit Delete(2, 2): range [2, 4) runs past the end of the document; document length 3 code points",
        assertThrows(InvalidChangeException.class, () -> rope.delete(2, 2)).getMessage());
    assertEquals("substring [2, 5) is out of range for a rope of 3 code points",
        assertThrows(IndexOutOfBoundsException.class, () -> rope.substring(2, 5)).getMessage());
  }
}
