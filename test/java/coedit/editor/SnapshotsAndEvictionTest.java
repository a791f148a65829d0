package coedit.editor;

import static coedit.editor.Edits.A;
import static coedit.editor.Edits.R;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import coedit.editor.data.DocSnapshot;
import coedit.editor.data.EditSubmission;
import coedit.editor.data.Snapshot;
import coedit.editor.data.SubmitResult;
import coedit.engine.Cluster;
import coedit.engine.FsyncPolicy;
import coedit.engine.MapPState;
import coedit.engine.testing.TestRuntime;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Documents leave memory and come back: $$snapshots holds a snapshot every few versions, a
 * cold document is rebuilt from its snapshot plus the history after it, and every answer is
 * the one the reference model gives.
 */
@ParameterizedClass(name = "on {0}")
@MethodSource("coedit.engine.testing.TestRuntime#all")
class SnapshotsAndEvictionTest {
  @Parameter
  TestRuntime runtime;

  @Test
  void anEvictedDocumentIsRebuiltFromItsSnapshotAndHistoryTail(@TempDir Path dir) {
    // One task and room for one hot document, so editing another one evicts the first.
    EditorConfig tiny = EditorConfig.defaults().withSnapshotEvery(3).withCache(1_000, 1);
    ModelDocumentService model = new ModelDocumentService();
    var module = new CollaborativeDocumentEditorModule(tiny);
    try (Cluster cluster = runtime.durable(dir, c -> c.withPartitions(1).withFsync(FsyncPolicy.NEVER));
        EngineDocumentService editor = new EngineDocumentService(cluster.launch(module))) {
      MapPState<String, Snapshot> docs = cluster.module(CollaborativeDocumentEditorModule.NAME)
          .map(CollaborativeDocumentEditorModule.SNAPSHOTS);
      Both alice = new Both(editor, model, "letter", "alice");
      Both bob = new Both(editor, model, "memo", "bob");

      alice.accepted(A(0, 0, "Dear Bob,"));
      alice.accepted(A(1, 9, " thanks"));
      assertNull(docs.get("letter"), "no snapshot before version 3");
      alice.accepted(A(2, 16, " for the tea."));
      assertEquals(new Snapshot(3, "Dear Bob, thanks for the tea."), docs.get("letter"));
      alice.accepted(R(3, 0, 9));
      alice.accepted(A(4, 0, "Bob:"));

      assertEquals(1, module.stats().documentLoads(), "the letter was loaded once, then kept hot");
      assertEquals(0, module.stats().evictions());
      // Bob's memo takes the only cache slot: the letter is evicted.
      bob.accepted(A(0, 0, "memo"));
      assertEquals(1, module.stats().evictions(), "loading the memo evicted the letter");
      // Alice, still at version 2, appends: the letter is reloaded from the snapshot at 3
      // plus entries 4 and 5, and her change is transformed over entries 3 to 5.
      alice.accepted(A(2, 16, " (and cake)"));
      assertEquals(3, module.stats().documentLoads(), "the letter, the memo, the letter again");
      assertEquals(new Snapshot(6, "Bob: thanks for the tea. (and cake)"), docs.get("letter"));
      bob.accepted(A(1, 4, "!"));
      alice.accepted(R(6, 0, 5));
      assertEquals(model.read("letter"), editor.read("letter"));
      assertEquals(model.read("memo"), editor.read("memo"));
    }
    // After a restart nothing is hot: reads and edits rebuild from disk.
    try (Cluster cluster = runtime.durable(dir, c -> c.withPartitions(1).withFsync(FsyncPolicy.NEVER));
        EngineDocumentService editor = EngineDocumentService.launch(cluster, tiny)) {
      assertEquals(model.read("letter"), editor.read("letter"));
      Both alice = new Both(editor, model, "letter", "alice");
      alice.accepted(A(7, 0, "P.S. "));
      assertEquals(new DocSnapshot("letter", "P.S. thanks for the tea. (and cake)", 8), editor.read("letter"));
    }
  }

  @Test
  void aLongDocumentIsSnapshottedLessOftenSoSnapshotsCostLittlePerEdit() {
    // 256 code points per edit at most: a 2,560 code point document every 10 versions.
    EditorConfig config = EditorConfig.defaults().withSnapshots(3, 256);
    try (var cluster = CollaborativeDocumentEditorModuleTest.cluster(runtime);
        EngineDocumentService editor = EngineDocumentService.launch(cluster, config)) {
      MapPState<String, Snapshot> docs = cluster.module(CollaborativeDocumentEditorModule.NAME)
          .map(CollaborativeDocumentEditorModule.SNAPSHOTS);
      EditorClient alice = new EditorClient(editor, "long", "alice");
      alice.accepted(A(0, 0, "x".repeat(2_560)));
      for (int v = 1; v < 25; v++) alice.accepted(A(v, 0, "y"));
      // Not every 3 versions, as for short texts, but every 10: at 10 and 20.
      assertEquals(20, docs.get("long").version());
    }
  }

  @Test
  void aStaleSubmissionReadsOlderHistoryOnceAndTheNextFindsItInMemory() {
    try (var cluster = CollaborativeDocumentEditorModuleTest.cluster()) {
      var module = new CollaborativeDocumentEditorModule();
      ModelDocumentService model = new ModelDocumentService();
      EngineDocumentService editor = new EngineDocumentService(cluster.launch(module));
      Both alice = new Both(editor, model, "diary", "alice");
      for (int v = 0; v < 3 * Document.RECENT_CHANGES; v++) alice.accepted(A(v, v % 3, "a"));
      assertEquals(0, module.stats().historyReads(), "every submission was current");
      // Bob was offline since version 0: the document holds only its recent changes, so
      // the older ones are read from $$history, and then held.
      new Both(editor, model, "diary", "bob").accepted(A(0, 0, "Bob: "));
      assertEquals(1, module.stats().historyReads());
      // Carol was offline since version 1: everything she missed is in memory now.
      new Both(editor, model, "diary", "carol").accepted(R(1, 0, 1));
      assertEquals(1, module.stats().historyReads(), "the older changes were read once");
      assertEquals(model.read("diary"), editor.read("diary"));
      editor.close();
    }
  }

  /** Submits the same edits to the module and to the reference model; acks must be equal. */
  private record Both(DocumentService editor, ModelDocumentService model, String docId, String clientId) {
    void accepted(Edits.At edit) {
      long seq = System.nanoTime();
      SubmitResult expected = model.submit(new EditSubmission(docId, clientId, seq, edit.version(), edit.change())).join();
      SubmitResult actual = new EditorClient(editor, docId, clientId).submit(seq, edit);
      assertEquals(expected, actual);
    }
  }
}
