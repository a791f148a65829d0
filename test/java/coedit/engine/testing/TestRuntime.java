package coedit.engine.testing;

import coedit.engine.Cluster;
import coedit.engine.EngineConfig;
import coedit.engine.embedded.Engine;
import coedit.engine.embedded.InProcessCluster;
import java.nio.file.Path;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * A runtime the module tests run on, as a factory of clusters: the embedded engine on
 * RocksDB, or the Kafka runtime on the tests' shared broker. Module tests take one as a
 * class parameter ({@code @ParameterizedClass @MethodSource("...TestRuntime#all")}), so each
 * story runs unchanged on every runtime.
 */
public interface TestRuntime {

  /** A cluster with fresh, empty data from the defaults adjusted by {@code customize}. */
  Cluster fresh(UnaryOperator<EngineConfig> customize);

  /** A cluster over durable data named by {@code dir}: a second one sees the first's data. */
  Cluster durable(Path dir, UnaryOperator<EngineConfig> customize);

  TestRuntime EMBEDDED = new TestRuntime() {
    @Override
    public Cluster fresh(UnaryOperator<EngineConfig> customize) {
      return InProcessCluster.create(customize);
    }

    @Override
    public Cluster durable(Path dir, UnaryOperator<EngineConfig> customize) {
      return Engine.open(customize.apply(EngineConfig.defaults(dir)));
    }

    @Override
    public String toString() {
      return "embedded RocksDB";
    }
  };

  TestRuntime KAFKA = new TestRuntime() {
    @Override
    public Cluster fresh(UnaryOperator<EngineConfig> customize) {
      return TestKafka.fresh(customize);
    }

    @Override
    public Cluster durable(Path dir, UnaryOperator<EngineConfig> customize) {
      return TestKafka.durable(dir, customize);
    }

    @Override
    public String toString() {
      return "Kafka Streams";
    }
  };

  /** Every runtime, for {@code @MethodSource}. */
  static List<TestRuntime> all() {
    return List.of(EMBEDDED, KAFKA);
  }
}
