package coedit.editor.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import coedit.engine.ByteWriter;
import coedit.engine.Codecs;
import coedit.ot.Change;
import coedit.ot.Insert;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The editor's stored formats: authors round-trip, and what was stored before authors still decodes. */
class EditorCodecsTest {
  static final Change HI = Change.of(new Insert(0, "hi"));

  @Test
  void authorsRoundTripAndNullAuthorsStayNull() {
    for (String author : Arrays.asList("ada", null, "user with spaces é")) {
      EditSubmission s = new EditSubmission("doc", "c1", 3, 2, HI, author);
      assertEquals(s, EditorCodecs.SUBMISSION.decode(EditorCodecs.SUBMISSION.encode(s)));
      HistoryEntry e = new HistoryEntry(3, "c1", 3, 99, HI, author);
      assertEquals(e, EditorCodecs.HISTORY_ENTRY.decode(EditorCodecs.HISTORY_ENTRY.encode(e)));
      ClientSeq k = new ClientSeq(author, "c1", 42);
      assertEquals(k, EditorCodecs.CLIENT_SEQ.decode(EditorCodecs.CLIENT_SEQ.encode(k)));
    }
  }

  @Test
  void formatOneRecordsDecodeWithoutAnAuthor() {
    // Byte for byte what the codecs wrote before authors existed.
    ByteWriter w = new ByteWriter(64);
    w.u8(1);
    w.i64(3);
    w.string("c1");
    w.i64(3);
    w.i64(99);
    w.i32(1);
    w.u8(1);
    w.i32(0);
    w.string("hi");
    assertEquals(new HistoryEntry(3, "c1", 3, 99, HI), EditorCodecs.HISTORY_ENTRY.decode(w.toBytes()));
    ByteWriter s = new ByteWriter(64);
    s.u8(1);
    s.string("doc");
    s.string("c1");
    s.i64(3);
    s.i64(2);
    s.i32(1);
    s.u8(1);
    s.i32(0);
    s.string("hi");
    assertEquals(new EditSubmission("doc", "c1", 3, 2, HI), EditorCodecs.SUBMISSION.decode(s.toBytes()));
  }

  @Test
  void anonymousKeysKeepTheirOldBytesAndOldIndexValuesReadAsFingerprintUnknown() {
    byte[] old = EditorCodecs.CLIENT_SEQ.encode(new ClientSeq("c1", 7));
    assertEquals("c1", new String(old, 0, 2, java.nio.charset.StandardCharsets.UTF_8));
    assertEquals(11, old.length);
    assertEquals(new SeqEntry(5, null), EditorCodecs.SEQ_ENTRY.decode(Codecs.longs().encode(5L)));
    SeqEntry e = new SeqEntry(5, -123456789L);
    assertEquals(e, EditorCodecs.SEQ_ENTRY.decode(EditorCodecs.SEQ_ENTRY.encode(e)));
    assertArrayEquals(Codecs.longs().encode(5L), EditorCodecs.SEQ_ENTRY.encode(new SeqEntry(5, null)));
  }

  @Test
  void oneSubmittersKeysAreContiguousAndSortedBySeq() {
    // invariant: sorting encoded keys groups them by (author, client), then orders by seq
    Random random = new Random(11);
    List<String> authors = Arrays.asList(null, "a", "ab", "b", "a b");
    List<String> clients = List.of("c", "c1", "c-", "d");
    ClientSeq[] keys = new ClientSeq[400];
    for (int i = 0; i < keys.length; i++) {
      keys[i] = new ClientSeq(authors.get(random.nextInt(authors.size())), clients.get(random.nextInt(clients.size())),
          random.nextInt(5) == 0 ? random.nextLong() & Long.MAX_VALUE : random.nextInt(1000));
    }
    Arrays.sort(keys, (x, y) -> Arrays.compareUnsigned(EditorCodecs.CLIENT_SEQ.encode(x), EditorCodecs.CLIENT_SEQ.encode(y)));
    java.util.Set<String> closed = new java.util.HashSet<>();
    for (int i = 1; i < keys.length; i++) {
      if (keys[i].sameSubmitter(keys[i - 1])) {
        assertTrue(keys[i].seq() >= keys[i - 1].seq());
      } else {
        assertTrue(closed.add(keys[i - 1].author() + "/" + keys[i - 1].clientId()), "range of " + keys[i - 1] + " resumed");
      }
    }
  }

  @Test
  void theFingerprintIsOfTheBaseVersionAndChange() {
    long f = EditorCodecs.fingerprint(new EditSubmission("d", "c", 1, 2, HI, "ada"));
    assertEquals(f, EditorCodecs.fingerprint(new EditSubmission("other", "x", 9, 2, HI, null)));
    assertNotEquals(f, EditorCodecs.fingerprint(new EditSubmission("d", "c", 1, 3, HI, "ada")));
    assertNotEquals(f, EditorCodecs.fingerprint(new EditSubmission("d", "c", 1, 2, Change.of(new Insert(0, "ho")), "ada")));
  }
}
