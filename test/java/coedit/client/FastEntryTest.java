package coedit.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import coedit.ot.Change;
import coedit.ot.Delete;
import coedit.ot.Insert;
import coedit.server.protocol.Wire;
import org.junit.jupiter.api.Test;

/** invariant: the streaming reader agrees with the tree parser, or declines (null). */
class FastEntryTest {
  @Test
  void readsEntriesAndAcksAsTheServerWritesThem() {
    Change c = Change.of(new Delete(9, 2), new Insert(3, "a\uD83D\uDE00\"\\\n"));
    assertEquals(new ServerMessage.Entry(7, "bo", 41, c, false), FastEntry.parse(Wire.entry(7, "bo", 41, c)));
    assertEquals(new ServerMessage.Entry(8, null, 5, c, true), FastEntry.parse(Wire.ack(5, 8, c)));
    assertEquals(new ServerMessage.Entry(9, null, 6, Change.EMPTY, true), FastEntry.parse(Wire.ack(6, 9, Change.EMPTY)));
  }

  @Test
  void ignoresExtraFieldsAndDeclinesEverythingElse() {
    assertEquals(new ServerMessage.Entry(1, "x", 2, Change.of(new Insert(0, "y")), false),
        FastEntry.parse("{\"type\":\"entry\",\"extra\":{\"a\":[1]},\"version\":1,\"clientId\":\"x\",\"seq\":2,"
            + "\"edits\":[{\"type\":\"insert\",\"offset\":0,\"text\":\"y\",\"more\":true}]}"));
    assertNull(FastEntry.parse(Wire.live(3)));
    assertNull(FastEntry.parse("{\"type\":\"entry\",\"version\":1"));
    assertNull(FastEntry.parse("{\"type\":\"entry\",\"version\":1,\"clientId\":\"x\",\"seq\":2,\"edits\":[{\"type\":\"bold\",\"offset\":0}]}"));
    assertNull(FastEntry.parse("{\"type\":\"entry\",\"version\":1,\"seq\":2,\"edits\":[]}"));
  }

  @Test
  void theExactReaderAgreesWithTheTreeParserOrDeclines() {
    java.util.Random r = new java.util.Random(7);
    String odd = "ab\"\\\n\u0001é😀";
    for (int n = 0; n < 2000; n++) {
      java.util.List<coedit.ot.Edit> edits = new java.util.ArrayList<>();
      for (int k = r.nextInt(4); k >= 0; k--) {
        if (r.nextBoolean()) {
          edits.add(new Delete(r.nextInt(1000), 1 + r.nextInt(50)));
        } else {
          StringBuilder t = new StringBuilder();
          for (int j = 1 + r.nextInt(4); j > 0; j--) t.appendCodePoint(odd.codePointAt(odd.offsetByCodePoints(0, r.nextInt(odd.codePointCount(0, odd.length())))));
          edits.add(new Insert(r.nextInt(1000), t.toString()));
        }
      }
      Change c = new Change(edits);
      String id = r.nextInt(5) == 0 ? "q\"" : "bo" + n;
      for (String m : new String[] {Wire.entry(n, id, n * 3L, c), Wire.ack(n * 3L, n, c)}) {
        ServerMessage expected = ServerMessage.parseTree(m);
        ServerMessage.Entry exact = ExactEntry.parse(m);
        if (exact != null) assertEquals(expected, exact, m);
        assertEquals(expected, FastEntry.parse(m), m);
        // a truncated or extended message is never read as something else
        assertNull(ExactEntry.parse(m.substring(0, m.length() - 1)));
        assertNull(ExactEntry.parse(m + " "));
      }
    }
  }
}
