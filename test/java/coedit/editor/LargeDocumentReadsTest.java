package coedit.editor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import coedit.editor.data.DocSnapshot;
import coedit.editor.data.DocText;
import coedit.editor.data.EditSubmission;
import coedit.engine.embedded.InProcessCluster;
import coedit.ot.Change;
import coedit.ot.Insert;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * Reading a document costs its task O(1): the task's hot document is shared with the read,
 * which gets an immutable snapshot of the text and copies it on its own thread. So readers
 * of a large document neither rebuild it nor stall the partition with copies.
 */
class LargeDocumentReadsTest {

  @Test
  void readsUseTheTasksHotDocumentAndSeeExactlyTheVersionTheyRead() {
    var module = new CollaborativeDocumentEditorModule();
    try (InProcessCluster cluster = CollaborativeDocumentEditorModuleTest.cluster();
        EngineDocumentService editor = new EngineDocumentService(cluster.launch(module))) {
      String big = "abcdefghij".repeat(100_000); // a million code points
      editor.submit(new EditSubmission("big", "w", 0, 0, Change.of(new Insert(0, big)))).join();
      long loads = module.stats().documentLoads();
      // Readers and a writer at once: each read is some version's exact text.
      List<CompletableFuture<DocSnapshot>> reads = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        reads.add(CompletableFuture.supplyAsync(() -> editor.read("big")));
        editor.submit(new EditSubmission("big", "w", i + 1, i + 1, Change.of(new Insert(0, "" + i)))).join();
      }
      for (CompletableFuture<DocSnapshot> r : reads) {
        DocSnapshot s = r.join();
        StringBuilder expected = new StringBuilder(big);
        for (int v = 1; v < s.version(); v++) expected.insert(0, v - 1);
        assertEquals(expected.toString(), s.text(), "the text of version " + s.version());
      }
      assertEquals(loads, module.stats().documentLoads(), "no read rebuilt the document");
      DocText snap = editor.snapshot("big");
      assertEquals(9, snap.version());
      assertEquals(1_000_008, snap.text().length());
    }
  }

  @Test
  void aReadOfAColdDocumentLoadsItOnceForEveryoneAfter() {
    var module = new CollaborativeDocumentEditorModule();
    try (InProcessCluster cluster = CollaborativeDocumentEditorModuleTest.cluster();
        EngineDocumentService editor = new EngineDocumentService(cluster.launch(module))) {
      editor.read("cold");
      editor.read("cold");
      editor.submit(new EditSubmission("cold", "w", 0, 0, Change.of(new Insert(0, "x")))).join();
      editor.read("cold");
      assertEquals(1, module.stats().documentLoads(), "loaded by the first read, then hot for all");
    }
  }
}
