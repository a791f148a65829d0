package coedit.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import coedit.ot.Change;
import coedit.ot.Delete;
import coedit.ot.Insert;
import coedit.ot.Ot;
import coedit.protocol.Wire;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** {@link MessageSplit}: every part fits the limit, and the parts applied in order are the whole change. */
class MessageSplitTest {
  // invariant: apply(apply(d, first), rest...) == apply(d, change) and every submit message <= the limit
  @Test
  void partsFitAndComposeToTheWhole() {
    String[] alphabet = {"a", "é", "日", "😀", "\"", "\\", "\n", "\u0001"};
    for (int seed = 1; seed <= 200; seed++) {
      Random r = new Random(seed);
      long limit = 300 + r.nextInt(700);
      StringBuilder big = new StringBuilder();
      for (int i = 2000 + r.nextInt(3000); i > 0; i--) big.append(alphabet[r.nextInt(alphabet.length)]);
      String doc = "0123456789";
      Change change = Change.of(new Delete(2, 3), new Insert(2, big.toString()), new Insert(0, "head"));
      String expected = Ot.apply(doc, change);
      String text = doc;
      Change rest = change;
      long seq = 1;
      int parts = 0;
      while (rest != null) {
        MessageSplit.Parts p = MessageSplit.fit(seq, 7, rest, limit);
        int bytes = Wire.submit(seq, 7, p.first()).getBytes(StandardCharsets.UTF_8).length;
        assertTrue(bytes <= limit, "seed " + seed + ": " + bytes + " > " + limit);
        assertTrue(!p.first().isEmpty());
        text = Ot.apply(text, p.first());
        rest = p.rest();
        seq++;
        parts++;
      }
      assertEquals(expected, text, "seed " + seed);
      assertTrue(parts > 1);
    }
  }

  @Test
  void aSmallChangeIsOnePart() {
    Change c = Change.of(new Insert(0, "hi"));
    MessageSplit.Parts p = MessageSplit.fit(1, 0, c, 1024);
    assertEquals(c, p.first());
    assertEquals(null, p.rest());
  }
}
