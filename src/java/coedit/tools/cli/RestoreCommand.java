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

/**
 * {@code bin/coedit restore BACKUP DATA_DIR}: copies a backup made by {@code bin/coedit
 * backup} into DATA_DIR (which must not exist, or be empty), then checks the result. A
 * server started on DATA_DIR then holds every submission acknowledged before the backup
 * started. Exit 0 when restored and sound, 1 on failure, 2 for bad arguments.
 */
public final class RestoreCommand {
  static final String USAGE = "usage: bin/coedit restore BACKUP DATA_DIR";

  private RestoreCommand() {}

  public static int run(String[] args, PrintStream out, PrintStream err) {
    if (args.length != 2) {
      err.println("restore: " + USAGE);
      return 2;
    }
    Path backup = Path.of(args[0]);
    Path dataDir = Path.of(args[1]);
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
