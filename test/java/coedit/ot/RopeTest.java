package coedit.ot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** Rope edge cases, and a randomized comparison against a code-point StringBuilder model. */
class RopeTest {
  private static final String[] PIECES = {"a", "b", "c", "\u00e9", "\uD83D\uDE00", "\uD834\uDD1E", "xyz", "\n"};

  @Test
  void emptyRope() {
    Rope r = new Rope();
    assertEquals(0, r.length());
    assertEquals("", r.toString());
    assertEquals("", r.substring(0, 0));
    r.insert(0, "\uD83D\uDE00");
    r.delete(0, 1);
    assertEquals("", r.toString());
  }

  @Test
  void surrogatePairsAreOneCodePoint() {
    Rope r = new Rope("a\uD83D\uDE00b");
    assertEquals(3, r.length());
    r.insert(2, "\uD834\uDD1E");
    assertEquals("a\uD83D\uDE00\uD834\uDD1Eb", r.toString());
    assertEquals("\uD834\uDD1E", r.substring(2, 3));
    r.delete(1, 2);
    assertEquals("ab", r.toString());
  }

  @Test
  void editsAtBothEndsAndAcrossChunks() {
    Rope r = new Rope(8);
    StringBuilder model = new StringBuilder();
    for (int i = 0; i < 50; i++) {
      r.insert(r.length(), "0123456789".substring(i % 10, i % 10 + 1));
      model.append(i % 10);
      r.insert(0, "ab");
      model.insert(0, "ab");
    }
    assertEquals(model.toString(), r.toString());
    assertTrue(r.chunks() > 10, "text is spread over many chunks");
    r.delete(3, 100);
    model.delete(3, 103);
    assertEquals(model.toString(), r.toString());
    r.delete(0, r.length());
    assertEquals("", r.toString());
    assertEquals(0, r.chunks());
  }

  @Test
  void aChunkFullOfSurrogatePairsIsNeverCutInsideOne() {
    Rope r = new Rope(8);
    String emoji = "\uD83D\uDE00";
    for (int i = 0; i < 40; i++) r.insert(i % 3 == 0 ? 0 : r.length() / 2, emoji);
    assertEquals(emoji.repeat(40), r.toString());
    for (int i = 0; i < 40; i++) assertEquals(emoji, r.substring(i, i + 1));
  }

  @Test
  void depthStaysLogarithmic() {
    Rope r = new Rope(16);
    for (int i = 0; i < 20_000; i++) r.insert(r.length(), "x");
    int chunks = r.chunks();
    assertTrue(chunks > 1000, "many chunks: " + chunks);
    assertTrue(r.depth() < 4 * (32 - Integer.numberOfLeadingZeros(chunks)), "depth " + r.depth() + " for " + chunks);
  }

  @Test
  void randomEditsAgreeWithAStringBuilderModel() {
    for (int chunk : new int[] {8, 13, 64, Rope.DEFAULT_CHUNK}) {
      Random random = new Random(chunk);
      Rope rope = new Rope(chunk);
      StringBuilder model = new StringBuilder();
      for (int step = 0; step < 3000; step++) {
        int len = model.codePointCount(0, model.length());
        if (len == 0 || random.nextInt(5) < 3) {
          StringBuilder text = new StringBuilder();
          int pieces = 1 + (random.nextInt(10) == 0 ? random.nextInt(40) : random.nextInt(3));
          for (int p = 0; p < pieces; p++) text.append(PIECES[random.nextInt(PIECES.length)]);
          int at = pick(random, len + 1);
          rope.insert(at, text.toString());
          model.insert(model.offsetByCodePoints(0, at), text);
        } else {
          int at = pick(random, len);
          int n = 1 + random.nextInt(Math.min(len - at, random.nextInt(8) == 0 ? 60 : 4));
          rope.delete(at, n);
          int from = model.offsetByCodePoints(0, at);
          model.delete(from, model.offsetByCodePoints(from, n));
        }
        assertEquals(model.codePointCount(0, model.length()), rope.length());
        if (step % 50 == 0) {
          assertEquals(model.toString(), rope.toString(), "chunk " + chunk + " step " + step);
          int a = pick(random, rope.length() + 1);
          int b = a + pick(random, rope.length() - a + 1);
          assertEquals(model.substring(model.offsetByCodePoints(0, a), model.offsetByCodePoints(0, b)),
              rope.substring(a, b));
        }
      }
      assertEquals(model.toString(), rope.toString());
    }
  }

  @Test
  void snapshotsKeepTheTextTheyWereTakenAtWhateverEditsFollow() {
    // invariant: every snapshot reads, at the end, the model text of the moment it was taken
    for (int chunk : new int[] {8, 13, 64, Rope.DEFAULT_CHUNK}) {
      Random random = new Random(31 * chunk);
      Rope rope = new Rope(chunk);
      StringBuilder model = new StringBuilder();
      java.util.List<TextSnapshot> snapshots = new java.util.ArrayList<>();
      java.util.List<String> expected = new java.util.ArrayList<>();
      for (int step = 0; step < 3000; step++) {
        int len = model.codePointCount(0, model.length());
        if (random.nextInt(20) == 0) {
          snapshots.add(rope.snapshot());
          expected.add(model.toString());
        }
        if (len == 0 || random.nextInt(5) < 3) {
          StringBuilder text = new StringBuilder();
          int pieces = 1 + (random.nextInt(10) == 0 ? random.nextInt(40) : random.nextInt(3));
          for (int p = 0; p < pieces; p++) text.append(PIECES[random.nextInt(PIECES.length)]);
          int at = pick(random, len + 1);
          rope.insert(at, text.toString());
          model.insert(model.offsetByCodePoints(0, at), text);
        } else {
          int at = pick(random, len);
          int n = 1 + random.nextInt(Math.min(len - at, random.nextInt(8) == 0 ? 60 : 4));
          rope.delete(at, n);
          int from = model.offsetByCodePoints(0, at);
          model.delete(from, model.offsetByCodePoints(from, n));
        }
      }
      assertEquals(model.toString(), rope.toString());
      for (int i = 0; i < snapshots.size(); i++) {
        assertEquals(expected.get(i), snapshots.get(i).toString(), "chunk " + chunk + " snapshot " + i);
        assertEquals(expected.get(i).codePointCount(0, expected.get(i).length()), snapshots.get(i).length());
      }
    }
  }

  @Test
  void aSnapshotCanBeReadOnAnotherThreadWhileTheRopeChanges() throws Exception {
    Rope rope = new Rope("a".repeat(200_000));
    TextSnapshot snap = rope.snapshot();
    java.util.concurrent.CompletableFuture<String> read =
        java.util.concurrent.CompletableFuture.supplyAsync(snap::toString);
    for (int i = 0; i < 20_000; i++) rope.insert(i * 7 % rope.length(), "b");
    assertEquals("a".repeat(200_000), read.get());
    assertEquals(220_000, rope.length());
  }

  /** Biased towards both ends, so boundary offsets come up often. */
  private static int pick(Random random, int bound) {
    int r = random.nextInt(8);
    if (r == 0) return 0;
    if (r == 1) return bound - 1;
    return random.nextInt(bound);
  }
}
