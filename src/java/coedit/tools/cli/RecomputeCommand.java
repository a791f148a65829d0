package coedit.tools.cli;

import coedit.editor.CollaborativeDocumentEditorModule;
import coedit.editor.EditorConfig;
import coedit.engine.Cluster;
import coedit.engine.EngineConfig;
import coedit.engine.Module;
import coedit.engine.ModuleInstance;
import coedit.engine.RecomputeReport;
import coedit.engine.embedded.Engine;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code recompute DATA_DIR MODULE_CLASS}: rebuilds every PState of a module's RocksDB data
 * from its depots, printing progress, with the partition count stored in the data. The
 * module class needs a public no-argument constructor. Exit 0 on success, 1 on a failure,
 * 2 on bad arguments. Run it while no other engine has the data open.
 */
public final class RecomputeCommand {

  private RecomputeCommand() {}

  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err));
  }

  /** The command without exiting: returns the exit code. */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    if (args.length != 2) {
      err.println("usage: recompute DATA_DIR MODULE_CLASS");
      return 2;
    }
    Path dataDir = Path.of(args[0]);
    Module module;
    try {
      module = (Module) Class.forName(args[1]).getConstructor().newInstance();
    } catch (ReflectiveOperationException | ClassCastException | LinkageError e) {
      err.println("recompute: cannot create module " + args[1] + " (a coedit.engine.Module with a"
          + " public no-argument constructor): " + e);
      return 2;
    }
    if (module instanceof CollaborativeDocumentEditorModule) {
      // Compaction is part of what the editor stores: recompute with the retention it ran with.
      module = new CollaborativeDocumentEditorModule(EditorConfig.defaults().withRetention(RetentionFile.read(dataDir)));
    }
    if (!Files.isDirectory(dataDir.resolve(module.name()))) {
      err.println("recompute: no data for module " + module.name() + " in " + dataDir);
      return 2;
    }
    try {
      int partitions = Engine.storedPartitions(dataDir, module.name());
      EngineConfig config = EngineConfig.defaults(dataDir).withPartitions(partitions);
      try (Cluster cluster = Engine.open(config); Progress progress = Progress.start("recompute", out)) {
        ModuleInstance m = cluster.launch(module);
        RecomputeReport r = m.recompute(progress);
        progress.clear();
        out.printf("recompute: done, %d records, %d processor errors, %d ms (%s in %s, %d partitions)%n",
            r.records(), r.errors(), r.millis(), module.name(), dataDir, partitions);
      }
      return 0;
    } catch (RuntimeException e) {
      err.println("recompute: failed: " + e.getMessage());
      return 1;
    }
  }
}
