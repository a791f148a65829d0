package coedit.engine.storage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The storage SPI's contract, run against every implementation (sharedb's test/db.js). */
public abstract class StorageConformance {

  protected abstract Storage open();

  private Storage s;

  @BeforeEach
  void openStorage() {
    s = open();
  }

  @AfterEach
  void closeStorage() {
    s.close();
  }

  private static byte[] b(int... v) {
    byte[] out = new byte[v.length];
    for (int i = 0; i < v.length; i++) {
      out[i] = (byte) v[i];
    }
    return out;
  }

  private void put(Space space, byte[] k, byte[] v) {
    Batch batch = s.newBatch();
    batch.put(space, k, v);
    s.write(batch, true);
  }

  private static List<String> keys(List<KV> kvs) {
    return kvs.stream().map(kv -> java.util.Arrays.toString(kv.key())).toList();
  }

  // invariant: a snapshot reads the state it was taken at, whatever is written after it
  @Test
  void aSnapshotSeesNeitherLaterWritesNorLaterDeletes() {
    put(Space.PSTATE, b(1), b(1));
    put(Space.BASE, b(2), b(2));
    try (Snapshot snap = s.snapshot()) {
      put(Space.PSTATE, b(1), b(9));
      put(Space.PSTATE, b(3), b(3));
      Batch batch = s.newBatch();
      batch.deleteRange(Space.BASE, b(), b(0xff));
      s.write(batch, true);
      assertArrayEquals(b(1), snap.get(Space.PSTATE, b(1)));
      assertEquals(List.of("[1]"), keys(snap.scan(Space.PSTATE, b(), null, 10)));
      assertArrayEquals(b(2), snap.get(Space.BASE, b(2)));
      assertNull(s.get(Space.BASE, b(2)));
      assertArrayEquals(b(9), s.get(Space.PSTATE, b(1)));
    }
  }

  // invariant: compacting a range changes no value anywhere
  @Test
  void compactingChangesNoValue() {
    for (int i = 0; i < 50; i++) put(Space.DEPOT, b(0, i), b(i));
    Batch batch = s.newBatch();
    batch.deleteRange(Space.DEPOT, b(0, 0), b(0, 40));
    s.write(batch, true);
    s.compact(Space.DEPOT, b(0, 0), b(0, 40));
    assertEquals(10, s.scan(Space.DEPOT, b(), null, 100).size());
    assertArrayEquals(b(45), s.get(Space.DEPOT, b(0, 45)));
  }

  @Test
  void spacesAreSeparateAndKeysOrderAsUnsignedBytes() {
    put(Space.PSTATE, b(0x80), b(1));
    put(Space.PSTATE, b(0x01), b(2));
    put(Space.PSTATE, b(0x01, 0x00), b(3));
    put(Space.DEPOT, b(0x01), b(9));
    assertArrayEquals(b(2), s.get(Space.PSTATE, b(0x01)));
    assertArrayEquals(b(9), s.get(Space.DEPOT, b(0x01)));
    assertNull(s.get(Space.META, b(0x01)));
    assertEquals(List.of("[1]", "[1, 0]", "[-128]"), keys(s.scan(Space.PSTATE, b(), null, 10)));
    assertEquals(List.of("[1, 0]"), keys(s.scan(Space.PSTATE, b(0x01, 0x00), b(0x80), 10)));
    assertEquals(List.of("[1]"), keys(s.scan(Space.PSTATE, b(), null, 1)));
  }

  @Test
  void lastFindsTheGreatestKeyBelowTheBound() {
    put(Space.DEPOT, b(1, 1), b());
    put(Space.DEPOT, b(1, 5), b());
    put(Space.DEPOT, b(2, 0), b());
    assertArrayEquals(b(1, 5), s.last(Space.DEPOT, b(1), b(2)).key());
    assertArrayEquals(b(2, 0), s.last(Space.DEPOT, b(1), b(3)).key());
    assertNull(s.last(Space.DEPOT, b(3), b(4)));
    assertNull(s.last(Space.DEPOT, b(1, 2), b(1, 5)));
  }

  @Test
  void batchesApplyInOrderIncludingDeletesAndRanges() {
    Batch batch = s.newBatch();
    for (int i = 0; i < 10; i++) {
      batch.put(Space.PSTATE, b(7, i), b(i));
    }
    batch.delete(Space.PSTATE, b(7, 0));
    batch.deleteRange(Space.PSTATE, b(7, 3), b(7, 6));
    batch.put(Space.PSTATE, b(7, 4), b(44));
    assertEquals(13, batch.size());
    s.write(batch, false);
    assertEquals(List.of("[7, 1]", "[7, 2]", "[7, 4]", "[7, 6]", "[7, 7]", "[7, 8]", "[7, 9]"),
        keys(s.scan(Space.PSTATE, b(7), b(8), 100)));
    assertArrayEquals(b(44), s.get(Space.PSTATE, b(7, 4)));
    assertArrayEquals(b(), putEmpty());
  }

  private byte[] putEmpty() {
    put(Space.META, b(1), b());
    return s.get(Space.META, b(1));
  }

  @Test
  void aClosedStorageSaysSo() {
    s.close();
    StorageException e = assertThrows(StorageException.class, () -> s.get(Space.META, b(1)));
    assertEquals(true, e.getMessage().contains("closed"));
  }
}
