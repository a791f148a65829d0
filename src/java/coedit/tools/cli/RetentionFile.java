package coedit.tools.cli;

import coedit.editor.HistoryRetention;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The history retention a data directory was served with, kept beside the data
 * ({@code history-retention}: "keepVersions keepMillis", -1 for not set), so that the
 * offline commands (check, repair, recompute, and restore's check) recompute the editor as
 * the server ran it, and backup and repartition carry it along: compaction
 * is part of what the editor's PStates hold. Absent: all history kept.
 */
final class RetentionFile {
  static final String NAME = "history-retention";

  private RetentionFile() {}

  static void write(Path dataDir, HistoryRetention r) {
    try {
      Files.createDirectories(dataDir);
      Files.writeString(dataDir.resolve(NAME), r.keepVersions() + " " + r.keepMillis() + "\n");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot record the history retention in " + dataDir, e);
    }
  }

  /** Copies {@code from}'s record to {@code to} (backup, repartition), if it has one. */
  static void copy(Path from, Path to) {
    if (Files.exists(from.resolve(NAME))) write(to, read(from));
  }

  static HistoryRetention read(Path dataDir) {
    Path f = dataDir.resolve(NAME);
    if (!Files.exists(f)) return HistoryRetention.KEEP_ALL;
    try {
      String[] parts = Files.readString(f).trim().split("\\s+");
      return new HistoryRetention(Long.parseLong(parts[0]), Long.parseLong(parts[1]));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + f, e);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(f + " is malformed (expected \"keepVersions keepMillis\"): " + e.getMessage());
    }
  }
}
