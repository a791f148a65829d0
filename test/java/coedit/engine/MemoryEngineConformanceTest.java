package coedit.engine;

import coedit.engine.embedded.InProcessCluster;
import java.util.function.UnaryOperator;

/** The conformance suite on in-memory storage. */
class MemoryEngineConformanceTest extends EngineConformance {
  @Override
  protected Cluster newCluster(UnaryOperator<EngineConfig> customize) {
    return InProcessCluster.create(c -> customize.apply(c.withStorage(StorageKind.IN_MEMORY)));
  }
}
