package coedit.tools.cli;

import coedit.engine.Cluster;
import coedit.engine.EngineConfig;
import coedit.engine.Module;
import coedit.engine.embedded.Engine;
import coedit.engine.embedded.EngineCluster;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code bin/coedit backup DATA_DIR DEST}: a consistent backup of a data directory into the
 * new directory DEST. With a server running on DATA_DIR it asks that server (through its
 * control socket) to take RocksDB checkpoints while it serves; otherwise it opens the data
 * itself. The backup holds every submission acknowledged before the command started.
 * Exit 0 when done, 1 on failure, 2 for bad arguments.
 */
@Command(name = "backup", sortOptions = false, description = "A consistent backup of DATA_DIR into the new directory DEST, taken by the running server if there is one.")
public final class BackupCommand {
  @Parameters(index = "0", paramLabel = "DATA_DIR", description = "the server's data directory")
  private Path dataDir;

  @Parameters(index = "1", paramLabel = "DEST", description = "a new directory for the backup")
  private Path dest;

  @Option(names = {"--help", "-h"}, usageHelp = true, description = "this text")
  private boolean help;

  private BackupCommand() {}

  public static int run(String[] args, PrintStream out, PrintStream err) {
    BackupCommand c = new BackupCommand();
    Integer exit = CommandLines.parse(c, args, out, err);
    if (exit != null) return exit;
    Path dataDir = c.dataDir;
    Path dest = c.dest.toAbsolutePath();
    if (!Files.isDirectory(dataDir)) {
      err.println("backup: " + dataDir + " is not a directory");
      return 2;
    }
    try {
      String answer = ControlSocket.request(dataDir, "backup " + dest);
      if (answer != null) {
        if (!answer.startsWith("ok ")) {
          err.println("backup: the running server refused: " + answer.replaceFirst("^error ", ""));
          return 1;
        }
        RetentionFile.copy(dataDir, dest);
        out.println("backup: " + answer.substring(3) + " (taken by the running server)");
        return 0;
      }
      List<Module> modules = ServerModules.withData(dataDir);
      if (modules.isEmpty()) {
        err.println("backup: no module data in " + dataDir);
        return 2;
      }
      int partitions = Engine.storedPartitions(dataDir, modules.get(0).name());
      try (Cluster cluster = Engine.open(EngineConfig.defaults(dataDir).withPartitions(partitions))) {
        for (Module m : modules) cluster.launch(m);
        out.println("backup: " + summary(Engine.backup(cluster, dest)));
      }
      RetentionFile.copy(dataDir, dest);
      return 0;
    } catch (IOException | RuntimeException e) {
      err.println("backup: failed: " + e.getMessage());
      return 1;
    }
  }

  /** One line about a backup, as printed and as the server answers. */
  static String summary(EngineCluster.BackupReport r) {
    return String.format(Locale.ROOT, "%s: modules %s, %.1f MiB, %d ms", r.dest(), r.modules(),
        r.bytes() / 1048576.0, r.millis());
  }
}
