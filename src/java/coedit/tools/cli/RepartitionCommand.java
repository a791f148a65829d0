package coedit.tools.cli;

import coedit.engine.Module;
import coedit.engine.embedded.Repartition;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code bin/coedit repartition DATA_DIR NEW_DIR --partitions N}: builds NEW_DIR with N
 * partitions from the depots of DATA_DIR (see {@link Repartition}), every module with
 * data; a server started on NEW_DIR with {@code --partitions N} serves every document as
 * it was. Run it on a stopped server's directory (or a backup). Interrupted, it can simply
 * be run again. Exit 0 when done, 1 on failure, 2 for bad arguments.
 */
@Command(name = "repartition", sortOptions = false,
    description = "Builds NEW_DIR with N partitions from DATA_DIR's depots (docs/operations.md).")
public final class RepartitionCommand {
  @Parameters(index = "0", paramLabel = "DATA_DIR", description = "a stopped server's data directory, or a backup")
  private Path from;

  @Parameters(index = "1", paramLabel = "NEW_DIR", description = "the directory to build")
  private Path to;

  @Option(names = "--partitions", required = true, paramLabel = "N", description = "the new partition count, 1 to 4096")
  private int partitions;

  @Option(names = {"--help", "-h"}, usageHelp = true, description = "this text")
  private boolean help;

  private RepartitionCommand() {}

  public static int run(String[] args, PrintStream out, PrintStream err) {
    RepartitionCommand c = new RepartitionCommand();
    Integer exit = CommandLines.parse(c, args, out, err);
    if (exit != null) return exit;
    if (c.partitions < 1 || c.partitions > 4096) {
      return CommandLines.usageError(c, "--partitions must be between 1 and 4096", err);
    }
    return c.repartition(out, err);
  }

  private int repartition(PrintStream out, PrintStream err) {
    Path from = this.from;
    Path to = this.to;
    int partitions = this.partitions;
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
    RetentionFile.copy(from, to);
    out.println("repartition: done; start the server on " + to + " with --partitions " + partitions);
    return 0;
  }
}
