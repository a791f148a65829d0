package coedit.engine;

import coedit.engine.runtime.EngineCluster;

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
}
