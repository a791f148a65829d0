package coedit.engine.embedded;

import coedit.engine.Cluster;
import coedit.engine.EngineConfig;

/** Opens the embedded engine. */
public final class Engine {

  private Engine() {}

  /**
   * An engine storing modules under {@code config.dataDir()} (created if missing). Close it
   * to stop its threads and release its files.
   */
  public static Cluster open(EngineConfig config) {
    return new EngineCluster(config);
  }

  /**
   * The partition count fixed by a module's existing RocksDB data under {@code dataDir},
   * or -1 if the module has no data there yet. Tools use it to open data they did not create.
   */
  public static int storedPartitions(java.nio.file.Path dataDir, String module) {
    return EngineCluster.storedPartitions(dataDir, module);
  }
}
