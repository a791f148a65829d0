package coedit.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import coedit.ot.Change;
import coedit.ot.Delete;
import coedit.ot.Insert;
import coedit.ot.Ot;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A frame of entries integrated at once ({@link Replica#entries}) does what integrating
 * them one by one ({@link Replica#entry}) does: same steps, text, version and pending edits.
 */
class ReplicaTest {

  /** A random single edit of {@code text}. */
  private static Change edit(Random random, String text, String letters) {
    int n = text.codePointCount(0, text.length());
    if (n > 1 && random.nextInt(4) == 0) return Change.of(new Delete(random.nextInt(n - 1), 1));
    return Change.of(new Insert(random.nextInt(n + 1), String.valueOf(letters.charAt(random.nextInt(letters.length())))));
  }

  /** Two replicas at version 0 of "hello world" with the same {@code k} offline edits; the first is in flight. */
  private record Twins(Replica fast, Replica oneByOne, Change inFlight) {}

  private static Twins offlineTwins(Random random, int k) {
    Replica fast = new Replica("me");
    Replica oneByOne = new Replica("me");
    String local = "hello world";
    fast.takeText(0, local);
    oneByOne.takeText(0, local);
    Change first = null;
    for (int i = 0; i < k; i++) {
      Change c = edit(random, local, "xyz");
      local = Ot.apply(local, c);
      fast.edit(c);
      oneByOne.edit(c);
      if (first == null) first = c;
    }
    return new Twins(fast, oneByOne, first);
  }

  @Test
  void aFrameOfEntriesIsIntegratedAsOneByOne() {
    Random random = new Random(5);
    for (int trial = 0; trial < 200; trial++) {
      Twins twins = offlineTwins(random, random.nextInt(12));
      Change inFlight = twins.inFlight();
      // The server: others' entries, with our in-flight submission accepted somewhere among them.
      String server = "hello world";
      List<Change> history = new ArrayList<>();
      List<ServerMessage.Entry> frame = new ArrayList<>();
      int m = random.nextInt(15);
      int oursAt = inFlight == null ? -1 : random.nextInt(m + 1);
      for (int i = 0; i <= m; i++) {
        if (i == oursAt) {
          Change accepted = Ot.transformOverHistory(inFlight, history);
          frame.add(new ServerMessage.Entry(history.size() + 1, null, twins.fast().inFlight().seq(), accepted, true));
          history.add(accepted);
          server = Ot.apply(server, accepted);
        }
        if (i == m) break;
        Change other = edit(random, server, "pq");
        history.add(other);
        server = Ot.apply(server, other);
        frame.add(new ServerMessage.Entry(history.size(), "bo", i + 1, other, false));
      }
      List<Replica.Step> oneByOne = new ArrayList<>();
      for (ServerMessage.Entry e : frame) oneByOne.add(twins.oneByOne().entry(e));
      assertEquals(oneByOne, twins.fast().entries(frame), "trial " + trial);
      assertEquals(twins.oneByOne().text(), twins.fast().text());
      assertEquals(twins.oneByOne().version(), twins.fast().version());
      assertEquals(twins.oneByOne().pending(), twins.fast().pending());
    }
  }

  @Test
  void aGapEndsTheFrame() {
    Replica replica = offlineTwins(new Random(1), 3).fast();
    Change a = Change.of(new Insert(0, "a"));
    List<ServerMessage.Entry> frame = List.of(new ServerMessage.Entry(1, "bo", 1, a, false),
        new ServerMessage.Entry(2, "bo", 2, a, false), new ServerMessage.Entry(4, "bo", 4, a, false),
        new ServerMessage.Entry(5, "bo", 5, a, false));
    List<Replica.Step> steps = replica.entries(frame);
    assertEquals(3, steps.size());
    assertEquals(new Replica.Gap(3, 4), steps.get(2));
    assertEquals(2, replica.version());
    assertInstanceOf(Replica.Known.class, replica.entries(List.of(frame.get(0))).get(0));
  }

  // invariant: after a compacted join, local text == server text + our rebased pending edits,
  // and every character we typed is in it, whether or not our in-flight change got in.
  @Test
  void aCompactedJoinRebasesWhatTheServerTextLacksOfOurs() {
    for (boolean accepted : new boolean[] {false, true}) {
      Replica r = new Replica("me");
      r.takeText(3, "abc");
      r.edit(Change.of(new Insert(3, "X"))); // in flight, seq 1
      r.edit(Change.of(new Insert(0, "Y"))); // buffered
      // The server went on without us (or with our X, if accepted), then compacted.
      String server = accepted ? "zzabcX" : "zzabc";
      Replica.Rebased rb = r.rebaseOnto(40, server, accepted ? 1 : -1);
      // The server's text keeps its place first at a tie ("zz" before our "Y").
      assertEquals("zzYabcX", r.text());
      assertEquals(40, r.version());
      assertEquals(2, rb.send().seq(), "a new seq: the old one is never reused");
      assertEquals("zzYabcX", Ot.apply(server, r.inFlightChangeForTest()), "what goes in flight is what the text lacks");
    }
  }

  @Test
  void aSubmissionRefusedAsCompactedGoesAgainUnderANewSeqAsTransformedSince() {
    Replica r = new Replica("me");
    r.takeText(3, "abc");
    Replica.Outgoing first = r.edit(Change.of(new Insert(3, "X")));
    assertEquals(1, first.seq());
    r.entry(new ServerMessage.Entry(4, "other", 9, Change.of(new Insert(0, "zz")), false));
    r.inFlightRefused();
    Replica.Outgoing again = r.resubmitRefused();
    assertEquals(2, again.seq());
    assertEquals("zzabcX", Ot.apply("zzabc", r.inFlightChangeForTest()));
    assertEquals(null, r.resubmitRefused(), "once");
  }
}
