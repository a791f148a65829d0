package coedit.tools.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import coedit.editor.EditorConfig;
import coedit.editor.EngineDocumentService;
import coedit.editor.data.DocSnapshot;
import coedit.editor.data.EditSubmission;
import coedit.editor.data.HistoryEntry;
import coedit.editor.data.SubmitResult;
import coedit.engine.Cluster;
import coedit.engine.EngineConfig;
import coedit.engine.embedded.Engine;
import coedit.ot.Change;
import coedit.ot.Insert;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A data directory rebuilt with another partition count serves every document as it was. */
class RepartitionTest {

  private static String run(int expected, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8);
    int status = RepartitionCommand.run(args, print, print);
    String printed = out.toString(StandardCharsets.UTF_8);
    assertEquals(expected, status, printed);
    return printed;
  }

  @Test
  void everyDocumentHistoryAndIdempotencyRecordSurvivesGoingFromTwoToFivePartitions(@TempDir Path tmp) {
    Path from = tmp.resolve("two");
    Path to = tmp.resolve("five");
    Map<String, DocSnapshot> texts = new HashMap<>();
    Map<String, List<HistoryEntry>> histories = new HashMap<>();
    Random random = new Random(7);
    try (Cluster cluster = Engine.open(EngineConfig.defaults(from).withPartitions(2));
        EngineDocumentService editor = EngineDocumentService.launch(cluster, EditorConfig.defaults())) {
      for (int i = 0; i < 600; i++) {
        String doc = "doc-" + random.nextInt(20);
        long version = editor.read(doc).version();
        SubmitResult r = editor.submit(new EditSubmission(doc, "c" + (i % 3), i, version - random.nextInt((int) Math.min(3, version + 1)),
            Change.of(new Insert(0, "e" + i + " ")))).join();
        assertTrue(r instanceof SubmitResult.Accepted, r.toString());
      }
      for (int d = 0; d < 20; d++) {
        texts.put("doc-" + d, editor.read("doc-" + d));
        histories.put("doc-" + d, editor.history("doc-" + d, 0, Long.MAX_VALUE));
      }
    }
    String printed = run(0, from.toString(), to.toString(), "--partitions", "5");
    assertTrue(printed.contains("editor: 600 records from 2 to 5 partitions"), printed);
    assertEquals(2, Engine.storedPartitions(from, "editor"), "the source is unchanged");
    try (Cluster cluster = Engine.open(EngineConfig.defaults(to).withPartitions(5));
        EngineDocumentService editor = EngineDocumentService.launch(cluster, EditorConfig.defaults())) {
      for (int d = 0; d < 20; d++) {
        assertEquals(texts.get("doc-" + d), editor.read("doc-" + d));
        assertEquals(histories.get("doc-" + d), editor.history("doc-" + d, 0, Long.MAX_VALUE), "times included");
      }
      // A document's first submission was made at version 0, so its entry is what was sent.
      HistoryEntry first = histories.get("doc-0").get(0);
      SubmitResult again = editor.submit(new EditSubmission("doc-0", first.clientId(), first.seq(), 0,
          first.change())).join();
      assertTrue(again instanceof SubmitResult.Accepted a && a.duplicate() && a.version() == first.version(), again.toString());
      // Its fingerprint moved with it: other content under that seq is still a conflict.
      SubmitResult other = editor.submit(new EditSubmission("doc-0", first.clientId(), first.seq(), 0,
          Change.of(new Insert(0, "x")))).join();
      assertTrue(other instanceof SubmitResult.Rejected r && r.code() == coedit.editor.data.RejectCode.SEQ_CONFLICT,
          other.toString());
    }
  }

  @Test
  void anInterruptedRunIsRedoneAndAFinishedTargetIsNeverOverwritten(@TempDir Path tmp) throws Exception {
    Path from = tmp.resolve("src");
    try (Cluster cluster = Engine.open(EngineConfig.defaults(from).withPartitions(2));
        EngineDocumentService editor = EngineDocumentService.launch(cluster, EditorConfig.defaults())) {
      editor.submit(new EditSubmission("d", "c", 0, 0, Change.of(new Insert(0, "hello")))).join();
    }
    Path to = tmp.resolve("dst");
    Files.createDirectories(to.resolve("editor"));
    Files.writeString(to.resolve("editor").resolve("REPARTITIONING"), "left by a killed run");
    Files.writeString(to.resolve("editor").resolve("junk"), "half-built");
    run(0, from.toString(), to.toString(), "--partitions", "3");
    run(1, from.toString(), to.toString(), "--partitions", "3");
    run(2, from.toString(), to.toString());
    try (Cluster cluster = Engine.open(EngineConfig.defaults(to).withPartitions(3));
        EngineDocumentService editor = EngineDocumentService.launch(cluster, EditorConfig.defaults())) {
      assertEquals("hello", editor.read("d").text());
    }
  }
}
