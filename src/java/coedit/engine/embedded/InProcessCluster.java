package coedit.engine.embedded;

import coedit.engine.Cluster;
import coedit.engine.EngineConfig;
import coedit.engine.EngineException;
import coedit.engine.Health;
import io.micrometer.core.instrument.MeterRegistry;
import coedit.engine.Module;
import coedit.engine.ModuleInstance;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

/**
 * An engine in a fresh temporary directory, deleted on close: the same engine (RocksDB,
 * fsync, threads) as production, for tests and the REPL. Like Rama's InProcessCluster.
 */
public final class InProcessCluster implements Cluster {

  private final Path dir;
  private final EngineCluster engine;

  private InProcessCluster(Path dir, EngineConfig config) {
    this.dir = dir;
    this.engine = new EngineCluster(config);
  }

  /** Default configuration ({@link EngineConfig#defaults}) in a temporary directory. */
  public static InProcessCluster create() {
    return create(UnaryOperator.identity());
  }

  /** The defaults adjusted by {@code customize}, e.g. {@code c -> c.withPartitions(8)}. */
  public static InProcessCluster create(UnaryOperator<EngineConfig> customize) {
    Path dir;
    try {
      dir = Files.createTempDirectory("coedit-ipc-");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a temporary directory", e);
    }
    EngineConfig config = customize.apply(EngineConfig.defaults(dir));
    if (!config.dataDir().equals(dir)) {
      throw new IllegalArgumentException("InProcessCluster owns its data directory; do not"
          + " change dataDir (got " + config.dataDir() + ")");
    }
    return new InProcessCluster(dir, config);
  }

  /** The engine behind this cluster. */
  EngineCluster engine() {
    return engine;
  }

  /** The temporary data directory. */
  public Path dataDir() {
    return dir;
  }

  @Override
  public EngineConfig config() {
    return engine.config();
  }

  @Override
  public ModuleInstance launch(Module module) {
    return engine.launch(module);
  }

  @Override
  public ModuleInstance module(String name) {
    return engine.module(name);
  }

  @Override
  public Health health() {
    return engine.health();
  }

  @Override
  public void onFailure(Consumer<EngineException> listener) {
    engine.onFailure(listener);
  }

  @Override
  public void bindTo(MeterRegistry registry) {
    engine.bindTo(registry);
  }

  @Override
  public void close() {
    engine.close();
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete " + dir, e);
    }
  }
}
