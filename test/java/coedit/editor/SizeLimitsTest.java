package coedit.editor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import coedit.editor.data.EditSubmission;
import coedit.editor.data.RejectCode;
import coedit.editor.data.SubmitResult;
import coedit.editor.data.SubmitResult.Rejected;
import coedit.engine.Cluster;
import coedit.engine.testing.TestRuntime;
import coedit.ot.Change;
import coedit.ot.Delete;
import coedit.ot.Insert;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Limits are checked where the submission is applied, on the task, against the transformed
 * change: pipelined or concurrent submissions cannot pass them together, and a change's
 * size counts what it inserts and deletes.
 */
@ParameterizedClass(name = "on {0}")
@MethodSource("coedit.engine.testing.TestRuntime#all")
class SizeLimitsTest {
  @Parameter
  TestRuntime runtime;

  @Test
  void pipelinedSubmissionsCannotGrowADocumentPastItsLimitTogether() {
    EditorConfig limits = EditorConfig.defaults().withMaxDocumentCodePoints(1_000);
    try (Cluster cluster = CollaborativeDocumentEditorModuleTest.cluster(runtime);
        EngineDocumentService editor = EngineDocumentService.launch(cluster, limits)) {
      // Twenty clients each add 100 code points to the empty document they all saw.
      List<CompletableFuture<SubmitResult>> acks = new ArrayList<>();
      for (int i = 0; i < 20; i++) {
        acks.add(editor.submit(new EditSubmission("doc", "c" + i, 0, 0, Change.of(new Insert(0, "x".repeat(100))))));
      }
      long accepted = acks.stream().map(CompletableFuture::join).filter(r -> r instanceof SubmitResult.Accepted).count();
      assertEquals(10, accepted, "exactly as many as fit");
      for (CompletableFuture<SubmitResult> f : acks) {
        if (f.join() instanceof Rejected r) {
          assertEquals(RejectCode.TOO_LARGE, r.code());
          assertTrue(r.message().contains("would grow to 1100 code points; the limit is 1000"), r.message());
        }
      }
      assertEquals(1_000, editor.read("doc").text().length());
    }
  }

  @Test
  void aNetZeroChangeCannotInsertMoreThanADocumentMayHold() {
    EditorConfig limits = EditorConfig.defaults().withMaxDocumentCodePoints(1_000);
    try (Cluster cluster = CollaborativeDocumentEditorModuleTest.cluster(runtime);
        EngineDocumentService editor = EngineDocumentService.launch(cluster, limits)) {
      String big = "y".repeat(100_000);
      SubmitResult r = editor.submit(new EditSubmission("doc", "c", 0, 0,
          Change.of(new Insert(0, big), new Delete(0, 100_000)))).join();
      assertTrue(r instanceof Rejected rejected && rejected.code() == RejectCode.TOO_LARGE
          && rejected.message().contains("inserts 100000 code points, more than a document may hold (the limit is 1000)"),
          String.valueOf(r));
      assertEquals(0, editor.history("doc", 0, 10).size(), "nothing reached the history");
    }
  }

  @Test
  void deletingAWholeDocumentOfTheLargestSizeIsAllowed() {
    EditorConfig limits = EditorConfig.defaults().withLimits(10_000, 1_000).withMaxDocumentCodePoints(5_000);
    try (Cluster cluster = CollaborativeDocumentEditorModuleTest.cluster(runtime);
        EngineDocumentService editor = EngineDocumentService.launch(cluster, limits)) {
      for (int v = 0; v < 5; v++) {
        editor.submit(new EditSubmission("doc", "c", v, v, Change.of(new Insert(0, "z".repeat(1_000))))).join();
      }
      SubmitResult r = editor.submit(new EditSubmission("doc", "c", 9, 5,
          Change.of(new Delete(0, 5_000), new Insert(0, "fresh")))).join();
      assertTrue(r instanceof SubmitResult.Accepted, String.valueOf(r));
      assertEquals("fresh", editor.read("doc").text());
      // Inserted plus deleted code points are bounded too: 1,000 + 5,000 here.
      SubmitResult tooMuch = editor.submit(new EditSubmission("doc", "c", 10, 6,
          Change.of(new Delete(0, 6_001)))).join();
      assertTrue(tooMuch instanceof Rejected rj && rj.code() == RejectCode.TOO_LARGE
          && rj.message().contains("inserts and deletes 6001 code points in all; at most 6000"), String.valueOf(tooMuch));
    }
  }
}
