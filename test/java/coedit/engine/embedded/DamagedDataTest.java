package coedit.engine.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import coedit.editor.EditorConfig;
import coedit.editor.EngineDocumentService;
import coedit.editor.data.EditSubmission;
import coedit.engine.Cluster;
import coedit.engine.DataDamagedException;
import coedit.engine.EngineConfig;
import coedit.engine.storage.RocksStorage;
import coedit.ot.Change;
import coedit.ot.Insert;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A data directory that lost acknowledged records is refused at launch with a message
 * naming what was lost and how to proceed, never opened as if nothing happened (which
 * would hand the lost version numbers out again). Each case damages a copy of a directory
 * holding 300 acknowledged edits, as the probe did.
 */
class DamagedDataTest {

  private static EngineConfig config(Path dir) {
    return EngineConfig.defaults(dir).withPartitions(2);
  }

  private static Path withEdits(Path dir) {
    try (Cluster cluster = Engine.open(config(dir));
        EngineDocumentService editor = EngineDocumentService.launch(cluster, EditorConfig.defaults())) {
      for (int v = 0; v < 300; v++) {
        editor.submit(new EditSubmission("doc", "c", v, v, Change.of(new Insert(0, "edit " + v + " ")))).join();
      }
    }
    return dir;
  }

  private static Path copy(Path from, Path to) throws IOException {
    try (Stream<Path> files = Files.walk(from)) {
      for (Path f : files.sorted(Comparator.naturalOrder()).toList()) {
        Path target = to.resolve(from.relativize(f).toString());
        if (Files.isDirectory(f)) Files.createDirectories(target);
        else Files.copy(f, target);
      }
    }
    return to;
  }

  private static Path wal(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir.resolve("editor"))) {
      List<Path> logs = files.filter(f -> f.toString().endsWith(".log")).sorted().toList();
      assertTrue(!logs.isEmpty(), "the edits are in a write-ahead log");
      return logs.get(logs.size() - 1);
    }
  }

  private static DataDamagedException refused(Path dir) {
    return assertThrows(DataDamagedException.class, () -> {
      try (Cluster cluster = Engine.open(config(dir))) {
        EngineDocumentService.launch(cluster, EditorConfig.defaults());
      }
    });
  }

  @Test
  void theUndamagedDirectoryOpensWithEveryEdit(@TempDir Path tmp) {
    Path dir = withEdits(tmp.resolve("data"));
    try (Cluster cluster = Engine.open(config(dir));
        EngineDocumentService editor = EngineDocumentService.launch(cluster, EditorConfig.defaults())) {
      assertEquals(300, editor.read("doc").version());
    }
  }

  @Test
  void aWriteAheadLogTruncatedToHalfIsRefusedNamingTheLostRecords(@TempDir Path tmp) throws IOException {
    Path dir = copy(withEdits(tmp.resolve("data")), tmp.resolve("copy"));
    Path wal = wal(dir);
    try (RandomAccessFile f = new RandomAccessFile(wal.toFile(), "rw")) {
      f.setLength(f.length() / 2);
    }
    String message = refused(dir).getMessage();
    assertTrue(message.contains("depot *editDepot") && message.contains("records lost"), message);
    assertTrue(message.contains("bin/coedit restore") && message.contains("--accept-loss"), message);
  }

  @Test
  void flippedBytesInTheWriteAheadLogAreRefused(@TempDir Path tmp) throws IOException {
    Path dir = copy(withEdits(tmp.resolve("data")), tmp.resolve("copy"));
    Path wal = wal(dir);
    try (RandomAccessFile f = new RandomAccessFile(wal.toFile(), "rw")) {
      f.seek(f.length() / 3);
      f.write(new byte[] {1, 2, 3, 4, 5, 6, 7, 8});
    }
    String message = refused(dir).getMessage();
    assertTrue(message.contains("damaged"), message);
  }

  @Test
  void checkFindsTheDamageAndRepairAcceptsItOnlyWhenAskedTo(@TempDir Path tmp) throws IOException {
    Path sound = withEdits(tmp.resolve("data"));
    Path dir = copy(sound, tmp.resolve("copy"));
    Run ok = run("check", sound.toString(), "--full");
    assertEquals(0, ok.status(), ok.out());
    assertTrue(ok.out().contains("editor: sound: 300 depot records read") && ok.out().contains("is sound"), ok.out());
    Run sample = run("check", sound.toString());
    assertEquals(0, sample.status(), sample.out());
    assertTrue(!sample.out().contains(" 0 PState entries compared"), "the sample has data: " + sample.out());

    try (RandomAccessFile f = new RandomAccessFile(wal(dir).toFile(), "rw")) {
      f.setLength(f.length() / 2);
    }
    Run damaged = run("check", dir.toString());
    assertEquals(1, damaged.status(), damaged.out());
    assertTrue(damaged.out().contains("DAMAGED") && damaged.out().contains("records lost"), damaged.out());

    Run refused = run("repair", dir.toString());
    assertEquals(2, refused.status(), "nothing changes without --accept-loss");
    refused(dir);

    Run repaired = run("repair", dir.toString(), "--accept-loss");
    assertEquals(0, repaired.status(), repaired.out());
    assertTrue(repaired.out().contains("accepted as lost: depot *editDepot"), repaired.out());
    long remaining;
    try (Cluster cluster = Engine.open(config(dir));
        EngineDocumentService editor = EngineDocumentService.launch(cluster, EditorConfig.defaults())) {
      remaining = editor.read("doc").version();
      assertTrue(remaining < 300, "some edits were lost: " + remaining);
      editor.submit(new EditSubmission("doc", "c", 1_000, remaining, Change.of(new Insert(0, "after ")))).join();
    }
    Run after = run("check", dir.toString(), "--full");
    assertEquals(0, after.status(), after.out());
  }

  @Test
  void checkFindsPStatesThatDisagreeWithTheirDepots(@TempDir Path tmp) {
    Path dir = withEdits(tmp.resolve("data"));
    // Tamper with one history entry behind the engine's back.
    try (RocksStorage storage = new RocksStorage(dir.resolve("editor"))) {
      var entries = storage.scan(coedit.engine.storage.Space.PSTATE, new byte[0], null, 100_000);
      var victim = entries.get(entries.size() / 2);
      byte[] value = victim.value().clone();
      value[value.length - 1] ^= 1;
      var batch = storage.newBatch();
      batch.put(coedit.engine.storage.Space.PSTATE, victim.key(), value);
      storage.write(batch, true);
    }
    Run r = run("check", dir.toString(), "--full");
    assertEquals(1, r.status(), r.out());
    assertTrue(r.out().contains("differs from a recompute of the depots"), r.out());
  }

  private record Run(int status, String out) {}

  private static Run run(String command, String... args) {
    var out = new java.io.ByteArrayOutputStream();
    var print = new java.io.PrintStream(out, true, java.nio.charset.StandardCharsets.UTF_8);
    int status = command.equals("check") ? coedit.tools.cli.CheckCommand.run(args, print, print)
        : coedit.tools.cli.RepairCommand.run(args, print, print);
    return new Run(status, out.toString(java.nio.charset.StandardCharsets.UTF_8));
  }

  @Test
  void aDeletedWriteAheadLogIsRefused(@TempDir Path tmp) throws IOException {
    Path dir = copy(withEdits(tmp.resolve("data")), tmp.resolve("copy"));
    Files.delete(wal(dir));
    String message = refused(dir).getMessage();
    assertTrue(message.contains("records lost"), message);
  }
}
