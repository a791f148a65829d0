package coedit.engine;

import coedit.engine.testing.TestKafka;
import java.util.function.UnaryOperator;

/** The conformance suite on the Kafka runtime: one instance on a one-broker KRaft cluster. */
class KafkaEngineConformanceTest extends EngineConformance {
  @Override
  protected Cluster newCluster(UnaryOperator<EngineConfig> customize) {
    return TestKafka.fresh(customize);
  }
}
