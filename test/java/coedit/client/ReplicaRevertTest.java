package coedit.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import coedit.ot.Change;
import coedit.ot.Delete;
import coedit.ot.Insert;
import coedit.ot.Ot;
import coedit.protocol.EditJson;
import coedit.protocol.Json;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link Replica#revert}, as properties on random histories: a submission in flight (upper
 * case letters), later local edits (digits), and the others' accepted changes (lower case)
 * arriving before the refusal, in any order.
 */
class ReplicaRevertTest {
  // invariant: after a revert the local text is the server's text with the next submission applied (or
  // the server's text when nothing else is pending), and holds none of the refused change's text
  @Test
  void aRefusedSubmissionIsTakenOutExactlyAndTheRestGoesNext() {
    for (int seed = 1; seed <= 500; seed++) {
      Random r = new Random(seed);
      Replica replica = new Replica("me");
      String server = lower(r, r.nextInt(12));
      replica.takeText(0, server);
      long version = 0;
      // The submission that will be refused: inserts of ours, or a delete of the shared text.
      Replica.Outgoing refused = replica.edit(local(r, replica.text(), true));
      boolean deletedShared = replica.text().length() < server.length();
      for (int step = r.nextInt(8); step > 0; step--) {
        if (r.nextBoolean()) {
          replica.edit(local(r, replica.text(), false));
        } else {
          Change theirs = remote(r, server);
          server = Ot.apply(server, theirs);
          replica.entry(new ServerMessage.Entry(++version, "other", step, theirs, false));
        }
      }
      Replica.Reverted done = replica.revert();
      String text = replica.text();
      String expected = done.next() == null ? server : Ot.apply(server, sent(done.next()));
      assertEquals(expected, text, "seed " + seed + ": the text is the server's plus what goes next");
      assertFalse(text.chars().anyMatch(Character::isUpperCase), "seed " + seed + ": the refused inserts are gone: " + text);
      if (done.next() != null) assertEquals(refused.seq() + 1, done.next().seq(), "seed " + seed + ": a new seq");
      if (deletedShared && done.next() == null && version == 0) assertEquals(server, text, "seed " + seed);
    }
  }

  static Change sent(Replica.Outgoing out) {
    return EditJson.parse(Json.parseObject(out.message()).get("edits"));
  }

  static String lower(Random r, int n) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < n; i++) b.append((char) ('a' + r.nextInt(26)));
    return b.toString();
  }

  /** One local edit: upper-case inserts (or a delete) for the refused change, digits (or a delete) after it. */
  static Change local(Random r, String text, boolean refused) {
    int n = text.length();
    if (n > 0 && r.nextInt(3) == 0) {
      int at = r.nextInt(n);
      return Change.of(new Delete(at, 1 + r.nextInt(Math.min(3, n - at))));
    }
    char c = refused ? (char) ('A' + r.nextInt(26)) : (char) ('0' + r.nextInt(10));
    return Change.of(new Insert(r.nextInt(n + 1), String.valueOf(c).repeat(1 + r.nextInt(3))));
  }

  /** Someone else's accepted change on the server's text. */
  static Change remote(Random r, String server) {
    int n = server.length();
    if (n > 0 && r.nextInt(3) == 0) {
      int at = r.nextInt(n);
      return Change.of(new Delete(at, 1 + r.nextInt(Math.min(4, n - at))));
    }
    return Change.of(new Insert(r.nextInt(n + 1), lower(r, 1 + r.nextInt(3))));
  }
}
