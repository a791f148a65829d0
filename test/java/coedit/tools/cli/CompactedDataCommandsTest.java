package coedit.tools.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import coedit.editor.data.EditSubmission;
import coedit.editor.data.SubmitResult;
import coedit.ot.Change;
import coedit.ot.Insert;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The offline commands on data a server compacted: check, recompute, backup and restore
 * recompute the editor with the retention it was served with, so compacted data is sound.
 */
class CompactedDataCommandsTest {

  private static int run(String command, String... args) {
    PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    return switch (command) {
      case "check" -> CheckCommand.run(args, quiet, quiet);
      case "recompute" -> RecomputeCommand.run(args, quiet, quiet);
      case "backup" -> BackupCommand.run(args, quiet, quiet);
      case "restore" -> RestoreCommand.run(args, quiet, quiet);
      default -> throw new IllegalArgumentException(command);
    };
  }

  @Test
  void checkRecomputeBackupAndRestoreKnowTheRetentionTheDataWasServedWith(@TempDir Path tmp) {
    Path data = tmp.resolve("data");
    ServeOptions options = ServeOptions.parse(new String[] {"--port", "0", "--host", "127.0.0.1",
        "--data-dir", data.toString(), "--partitions", "2", "--history-keep-versions", "10"}, Map.of());
    long horizon;
    try (ServeCommand.Running running = ServeCommand.start(options)) {
      for (int seq = 0; seq < 200; seq++) {
        SubmitResult r = running.service().submit(new EditSubmission("notes", "ada", seq, seq,
            Change.of(new Insert(0, "x")))).join();
        assertTrue(r instanceof SubmitResult.Accepted, r.toString());
      }
      horizon = running.service().horizon("notes");
      assertTrue(horizon >= 150, "compacted to " + horizon);
    }
    assertEquals(0, run("check", data.toString(), "--full"));
    assertEquals(0, run("recompute", data.toString(), "coedit.editor.CollaborativeDocumentEditorModule"));
    assertEquals(0, run("check", data.toString(), "--full"));
    Path backup = tmp.resolve("backup");
    Path restored = tmp.resolve("restored");
    assertEquals(0, run("backup", data.toString(), backup.toString()));
    assertEquals(0, run("restore", backup.toString(), restored.toString()), "restore checks the data");
    ServeOptions again = ServeOptions.parse(new String[] {"--port", "0", "--host", "127.0.0.1",
        "--data-dir", restored.toString(), "--partitions", "2", "--history-keep-versions", "10"}, Map.of());
    try (ServeCommand.Running running = ServeCommand.start(again)) {
      assertEquals(horizon, running.service().horizon("notes"));
      assertEquals(200, running.service().read("notes").version());
    }
  }
}
