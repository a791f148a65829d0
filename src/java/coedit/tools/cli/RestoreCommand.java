package coedit.tools.cli;

import coedit.engine.Module;
import coedit.engine.ProgressListener;
import coedit.engine.embedded.DataCheck;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code bin/coedit restore BACKUP DATA_DIR}: copies a backup made by {@code bin/coedit
 * backup} into DATA_DIR (which must not exist, or be empty), then checks the result. A
 * server started on DATA_DIR then holds every submission acknowledged before the backup
 * started. Exit 0 when restored and sound, 1 on failure, 2 for bad arguments.
 */
@Command(name = "restore", sortOptions = false, description = "Restores a backup into an empty (or new) data directory.")
public final class RestoreCommand {
  @Parameters(index = "0", paramLabel = "BACKUP", description = "a directory bin/coedit backup wrote")
  private Path backup;

  @Parameters(index = "1", paramLabel = "DATA_DIR", description = "an empty or new directory")
  private Path dataDir;

  @Option(names = {"--help", "-h"}, usageHelp = true, description = "this text")
  private boolean help;

  private RestoreCommand() {}

  public static int run(String[] args, PrintStream out, PrintStream err) {
    RestoreCommand c = new RestoreCommand();
    Integer exit = CommandLines.parse(c, args, out, err);
    if (exit != null) return exit;
    Path backup = c.backup;
    Path dataDir = c.dataDir;
    if (!Files.isRegularFile(backup.resolve("BACKUP.txt"))) {
      err.println("restore: " + backup + " is not a coedit backup (no BACKUP.txt)");
      return 2;
    }
    try {
      if (Files.exists(dataDir)) {
        try (Stream<Path> entries = Files.list(dataDir)) {
          if (entries.findAny().isPresent()) {
            err.println("restore: " + dataDir + " is not empty; restore into a new directory, then move it in place");
            return 2;
          }
        }
      }
      Files.createDirectories(dataDir);
      long bytes = 0;
      try (Stream<Path> files = Files.walk(backup)) {
        for (Path f : files.sorted().toList()) {
          Path target = dataDir.resolve(backup.relativize(f).toString());
          if (Files.isDirectory(f)) {
            Files.createDirectories(target);
          } else if (!f.getFileName().toString().equals("BACKUP.txt")) {
            Files.copy(f, target, StandardCopyOption.COPY_ATTRIBUTES);
            bytes += Files.size(f);
          }
        }
      }
      boolean sound = true;
      for (Module m : ServerModules.withData(dataDir)) {
        DataCheck.Report r = DataCheck.check(dataDir, m, false, ProgressListener.NONE);
        for (String p : r.problems()) err.println("restore: " + m.name() + ": " + p);
        sound &= r.ok();
      }
      out.printf("restore: %s into %s: %.1f MiB, %s%n", backup, dataDir, bytes / 1048576.0,
          sound ? "checked sound" : "DAMAGED (see above)");
      return sound ? 0 : 1;
    } catch (IOException | RuntimeException e) {
      err.println("restore: failed: " + e.getMessage());
      return 1;
    }
  }
}
