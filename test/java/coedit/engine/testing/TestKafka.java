package coedit.engine.testing;

import coedit.engine.Cluster;
import coedit.engine.EngineConfig;
import coedit.engine.EngineException;
import coedit.engine.kafka.KafkaCluster;
import coedit.engine.kafka.KafkaEngineConfig;
import coedit.engine.kafka.local.LocalKafka;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/**
 * The one-broker Kafka the tests of the Kafka runtime share: started in this JVM on first
 * use, bound to 127.0.0.1, stopped when the JVM exits. Each test cluster gets a namespace of
 * its own (so topics, groups and state never mix) and deletes its topics on close.
 */
public final class TestKafka {

  private static final AtomicInteger CLUSTERS = new AtomicInteger();
  private static LocalKafka kafka;

  private TestKafka() {}

  /** {@code 127.0.0.1:PORT} of the shared broker, started on first call. */
  public static synchronized String bootstrap() {
    if (kafka == null) {
      Path dir;
      try {
        dir = Files.createTempDirectory("coedit-test-kafka-");
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      LocalKafka k = LocalKafka.start(dir, 1, Map.of());
      kafka = k;
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        k.close();
        delete(dir);
      }, "test-kafka-stop"));
    }
    return kafka.bootstrap();
  }

  /** A Kafka-runtime cluster with fresh data, one instance, on the shared broker. */
  public static Cluster fresh(UnaryOperator<EngineConfig> customize) {
    String ns = "t" + CLUSTERS.incrementAndGet() + "-" + Long.toHexString(System.nanoTime());
    Path dir = tempDir();
    return open(ns, dir, customize, true);
  }

  /**
   * A Kafka-runtime cluster over the data of {@code dir}: opening it again with the same
   * directory reaches the same topics and state, like reopening an embedded engine.
   */
  public static Cluster durable(Path dir, UnaryOperator<EngineConfig> customize) {
    String ns = "d" + Integer.toHexString(dir.toAbsolutePath().toString().hashCode());
    return open(ns, dir.resolve("kafka-state"), customize, false);
  }

  private static Cluster open(String ns, Path stateDir, UnaryOperator<EngineConfig> customize,
      boolean temporary) {
    EngineConfig engine = customize.apply(EngineConfig.defaults(stateDir));
    KafkaEngineConfig config = KafkaEngineConfig.defaults(bootstrap(), "node-1", stateDir)
        .singleBroker().withNamespace(ns).withEngine(engine);
    KafkaCluster cluster = KafkaCluster.open(config);
    return new Cluster() {
      @Override
      public EngineConfig config() {
        return cluster.config();
      }

      @Override
      public coedit.engine.ModuleInstance launch(coedit.engine.Module module) {
        return cluster.launch(module);
      }

      @Override
      public coedit.engine.ModuleInstance module(String name) {
        return cluster.module(name);
      }

      @Override
      public coedit.engine.Health health() {
        return cluster.health();
      }

      @Override
      public void onFailure(java.util.function.Consumer<EngineException> listener) {
        cluster.onFailure(listener);
      }

      @Override
      public void bindTo(io.micrometer.core.instrument.MeterRegistry registry) {
        cluster.bindTo(registry);
      }

      @Override
      public void close() {
        cluster.close();
        if (temporary) {
          deleteTopics(ns);
          delete(stateDir);
        }
      }
    };
  }

  private static void deleteTopics(String ns) {
    try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
        bootstrap()))) {
      List<String> mine = admin.listTopics().names().get(10, TimeUnit.SECONDS).stream()
          .filter(t -> t.startsWith(ns + ".")).toList();
      admin.deleteTopics(mine).all().get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new EngineException("cannot delete the test topics of " + ns + ": " + e, e);
    }
  }

  private static Path tempDir() {
    try {
      return Files.createTempDirectory("coedit-kafka-state-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static void delete(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete " + dir, e);
    }
  }
}
