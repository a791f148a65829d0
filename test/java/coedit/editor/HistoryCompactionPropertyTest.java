package coedit.editor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import coedit.editor.data.ClientSeq;
import coedit.editor.data.EditSubmission;
import coedit.editor.data.HistoryEntry;
import coedit.editor.data.RejectCode;
import coedit.editor.data.Rejoin;
import coedit.editor.data.SubmitResult;
import coedit.editor.data.SubmitResult.Accepted;
import coedit.editor.data.SubmitResult.Rejected;
import coedit.engine.Cluster;
import coedit.engine.ModuleInstance;
import coedit.engine.ProgressListener;
import coedit.engine.embedded.Engine;
import coedit.engine.testing.TestRuntime;
import coedit.ot.Change;
import coedit.ot.Delete;
import coedit.ot.Insert;
import coedit.ot.Ot;
import coedit.ot.Rebase;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * History compaction never strands a client: generated histories of clients that type,
 * go offline for long stretches (sometimes with a submission whose answer they never got),
 * come back below the horizon and rebase onto the server's text, while the server compacts,
 * restarts and recomputes. Laws checked on every run:
 * <ul>
 *   <li>No client loses text: every character any client typed is in the converged text
 *       exactly once (clients type unique characters; only filler letters are deleted).</li>
 *   <li>All clients converge on the server's text.</li>
 *   <li>No version is reused: each version is one (client, seq) forever, duplicates are
 *       answered with their original version, across restarts and recompute.</li>
 *   <li>The module answers as the reference model does (same step, same retention), and
 *       recompute rebuilds the same state, also from bases after the depots were trimmed.</li>
 *   <li>Storage stays bounded: each document holds at most the retention's bound of entries.</li>
 * </ul>
 * Replay a failure with {@code -Dcoedit.seed=...}.
 */
class HistoryCompactionPropertyTest {
  private static final List<String> DOCS = List.of("d0", "d1");
  private static final int CLIENTS = 5;
  private static final int KEEP = 8;
  /** Clients type unique characters from here on (CJK ideographs): never deleted by anyone. */
  private static final int FIRST_TYPED = 0x4E00;

  // One hot document per task, and both documents on one task: reloads from the PStates are the rule.
  private final EditorConfig config = EditorConfig.defaults().withSnapshots(8, 64).withCache(400, 1)
      .withRetention(HistoryRetention.versions(KEEP));
  private final long seed = Long.getLong("coedit.seed", System.nanoTime());
  private final Random random = new Random(seed);
  private int nextTyped = FIRST_TYPED;

  /**
   * A client as a state: its base (version and text), the submission in flight and whether
   * its answer was lost, and the edits typed since (made on base + in flight).
   */
  private final class Client {
    final String docId;
    final String id;
    long base;
    String baseText = "";
    EditSubmission inFlight; // null: nothing sent and unanswered
    Change buffer = Change.EMPTY;
    String local = "";
    long nextSeq = 1;
    final List<Integer> typed = new ArrayList<>();

    Client(String docId, String id) {
      this.docId = docId;
      this.id = id;
    }

    void type() {
      int length = local.codePointCount(0, local.length());
      Change c;
      if (length > 0 && random.nextInt(4) == 0) {
        // Delete a run of filler letters (never a typed character).
        int at = random.nextInt(length);
        int end = at;
        while (end < length && end - at < 3 && local.codePointAt(local.offsetByCodePoints(0, end)) < FIRST_TYPED) end++;
        if (end == at) return;
        c = new Change(List.of(new Delete(at, end - at)));
      } else if (random.nextBoolean()) {
        int cp = nextTyped++;
        typed.add(cp);
        c = new Change(List.of(new Insert(random.nextInt(length + 1), Character.toString(cp))));
      } else {
        c = new Change(List.of(new Insert(random.nextInt(length + 1), "" + (char) ('a' + random.nextInt(26)))));
      }
      local = Ot.apply(local, c);
      buffer = Ot.compose(buffer, c);
    }
  }

