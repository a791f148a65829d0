package coedit.tools.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import coedit.editor.EditorConfig;
import coedit.editor.EngineDocumentService;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Backups of a serving server, under load: a backup taken while writers keep submitting
 * holds every submission acknowledged before it started, and restores into a directory a
 * server starts on.
 */
class BackupRestoreTest {
  private record Acked(String docId, String clientId, long seq, long version) {}

  private record Run(int status, String out) {}

  private static Run run(String command, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8);
    int status = switch (command) {
      case "backup" -> BackupCommand.run(args, print, print);
      case "restore" -> RestoreCommand.run(args, print, print);
      default -> throw new IllegalArgumentException(command);
    };
    return new Run(status, out.toString(StandardCharsets.UTF_8));
  }

  @Test
  void aBackupTakenWhileWritersSubmitHoldsEverythingAcknowledgedBeforeIt(@TempDir Path tmp) throws Exception {
    Path data = tmp.resolve("data");
    Path backup = tmp.resolve("backup");
    Path restored = tmp.resolve("restored");
    ServeOptions options = ServeOptions.parse(new String[] {"--port", "0", "--host", "127.0.0.1",
        "--data-dir", data.toString(), "--partitions", "2"}, Map.of());
    ConcurrentLinkedQueue<Acked> acked = new ConcurrentLinkedQueue<>();
    List<Acked> beforeBackup;
    try (ServeCommand.Running running = ServeCommand.start(options)) {
      AtomicBoolean writing = new AtomicBoolean(true);
      List<Thread> writers = new ArrayList<>();
      for (int w = 0; w < 4; w++) {
        String doc = "doc-" + w;
        Thread t = new Thread(() -> {
          long seq = 0;
          while (writing.get()) {
            SubmitResult r = running.service().submit(new EditSubmission(doc, "writer", seq, 0,
                Change.of(new Insert(0, "w" + seq + " ")))).join();
            if (r instanceof SubmitResult.Accepted a) acked.add(new Acked(doc, "writer", seq, a.version()));
            seq++;
          }
        });
        t.start();
        writers.add(t);
      }
      while (acked.size() < 400) Thread.sleep(10);
      beforeBackup = List.copyOf(acked);
      Run b = run("backup", data.toString(), backup.toString());
      assertEquals(0, b.status(), b.out());
      assertTrue(b.out().contains("taken by the running server"), b.out());
      while (acked.size() < beforeBackup.size() + 200) Thread.sleep(10); // writing went on
      writing.set(false);
      for (Thread t : writers) t.join();
    }
    Run r = run("restore", backup.toString(), restored.toString());
    assertEquals(0, r.status(), r.out());
    assertTrue(r.out().contains("checked sound"), r.out());
    try (Cluster cluster = Engine.open(EngineConfig.defaults(restored).withPartitions(2));
        EngineDocumentService editor = EngineDocumentService.launch(cluster, EditorConfig.defaults())) {
      for (Acked a : beforeBackup) {
        List<HistoryEntry> at = editor.history(a.docId(), a.version() - 1, a.version());
        assertEquals(1, at.size(), a + " is in the restored data");
        assertEquals(a.seq(), at.get(0).seq(), a.toString());
      }
    }
  }

  @Test
  void withoutAServerTheCommandBacksUpItselfAndRefusesToOverwrite(@TempDir Path tmp) throws Exception {
    Path data = tmp.resolve("data");
    try (Cluster cluster = Engine.open(EngineConfig.defaults(data).withPartitions(2));
        EngineDocumentService editor = EngineDocumentService.launch(cluster, EditorConfig.defaults())) {
      editor.submit(new EditSubmission("d", "c", 0, 0, Change.of(new Insert(0, "kept")))).join();
    }
    Run b = run("backup", data.toString(), tmp.resolve("b").toString());
    assertEquals(0, b.status(), b.out());
    assertEquals(1, run("backup", data.toString(), tmp.resolve("b").toString()).status(), "not into a non-empty directory");
    Files.createDirectories(tmp.resolve("busy"));
    Files.writeString(tmp.resolve("busy/x"), "x");
    assertEquals(2, run("restore", tmp.resolve("b").toString(), tmp.resolve("busy").toString()).status());
    assertEquals(2, run("restore", data.toString(), tmp.resolve("new").toString()).status(), "not a backup");
    assertEquals(0, run("restore", tmp.resolve("b").toString(), tmp.resolve("new").toString()).status());
    try (Cluster cluster = Engine.open(EngineConfig.defaults(tmp.resolve("new")).withPartitions(2));
        EngineDocumentService editor = EngineDocumentService.launch(cluster, EditorConfig.defaults())) {
      assertEquals("kept", editor.read("d").text());
    }
  }
}
