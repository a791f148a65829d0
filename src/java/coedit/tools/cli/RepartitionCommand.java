package coedit.tools.cli;

import coedit.engine.Module;
import coedit.engine.embedded.Repartition;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * {@code bin/coedit repartition DATA_DIR NEW_DIR --partitions N}: builds NEW_DIR with N
 * partitions from the depots of DATA_DIR (see {@link Repartition}), every module with
 * data; a server started on NEW_DIR with {@code --partitions N} serves every document as
 * it was. Run it on a stopped server's directory (or a backup). Interrupted, it can simply
 * be run again. Exit 0 when done, 1 on failure, 2 for bad arguments.
 */
public final class RepartitionCommand {
  static final String USAGE = "usage: bin/coedit repartition DATA_DIR NEW_DIR --partitions N";

  private RepartitionCommand() {}

  public static int run(String[] args, PrintStream out, PrintStream err) {
    Path from = null;
    Path to = null;
    int partitions = -1;
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      if (a.equals("--partitions") && i + 1 < args.length) {
        try {
          partitions = Integer.parseInt(args[++i]);
        } catch (NumberFormatException e) {
          partitions = -1;
        }
      } else if (a.startsWith("--partitions=")) {
        try {
          partitions = Integer.parseInt(a.substring("--partitions=".length()));
        } catch (NumberFormatException e) {
          partitions = -1;
        }
      } else if (a.startsWith("--") || to != null) {
        err.println("repartition: unexpected argument " + a + "\n" + USAGE);
        return 2;
      } else if (from == null) {
        from = Path.of(a);
      } else {
        to = Path.of(a);
      }
    }
    if (from == null || to == null || partitions < 1 || partitions > 4096) {
      err.println("repartition: need DATA_DIR, NEW_DIR and --partitions between 1 and 4096\n" + USAGE);
      return 2;
    }
    List<Module> modules = Files.isDirectory(from) ? ServerModules.withData(from) : List.of();
    if (modules.isEmpty()) {
      err.println("repartition: no module data in " + from);
      return 2;
    }
    try (Progress progress = Progress.start("repartition", out)) {
      for (Module m : modules) {
        Repartition.Report r = Repartition.run(from, to, m, partitions, progress);
        progress.clear();
        out.printf(Locale.ROOT, "repartition: %s: %,d records from %d to %d partitions in %.1f s%n",
            r.module(), r.records(), r.fromPartitions(), r.toPartitions(), r.millis() / 1000.0);
      }
    } catch (RuntimeException e) {
      err.println("repartition: failed: " + e.getMessage());
      return 1;
    }
    out.println("repartition: done; start the server on " + to + " with --partitions " + partitions);
    return 0;
  }
}