  @Test
  void noClientIsStrandedOrLosesTextAndNoVersionIsReusedAcrossCompactionRestartAndRecompute(@TempDir Path dir) {
    ModelDocumentService model = new ModelDocumentService(config);
    Map<String, Map<Long, ClientSeq>> versions = new HashMap<>();
    List<Client> clients = new ArrayList<>();
    for (String doc : DOCS) for (int i = 0; i < CLIENTS; i++) clients.add(new Client(doc, "c" + i));
    int compactedRejections = 0;
    int steps = 2_000;
    Cluster cluster = TestRuntime.EMBEDDED.durable(dir, c -> c.withPartitions(1));
    EngineDocumentService editor = EngineDocumentService.launch(cluster, config);
    try {
      for (int step = 0; step < steps; step++) {
        // Clients 0 and 1 of each document are mostly offline; the others are busy.
        Client c = clients.get(random.nextInt(clients.size()));
        boolean rarely = c.id.equals("c0") || c.id.equals("c1");
        if (rarely && random.nextInt(12) != 0) continue;
        int action = random.nextInt(10);
        if (action < 6) {
          c.type();
        } else if (c.inFlight != null) {
          // Back from offline: the same submission again, exactly as it was.
          compactedRejections += answer(c, send(editor, model, c.inFlight, versions), editor, model);
        } else if (!c.buffer.isEmpty()) {
          c.inFlight = new EditSubmission(c.docId, c.id, c.nextSeq++, c.base, c.buffer);
          c.buffer = Change.EMPTY;
          SubmitResult r = send(editor, model, c.inFlight, versions);
          // Sometimes the answer is lost: the client goes offline not knowing (the rare ones often).
          if (random.nextInt(rarely ? 2 : 5) != 0) compactedRejections += answer(c, r, editor, model);
        }
        if (step % 500 == 499) {
          // The server restarts over the same data; then recomputes its PStates.
          editor.close();
          cluster.close();
          cluster = TestRuntime.EMBEDDED.durable(dir, c2 -> c2.withPartitions(1));
          editor = EngineDocumentService.launch(cluster, config);
          assertSameAsModel(editor, model);
          ModuleInstance module = cluster.module(CollaborativeDocumentEditorModule.NAME);
          Map<String, Object> before = state(module, editor);
          module.recompute(ProgressListener.NONE);
          assertEquals(before, state(module, editor), "seed " + seed);
          // Then with the depots trimmed below bases: recompute starts from the bases.
          Engine.trimDepots(cluster);
          module.recompute(ProgressListener.NONE);
          assertEquals(before, state(module, editor), "seed " + seed + ": recompute from the bases");
        } else if (random.nextInt(250) == 0) {
          Engine.trimDepots(cluster); // mid-run: later restarts and recomputes start from these bases
        }
      }
      // Everyone comes back online and sends what it has until nothing is pending.
      for (int round = 0; round < 10; round++) {
        for (Client c : clients) {
          if (c.inFlight != null) compactedRejections += answer(c, send(editor, model, c.inFlight, versions), editor, model);
          if (!c.buffer.isEmpty()) {
            c.inFlight = new EditSubmission(c.docId, c.id, c.nextSeq++, c.base, c.buffer);
            c.buffer = Change.EMPTY;
            compactedRejections += answer(c, send(editor, model, c.inFlight, versions), editor, model);
          }
        }
      }
      for (Client c : clients) {
        assertTrue(c.inFlight == null && c.buffer.isEmpty(), "seed " + seed + ": " + c.id + " still has pending edits");
        reconcile(c, editor.rejoin(c.docId, null, c.id));
      }
      assertTrue(compactedRejections > 0, "seed " + seed + ": no client ever came back below the horizon");
      for (String doc : DOCS) {
        String text = editor.read(doc).text();
        List<Integer> all = new ArrayList<>();
        for (Client c : clients) {
          if (!c.docId.equals(doc)) continue;
          assertEquals(text, c.local, "seed " + seed + ": " + c.id + " on " + doc + " did not converge");
          all.addAll(c.typed);
        }
        for (int cp : all) {
          assertEquals(1, text.codePoints().filter(x -> x == cp).count(),
              "seed " + seed + ": typed character U+" + Integer.toHexString(cp) + " on " + doc + " lost or doubled");
        }
        assertRetained(editor, doc, versions.get(doc));
      }
      assertSameAsModel(editor, model);
    } finally {
      editor.close();
      cluster.close();
    }
  }

  /** Submits to the module and the model: the same answer, and a version never given to another. */
  private SubmitResult send(EngineDocumentService editor, ModelDocumentService model, EditSubmission s,
      Map<String, Map<Long, ClientSeq>> versions) {
    SubmitResult actual = editor.submit(s).join();
    assertEquals(model.submitNow(s), actual, "seed " + seed + ", submission " + s);
    if (actual instanceof Accepted a) {
      ClientSeq who = new ClientSeq(s.clientId(), s.seq());
      ClientSeq before = versions.computeIfAbsent(s.docId(), d -> new HashMap<>()).putIfAbsent(a.version(), who);
      assertTrue(before == null || before.equals(who), "seed " + seed + ": version " + a.version() + " of " + s.docId()
          + " given to " + who + " and to " + before);
      assertEquals(before != null, a.duplicate(), "seed " + seed + ": " + s);
    }
    return actual;
  }

