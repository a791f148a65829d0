package coedit.editor;

import static coedit.editor.Edits.A;
import static coedit.editor.Edits.R;
import static coedit.editor.Edits.del;
import static coedit.editor.Edits.ins;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import coedit.editor.data.DocSnapshot;
import coedit.editor.data.HistoryEntry;
import coedit.editor.data.RejectCode;
import coedit.editor.data.SubmitResult.Rejected;
import coedit.editor.data.SubmitResult.Accepted;
import coedit.engine.Cluster;
import coedit.engine.FsyncPolicy;
import coedit.engine.embedded.InProcessCluster;
import coedit.engine.testing.TestRuntime;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;
import coedit.ot.Change;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The collaborative editor module, told as stories on the in-process cluster: the article's
 * scenario with several people on one document, resubmissions, restarts and live watches.
 */
@ParameterizedClass(name = "on {0}")
@MethodSource("coedit.engine.testing.TestRuntime#all")
class CollaborativeDocumentEditorModuleTest {
  @Parameter
  TestRuntime runtime;

  /** The stories' cluster on {@code runtime}: 4 partitions, no fsync (embedded). */
  static Cluster cluster(TestRuntime runtime) {
    return runtime.fresh(c -> c.withFsync(FsyncPolicy.NEVER).withPartitions(4));
  }

  /** The same on the embedded engine, for tests that run on it only. */
  static InProcessCluster cluster() {
    return InProcessCluster.create(c -> c.withFsync(FsyncPolicy.NEVER).withPartitions(4));
  }

  @Test
  void theArticlesScenarioEndsAtHelloWorldThenAtOWorldAbcd() {
    try (Cluster cluster = cluster(runtime);
        EngineDocumentService editor = EngineDocumentService.launch(cluster, EditorConfig.defaults())) {
      EditorClient alice = new EditorClient(editor, "article", "alice");
      EditorClient bob = new EditorClient(editor, "article", "bob");
      EditorClient carol = new EditorClient(editor, "article", "carol");

      // A new document is empty at version 0.
      assertEquals(new DocSnapshot("article", "", 0), editor.read("article"));
      // Alice types "Hellox"; Bob, having seen it, removes the stray x; then they take turns.
      assertEquals(new Accepted(1, ins(0, "Hellox"), false), alice.submit(A(0, 0, "Hellox")));
      assertEquals(new Accepted(2, del(5, 1), false), bob.submit(R(1, 5, 1)));
      assertEquals(new Accepted(3, ins(5, " wor"), false), alice.submit(A(2, 5, " wor")));
      assertEquals(new Accepted(4, ins(9, "ld!"), false), bob.submit(A(3, 9, "ld!")));
      assertEquals(new DocSnapshot("article", "Hello world!", 4), editor.read("article"));

      // Carol last saw version 2 ("Hello"). Her "abcd" at 5 is transformed over " wor" and
      // "ld!", which were accepted at that same spot first, so it lands after them.
      assertEquals(new Accepted(5, ins(12, "abcd"), false), carol.submit(A(2, 5, "abcd")));
      // Also from version 2, she deletes "Hell": nothing since touched it, so it applies as is.
      assertEquals(new Accepted(6, del(0, 4), false), carol.submit(R(2, 0, 4)));
      // Bob, still at version 1 ("Hellox"), deletes "Hel", which Carol already deleted: his
      // change transforms to nothing, yet it is accepted and counts as version 7.
      assertEquals(new Accepted(7, Change.EMPTY, false), bob.submit(R(1, 0, 3)));
      assertEquals(new DocSnapshot("article", "o world!abcd", 7), editor.read("article"));

      // The history holds one entry per accepted submission, as transformed, with its author.
      List<HistoryEntry> history = editor.history("article", 0, 100);
      assertEquals(List.of(1L, 2L, 3L, 4L, 5L, 6L, 7L), history.stream().map(HistoryEntry::version).toList());
      assertEquals(List.of("alice", "bob", "alice", "bob", "carol", "carol", "bob"),
          history.stream().map(HistoryEntry::clientId).toList());
      assertEquals(List.of(ins(12, "abcd"), del(0, 4)),
          editor.history("article", 4, 6).stream().map(HistoryEntry::change).toList());
      // Replaying the history from the empty document gives the text.
      String replayed = "";
      for (HistoryEntry e : history) replayed = coedit.ot.Ot.apply(replayed, e.change());
      assertEquals("o world!abcd", replayed);
    }
  }

