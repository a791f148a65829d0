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
      case "repartition" -> RepartitionCommand.run(args, quiet, quiet);
      default -> throw new IllegalArgumentException(command);
    };
  }

  @Test
  void checkRecomputeBackupRestoreAndRepartitionWorkOnTrimmedDepots(@TempDir Path tmp) {
    Path data = tmp.resolve("data");
    String[] serve = {"--port", "0", "--host", "127.0.0.1", "--data-dir", data.toString(), "--partitions", "2",
        "--history-keep-versions", "10"};
    String text;
    try (ServeCommand.Running running = ServeCommand.start(ServeOptions.parse(serve, Map.of()))) {
      for (int seq = 0; seq < 200; seq++) {
        running.service().submit(new EditSubmission("notes", "ada", seq, seq, Change.of(new Insert(0, "x" + seq)))).join();
      }
      // What the server's trimmer does once enough records are above a base, here at once.
      assertTrue(coedit.engine.embedded.Engine.trimDepots(running.cluster()) >= 200, "every processed record goes");
      running.service().submit(new EditSubmission("notes", "ada", 200, 200, Change.of(new Insert(0, "!")))).join();
      text = running.service().read("notes").text();
    }
    assertEquals(0, run("check", data.toString(), "--full"), "a trimmed depot is sound");
    assertEquals(0, run("recompute", data.toString(), "coedit.editor.CollaborativeDocumentEditorModule"));
    assertEquals(0, run("check", data.toString(), "--full"));
    Path backup = tmp.resolve("backup");
    Path restored = tmp.resolve("restored");
    Path wider = tmp.resolve("wider");
    assertEquals(0, run("backup", data.toString(), backup.toString()));
    assertEquals(0, run("restore", backup.toString(), restored.toString()), "restore checks the data");
    assertEquals(0, run("repartition", restored.toString(), wider.toString(), "--partitions", "3"));
    assertEquals(0, run("check", wider.toString(), "--full"));
    serve[5] = wider.toString();
    serve[7] = "3";
    try (ServeCommand.Running running = ServeCommand.start(ServeOptions.parse(serve, Map.of()))) {
      assertEquals(text, running.service().read("notes").text());
      assertEquals(201, running.service().read("notes").version());
      SubmitResult r = running.service().submit(new EditSubmission("notes", "ada", 201, 201,
          Change.of(new Insert(0, "?")))).join();
      assertEquals(202, ((SubmitResult.Accepted) r).version(), "versions go on from where they were");
    }
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