  /** What the client does with an answer; returns 1 when it was a compacted base. */
  private int answer(Client c, SubmitResult r, EngineDocumentService editor, ModelDocumentService model) {
    if (r instanceof Rejected rej && rej.code() != RejectCode.HISTORY_COMPACTED) {
      fail("seed " + seed + ": " + c.id + " refused: " + rej);
    }
    // Accepted, or made below the horizon: either way the client takes the server's text and
    // rebases what is not in it (a text diff, then the usual transform).
    Rejoin j = editor.rejoin(c.docId, null, c.id);
    assertEquals(model.rejoin(c.docId, null, c.id).text().version(), j.text().version());
    reconcile(c, j);
    return r instanceof Rejected ? 1 : 0;
  }

  /** Takes the server's text; what it does not hold yet stays pending, rebased onto it. */
  private void reconcile(Client c, Rejoin j) {
    Change pending = c.buffer;
    String onto = c.baseText;
    if (c.inFlight != null) {
      if (j.lastSeq() >= c.inFlight.seq()) {
        onto = Ot.apply(c.baseText, c.inFlight.change()); // it is in the server's text
      } else {
        pending = Ot.compose(c.inFlight.change(), c.buffer); // never accepted, and never will be
      }
    }
    String server = j.text().text().toString();
    Rebase.Rebased r = Rebase.onto(onto, pending, server);
    String local = Ot.apply(c.local, r.toApply());
    assertEquals(Ot.apply(server, r.pending()), local, "seed " + seed + ": the rebase law");
    c.local = local;
    c.base = j.text().version();
    c.baseText = server;
    c.inFlight = null;
    c.buffer = r.pending();
  }

  /** The history above the horizon is exactly what was accepted there, and it is bounded. */
  private void assertRetained(EngineDocumentService editor, String doc, Map<Long, ClientSeq> versions) {
    long horizon = editor.horizon(doc);
    long version = editor.read(doc).version();
    assertTrue(horizon > 0, "seed " + seed + ": nothing compacted on " + doc);
    assertThrows(HistoryCompactedException.class, () -> editor.history(doc, horizon - 1, version));
    List<HistoryEntry> kept = editor.history(doc, horizon, version);
    assertEquals(version - horizon, kept.size());
    for (HistoryEntry e : kept) assertEquals(versions.get(e.version()), new ClientSeq(e.clientId(), e.seq()));
    long length = editor.read(doc).text().codePointCount(0, editor.read(doc).text().length());
    long bound = 2 * Math.max(Math.max(KEEP, HistoryRetention.MIN_BATCH), length / config.snapshotCharsPerEdit()) + 1;
    assertTrue(kept.size() <= bound, "seed " + seed + ": " + kept.size() + " entries kept on " + doc);
  }

  private void assertSameAsModel(EngineDocumentService editor, ModelDocumentService model) {
    for (String doc : DOCS) {
      assertEquals(model.read(doc), editor.read(doc), "seed " + seed);
      assertEquals(model.horizon(doc), editor.horizon(doc), "seed " + seed);
    }
  }

  /** Everything the module stores about each document, plus what the queries return. */
  private static Map<String, Object> state(ModuleInstance module, EngineDocumentService editor) {
    Map<String, Object> state = new HashMap<>();
    for (String doc : DOCS) {
      long horizon = editor.horizon(doc);
      state.put(doc + " query", editor.read(doc));
      state.put(doc + " horizon", horizon);
      state.put(doc + " history", editor.history(doc, horizon, Long.MAX_VALUE));
      state.put(doc + " snapshot", module.map(CollaborativeDocumentEditorModule.SNAPSHOTS).get(doc));
      state.put(doc + " horizon text", module.map(CollaborativeDocumentEditorModule.HORIZONS).get(doc));
      state.put(doc + " index", module.sortedMap(CollaborativeDocumentEditorModule.SUBMISSIONS)
          .range(doc, null, null, Integer.MAX_VALUE));
    }
    return state;
  }

  @Test
  void entriesYoungerThanTheAgeBoundAreKeptAndOlderOnesGo() {
    long[] now = {1_000_000};
    ModelDocumentService model = new ModelDocumentService(config.withRetention(HistoryRetention.age(Duration.ofMinutes(1))));
    model.clock(() -> now[0]);
    for (int i = 1; i <= 100; i++) {
      model.submitNow(new EditSubmission("doc", "c", i, i - 1, new Change(List.of(new Insert(0, "x")))));
      now[0] += 1_000; // one edit a second: the last minute is 60 entries
    }
    assertEquals(0, model.horizon("doc"), "all of it is younger than a minute at the 60th");
    now[0] += 120_000;
    model.submitNow(new EditSubmission("doc", "c", 101, 100, new Change(List.of(new Insert(0, "x")))));
    assertEquals(100, model.horizon("doc"), "two minutes later only the newest entry is young");
    assertEquals(101, model.read("doc").text().length());
  }
}
