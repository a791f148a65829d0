package coedit.tools.cli;

import coedit.engine.Module;
import coedit.engine.embedded.Repair;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code bin/coedit repair DATA_DIR --accept-loss}: lets a server start again on data that
 * lost records (see {@link Repair}), saying exactly what it accepts as lost. Without
 * {@code --accept-loss} it changes nothing. Exit 0 when repaired, 1 on failure, 2 for bad
 * arguments.
 */
@Command(name = "repair", sortOptions = false, description = "Starts again on data that lost records, accepting the loss (docs/operations.md).")
public final class RepairCommand {
  @Parameters(index = "0", paramLabel = "DATA_DIR", description = "a stopped server's data directory")
  private Path dataDir;

  @Option(names = "--accept-loss", required = true,
      description = "required: the records lost are gone, and their offsets and versions will be handed out again")
  private boolean accept;

  @Option(names = {"--help", "-h"}, usageHelp = true, description = "this text")
  private boolean help;

  private RepairCommand() {}

  public static int run(String[] args, PrintStream out, PrintStream err) {
    RepairCommand c = new RepairCommand();
    Integer exit = CommandLines.parse(c, args, out, err);
    if (exit != null) return exit;
    Path dataDir = c.dataDir;
    if (!Files.isDirectory(dataDir) || ServerModules.withData(dataDir).isEmpty()) {
      err.println("repair: no module data in " + dataDir);
      return 2;
    }
    try (Progress progress = Progress.start("repair", out)) {
      for (Module m : ServerModules.withData(dataDir)) {
        Repair.Report r = Repair.acceptLoss(dataDir, m, progress);
        progress.clear();
        if (r.lost().isEmpty() && !r.recomputed()) {
          out.println("repair: " + r.module() + ": nothing was lost");
          continue;
        }
        for (String l : r.lost()) out.println("repair: " + r.module() + ": accepted as lost: " + l);
        out.println("repair: " + r.module() + ": " + (r.recomputed() ? "PStates recomputed from the remaining records"
            : "PStates were consistent with the remaining records") + "; it starts again");
      }
    } catch (RuntimeException e) {
      err.println("repair: failed: " + e.getMessage());
      return 1;
    }
    return 0;
  }
}
