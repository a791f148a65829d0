package coedit.engine;

import coedit.engine.embedded.InProcessCluster;
import java.util.function.UnaryOperator;

/** The conformance suite on RocksDB with fsync: the production engine. */
class RocksEngineConformanceTest extends EngineConformance {
  @Override
  protected Cluster newCluster(UnaryOperator<EngineConfig> customize) {
    return InProcessCluster.create(customize);
  }
}
