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
   * Backs up the running embedded engine {@code cluster} into the new directory {@code dest}
   * (see {@link EngineCluster#backup}); {@link IllegalArgumentException} for another runtime.
   */
  public static EngineCluster.BackupReport backup(Cluster cluster, java.nio.file.Path dest) {
    if (cluster instanceof EngineCluster e) return e.backup(dest);
    if (cluster instanceof InProcessCluster ipc) return ipc.engine().backup(dest);
    throw new IllegalArgumentException("only the embedded engine is backed up this way; "
        + cluster.getClass().getName() + " is not it (on Kafka, the brokers replicate the depots)");
  }

  /**
   * Builds a base for every partition of every module of the running embedded engine
   * {@code cluster} now and trims its depots below it (see {@link EngineCluster#trimDepots});
   * returns the depot records deleted. {@link IllegalArgumentException} for another runtime.
   */
  public static long trimDepots(Cluster cluster) {
    if (cluster instanceof EngineCluster e) return e.trimDepots();
    if (cluster instanceof InProcessCluster ipc) return ipc.engine().trimDepots();
    throw new IllegalArgumentException("only the embedded engine trims its depots; "
        + cluster.getClass().getName() + " is not it (on Kafka, the topics' retention applies)");
  }

  /**
   * The partition count fixed by a module's existing RocksDB data under {@code dataDir},
   * or -1 if the module has no data there yet. Tools use it to open data they did not create.
   */
  public static int storedPartitions(java.nio.file.Path dataDir, String module) {
    return EngineCluster.storedPartitions(dataDir, module);
  }
}
