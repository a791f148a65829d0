package coedit.tools.cli;

import coedit.engine.Module;
import coedit.engine.embedded.Repair;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code bin/coedit repair DATA_DIR --accept-loss}: lets a server start again on data that
 * lost records (see {@link Repair}), saying exactly what it accepts as lost. Without
 * {@code --accept-loss} it changes nothing. Exit 0 when repaired, 1 on failure, 2 for bad
 * arguments.
 */
public final class RepairCommand {
  static final String USAGE = "usage: bin/coedit repair DATA_DIR --accept-loss";

  private RepairCommand() {}

  public static int run(String[] args, PrintStream out, PrintStream err) {
    Path dataDir = null;
    boolean accept = false;
    for (String a : args) {
      if (a.equals("--accept-loss")) accept = true;
      else if (a.startsWith("--") || dataDir != null) {
        err.println("repair: unexpected argument " + a + "\n" + USAGE);
        return 2;
      } else dataDir = Path.of(a);
    }
    if (dataDir == null || !accept) {
      err.println("repair: " + (dataDir == null ? "no data directory given" : "changes nothing without --accept-loss:"
          + " the records lost are gone, and their offsets and versions will be handed out again") + "\n" + USAGE);
      return 2;
    }
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
