package coedit.engine.embedded;

import coedit.engine.EngineConfig;
import coedit.engine.Module;
import coedit.engine.ProgressListener;
import coedit.engine.storage.RocksStorage;
import coedit.engine.storage.Storage;
import coedit.engine.topology.ModuleDefinition;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * {@code bin/coedit repair DATA_DIR --accept-loss}: the explicit way to go on after data
 * was lost (see {@link coedit.engine.DataDamagedException}). It keeps the records that
 * remain, recomputes the PStates from them when they include effects of lost records, and
 * records the depots' present ends as their ends, so the module starts again. The lost
 * records' offsets, and whatever a module numbered by them (the editor's versions), will
 * be handed out again: this is accepting the loss, not undoing it.
 */
public final class Repair {
  private Repair() {}

  /** What was accepted as lost, per depot partition, and whether PStates were recomputed. */
  public record Report(String module, List<String> lost, boolean recomputed) {}

  public static Report acceptLoss(Path dataDir, Module module, ProgressListener progress) {
    Path dir = dataDir.resolve(module.name());
    List<String> lost = new ArrayList<>();
    Storage storage = new RocksStorage(dir);
    ExecutorService proxies = Executors.newSingleThreadExecutor();
    ModuleRuntime rt;
    try {
      int partitions = Layout.storedPartitions(storage);
      ModuleDefinition def = ModuleDefinition.of(module);
      DepotEnds.Recorded recorded = DepotEnds.read(dir);
      EngineConfig config = EngineConfig.defaults(dataDir).withPartitions(partitions);
      rt = new ModuleRuntime(def, config, storage, dir, dir.toString(), proxies, e -> {}, true);
      boolean marksPastEnds = false;
      for (DepotInfo d : rt.layout.depots.values()) {
        for (int p = 0; p < partitions; p++) {
          long had = recorded.end(d.id, p);
          if (had > d.nextOffset[p]) {
            lost.add("depot " + d.name + " partition " + p + ": offsets " + d.nextOffset[p] + " to " + (had - 1));
          }
        }
      }
      for (TopologyInfo t : rt.layout.topologies) {
        for (int p = 0; p < partitions; p++) {
          marksPastEnds |= rt.task(p).marks[t.index()] >= t.depot().nextOffset[p];
        }
      }
      rt.start();
      if (marksPastEnds) rt.recompute(progress);
      rt.close();
      return new Report(module.name(), lost, marksPastEnds);
    } catch (RuntimeException e) {
      storage.close();
      throw e;
    } finally {
      proxies.shutdown();
    }
  }
}
