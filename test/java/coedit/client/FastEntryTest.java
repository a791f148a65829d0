package coedit.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import coedit.ot.Change;
import coedit.ot.Delete;
import coedit.ot.Insert;
import coedit.protocol.Wire;
import org.junit.jupiter.api.Test;

/** invariant: the streaming reader agrees with the tree parser, or declines (null). */
class FastEntryTest {
  @Test
  void readsEntriesAndAcksAsTheServerWritesThem() {
    Change c = Change.of(new Delete(9, 2), new Insert(3, "a\uD83D\uDE00\"\\\n"));
    assertEquals(new ServerMessage.Entry(7, "bo", 41, c, false, null), FastEntry.parse(Wire.entry(7, "bo", 41, c)));
    assertEquals(new ServerMessage.Entry(8, null, 5, c, true, null), FastEntry.parse(Wire.ack(5, 8, c)));
    assertEquals(new ServerMessage.Entry(9, null, 6, Change.EMPTY, true, null), FastEntry.parse(Wire.ack(6, 9, Change.EMPTY)));
    assertEquals(new ServerMessage.Entry(7, "bo", 41, c, false, "bob@example"), FastEntry.parse(Wire.entry(7, "bo", 41, c, "bob@example")));
  }

  @Test
  void ignoresExtraFieldsAndDeclinesEverythingElse() {
    assertEquals(new ServerMessage.Entry(1, "x", 2, Change.of(new Insert(0, "y")), false, null),
        FastEntry.parse("{\"type\":\"entry\",\"extra\":{\"a\":[1]},\"version\":1,\"clientId\":\"x\",\"seq\":2,"
            + "\"edits\":[{\"type\":\"insert\",\"offset\":0,\"text\":\"y\",\"more\":true}]}"));
    assertNull(FastEntry.parse(Wire.live(3)));
    assertNull(FastEntry.parse("{\"type\":\"entry\",\"version\":1"));
    assertNull(FastEntry.parse("{\"type\":\"entry\",\"version\":1,\"clientId\":\"x\",\"seq\":2,\"edits\":[{\"type\":\"bold\",\"offset\":0}]}"));
    assertNull(FastEntry.parse("{\"type\":\"entry\",\"version\":1,\"seq\":2,\"edits\":[]}"));
  }
}