  @Test
  void aResubmissionGetsItsOriginalAnswerAndIsNeverAppliedTwiceAlsoAfterARestart(@TempDir Path dir) {
    Accepted first;
    try (Cluster cluster = runtime.durable(dir, c -> c.withPartitions(2));
        EngineDocumentService editor = EngineDocumentService.launch(cluster, EditorConfig.defaults())) {
      EditorClient alice = new EditorClient(editor, "notes", "alice");
      EditorClient bob = new EditorClient(editor, "notes", "bob");
      alice.accepted(A(0, 0, "shopping: "));
      // Bob inserts "milk" against version 0, so it is transformed to go after Alice's text.
      first = bob.accepted(A(0, 0, "milk"));
      assertEquals(new Accepted(2, ins(10, "milk"), false), first);
      // Bob's connection dropped before the ack; he resends seq 0. Same answer, flagged
      // duplicate, and nothing is applied again.
      assertEquals(new Accepted(2, ins(10, "milk"), true), bob.submit(0, A(0, 0, "milk")));
      // A resend whose content differs is not that submission: a seq names one submission
      // forever, so it is refused as a conflict instead of being passed off as applied.
      assertEquals(RejectCode.SEQ_CONFLICT, ((Rejected) bob.submit(0, A(2, 0, "eggs"))).code());
      assertEquals(new DocSnapshot("notes", "shopping: milk", 2), editor.read("notes"));
    }
    // The machine restarts. The index of (docId, clientId, seq) was durable with the history.
    try (Cluster cluster = runtime.durable(dir, c -> c.withPartitions(2));
        EngineDocumentService editor = EngineDocumentService.launch(cluster, EditorConfig.defaults())) {
      EditorClient bob = new EditorClient(editor, "notes", "bob");
      assertEquals(new Accepted(2, ins(10, "milk"), true), bob.submit(0, A(0, 0, "milk")));
      assertEquals(RejectCode.SEQ_CONFLICT, ((Rejected) bob.submit(0, A(0, 0, "eggs"))).code());
      assertEquals(new DocSnapshot("notes", "shopping: milk", 2), editor.read("notes"));
      // Bob's next seq is new and applies normally.
      assertEquals(new Accepted(3, ins(14, ", eggs"), false), bob.submit(1, A(2, 14, ", eggs")));
      assertEquals(3, editor.history("notes", 0, 10).size());
    }
  }

  @Test
  void aWatcherGetsEveryEntryAfterItsVersionOnceAndInOrder() throws InterruptedException {
    try (Cluster cluster = cluster(runtime);
        EngineDocumentService editor = EngineDocumentService.launch(cluster, EditorConfig.defaults())) {
      EditorClient alice = new EditorClient(editor, "live", "alice");
      for (int i = 0; i < 5; i++) alice.accepted(A(i, i, "a"));
      // Bob joins having read version 2; he gets 3, 4, 5 from the history, then live edits.
      BlockingQueue<HistoryEntry> seen = new LinkedBlockingQueue<>();
      try (Subscription s = editor.watch("live", 2, seen::add)) {
        for (int i = 5; i < 200; i++) alice.accepted(A(i, 0, "b"));
        List<Long> versions = new ArrayList<>();
        while (versions.size() < 198) {
          HistoryEntry e = seen.poll(10, TimeUnit.SECONDS);
          assertTrue(e != null, "the watcher stopped after " + versions);
          versions.add(e.version());
        }
        List<Long> expected = new ArrayList<>();
        for (long v = 3; v <= 200; v++) expected.add(v);
        assertEquals(expected, versions);
      }
      // After closing, nothing more arrives.
      alice.accepted(A(200, 0, "c"));
      assertEquals(null, seen.poll(200, TimeUnit.MILLISECONDS));
    }
  }

  @Test
  void aSlowWatcherThatFallsBehindStillGetsEveryEntryFromTheHistory() throws InterruptedException {
    // The engine keeps only 4 undelivered updates per subscriber, then resyncs it; the watch
    // fills the gap from $$history, so the listener never notices.
    try (Cluster cluster = runtime.fresh(c -> c.withFsync(FsyncPolicy.NEVER).withProxyQueueCapacity(4));
        EngineDocumentService editor = EngineDocumentService.launch(cluster, EditorConfig.defaults())) {
      EditorClient alice = new EditorClient(editor, "busy", "alice");
      BlockingQueue<Long> versions = new LinkedBlockingQueue<>();
      List<Long> resyncs = new ArrayList<>();
      try (Subscription s = editor.watch("busy", 0, new HistoryListener() {
        @Override
        public void onEntry(HistoryEntry e) {
          versions.add(e.version());
          try {
            Thread.sleep(2);
          } catch (InterruptedException ignored) {
            Thread.currentThread().interrupt();
          }
        }

        @Override
        public void onResync(long version) {
          resyncs.add(version);
        }
      })) {
        for (int i = 0; i < 300; i++) alice.accepted(A(i, 0, "x"));
        for (long v = 1; v <= 300; v++) assertEquals(v, versions.poll(10, TimeUnit.SECONDS));
        assertEquals(List.of(), resyncs);
      }
    }
  }

  @Test
  void readsHistoryAndWatchesRefuseAnInvalidDocumentIdByName() {
    try (Cluster cluster = cluster(runtime);
        EngineDocumentService editor = EngineDocumentService.launch(cluster, EditorConfig.defaults())) {
      // Any Unicode name is an id ("a b", "x/y", "café"), but not one with a control character.
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> editor.read("a\u0007b"));
      assertTrue(e.getMessage().startsWith("docId \"a") && e.getMessage().contains("has control character U+0007"), e.getMessage());
      assertThrows(IllegalArgumentException.class, () -> editor.history("", 0, 1));
      assertThrows(IllegalArgumentException.class, () -> editor.watch(" x", 0, entry -> {}));
      assertEquals(List.of(), editor.history("x/y café", 0, 10));
      // History ranges are clamped to what exists.
      assertEquals(List.of(), editor.history("nothing-yet", 0, 10));
    }
  }
}
