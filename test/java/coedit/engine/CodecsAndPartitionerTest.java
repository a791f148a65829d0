package coedit.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class CodecsAndPartitionerTest {

  @Test
  void murmur3MatchesPublishedVectors() {
    assertEquals(0, Partitioner.murmur3(new byte[0]));
    assertEquals(0x248bfa47, Partitioner.murmur3("hello".getBytes(StandardCharsets.UTF_8)));
    assertEquals(0x2e4ff723, Partitioner.murmur3(
        "The quick brown fox jumps over the lazy dog".getBytes(StandardCharsets.UTF_8)));
    assertEquals(0xb3dd93fa, Partitioner.murmur3("abc".getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void partitionsAreStableAndCanonical() {
    // Pinned: changing these moves every stored key.
    assertEquals(Math.floorMod(0x248bfa47, 7), Partitioner.partition("hello", 7));
    assertEquals(Partitioner.partition(new byte[] {0, 0, 0, 0, 0, 0, 0, 5}, 16),
        Partitioner.partition(5L, 16));
    assertEquals(Partitioner.partition(new byte[] {0, 0, 0, 5}, 16), Partitioner.partition(5, 16));
    UUID u = new UUID(1, 2);
    assertEquals(Partitioner.partition(new byte[] {0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 2},
        16), Partitioner.partition(u, 16));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Partitioner.partition(3.5, 4));
    assertTrue(e.getMessage().contains("java.lang.Double"), e.getMessage());
    assertEquals(Partitioner.partition("doc", 8),
        Partitioner.partitionOfKey("doc", Codecs.string(), 8));
  }

  @Test
  void orderPreservingCodecsSortLikeTheirValues() {
    Random r = new Random(1);
    for (int i = 0; i < 2000; i++) {
      long a = r.nextLong() >> r.nextInt(64);
      long b = r.nextLong() >> r.nextInt(64);
      assertEquals(Integer.signum(Long.compare(a, b)),
          Integer.signum(Arrays.compareUnsigned(Codecs.longs().encode(a), Codecs.longs().encode(b))));
      assertEquals(a, Codecs.longs().decode(Codecs.longs().encode(a)));
      int x = (int) a;
      int y = (int) b;
      assertEquals(Integer.signum(Integer.compare(x, y)),
          Integer.signum(Arrays.compareUnsigned(Codecs.ints().encode(x), Codecs.ints().encode(y))));
    }
    assertEquals("héllo 😀", Codecs.string().decode(Codecs.string().encode("héllo 😀")));
  }

  record Point(int x, int y) implements java.io.Serializable {}

  @Test
  void codecsRejectBadBytesClearly() {
    assertTrue(assertThrows(CodecException.class, () -> Codecs.longs().decode(new byte[3]))
        .getMessage().contains("expected 8 bytes, got 3"));
    Codec<Point> points = Codecs.serializable(Point.class);
    assertEquals(new Point(1, 2), points.decode(points.encode(new Point(1, 2))));
    byte[] aString = Codecs.serializable(String.class).encode("x");
    assertTrue(assertThrows(CodecException.class, () -> points.decode(aString)).getMessage()
        .contains("decoded a java.lang.String"));
    assertTrue(assertThrows(CodecException.class, () -> points.decode(new byte[] {1, 2}))
        .getMessage().contains("cannot decode 2 bytes"));
    assertArrayEquals(new byte[] {1}, Codecs.bytes().decode(new byte[] {1}));
  }
}
