package coedit.tools.cli;

import coedit.engine.Module;
import coedit.engine.embedded.DataCheck;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code bin/coedit check DATA_DIR [--full]}: verifies a stopped server's data directory
 * offline (see {@link DataCheck}): depots readable to their recorded ends, no processing past
 * them, PStates equal to a recompute (of one random partition per module; {@code --full}:
 * all). Prints a verdict per module with figures. Exit status 0 when sound, 1 when not,
 * 2 for bad arguments.
 */
@Command(name = "check", sortOptions = false, description = "Verifies a stopped server's data offline; exit 0 when sound, 1 when damaged.")
public final class CheckCommand {
  @Parameters(index = "0", paramLabel = "DATA_DIR", description = "a stopped server's data directory")
  private Path dataDir;

  @Option(names = "--full", description = "also read every record and compare the PStates with a recompute")
  private boolean full;

  @Option(names = {"--help", "-h"}, usageHelp = true, description = "this text")
  private boolean help;

  private CheckCommand() {}

  public static int run(String[] args, PrintStream out, PrintStream err) {
    CheckCommand c = new CheckCommand();
    Integer exit = CommandLines.parse(c, args, out, err);
    if (exit != null) return exit;
    Path dataDir = c.dataDir;
    boolean full = c.full;
    if (!Files.isDirectory(dataDir)) {
      err.println("check: " + dataDir + " is not a directory");
      return 2;
    }
    List<Module> modules = ServerModules.withData(dataDir);
    if (modules.isEmpty()) {
      err.println("check: no module data in " + dataDir);
      return 2;
    }
    boolean sound = true;
    try (Progress progress = Progress.start("check", out)) {
      for (Module m : modules) {
        DataCheck.Report r = DataCheck.check(dataDir, m, full, progress);
        progress.clear();
        String verdict = r.ok() ? "sound" : "DAMAGED";
        out.printf(Locale.ROOT, "check: %s: %s: %,d depot records read, %s, %,d PState entries compared with a"
            + " recompute, %.1f s%n", r.module(), verdict, r.records(),
            r.partitionsRecomputed().isEmpty() ? "no partition recomputed"
                : "partitions " + r.partitionsRecomputed() + " recomputed", r.entriesCompared(), r.millis() / 1000.0);
        for (String p : r.problems()) out.println("check:   problem: " + p);
        for (String n : r.notes()) out.println("check:   note: " + n);
        sound &= r.ok();
      }
    } catch (RuntimeException e) {
      err.println("check: failed: " + e.getMessage());
      return 1;
    }
    out.println("check: " + dataDir + " is " + (sound ? "sound" : "DAMAGED"));
    return sound ? 0 : 1;
  }
}
