package coedit.engine.embedded;

import coedit.engine.Cluster;
import coedit.engine.DataDamagedException;
import coedit.engine.EngineConfig;
import coedit.engine.EngineException;
import coedit.engine.Health;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import coedit.engine.Module;
import coedit.engine.ModuleInstance;
import coedit.engine.StorageKind;
import coedit.engine.storage.MemoryStorage;
import coedit.engine.storage.RocksStorage;
import coedit.engine.storage.Storage;
import coedit.engine.topology.ModuleDefinition;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Function;

/** The engine: one storage, writer and set of task threads per launched module. */
public final class EngineCluster implements Cluster {
  private static final System.Logger LOG = System.getLogger(EngineCluster.class.getName());

  private final EngineConfig config;
  private final Function<Path, Storage> rocks;
  private final Map<String, ModuleRuntime> modules = new LinkedHashMap<>();
  private final ExecutorService proxyPool;
  private final List<Consumer<EngineException>> failureListeners = new CopyOnWriteArrayList<>();
  /** Every module's meters, recorded whether or not anyone listens; bindTo adds listeners. */
  private final CompositeMeterRegistry meters = new CompositeMeterRegistry();
  private volatile EngineException failure;
  private boolean closed;

  public EngineCluster(EngineConfig config) {
    this(config, EngineCluster::openRocks);
  }

  /** An engine whose RocksDB storage comes from {@code rocks} (tests inject faults with it). */
  EngineCluster(EngineConfig config, Function<Path, Storage> rocks) {
    this.config = config;
    this.rocks = rocks;
    AtomicInteger n = new AtomicInteger();
    this.proxyPool = Executors.newFixedThreadPool(2, r -> {
      Thread t = new Thread(r, "coedit-proxy-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
  }

  @Override
  public EngineConfig config() {
    return config;
  }

  @Override
  public synchronized ModuleInstance launch(Module module) {
    if (closed) {
      throw new EngineException("cluster is closed");
    }
    ModuleDefinition def = ModuleDefinition.of(module);
    if (modules.containsKey(def.moduleName)) {
      throw new IllegalArgumentException("module " + def.moduleName + " is already launched");
    }
    Path dir = config.dataDir().resolve(def.moduleName);
    Storage storage =
        config.storage() == StorageKind.ROCKSDB ? rocks.apply(dir) : new MemoryStorage();
    ModuleRuntime rt;
    try {
      rt = new ModuleRuntime(def, config, storage, storage.durable() ? dir : null, dir.toString(),
          proxyPool, this::failed, false);
      rt.registerMeters(meters);
    } catch (RuntimeException e) {
      storage.close();
      throw e;
    }
    rt.start();
    modules.put(def.moduleName, rt);
    return rt;
  }

  private static Storage openRocks(Path dir) {
    try {
      return new RocksStorage(dir);
    } catch (DataDamagedException e) {
      throw e;
    } catch (EngineException e) {
      throw new EngineException(e.getMessage() + " (is another engine using " + dir + "?)", e);
    }
  }

  /**
   * The partition count stored with module {@code module}'s RocksDB data under
   * {@code dataDir}, or -1 when there is none.
   */
  public static int storedPartitions(Path dataDir, String module) {
    Path dir = dataDir.resolve(module);
    if (!java.nio.file.Files.isDirectory(dir)) {
      return -1;
    }
    try (Storage s = openRocks(dir)) {
      return Layout.storedPartitions(s);
    }
  }

  /**
   * Backs up every launched module into the new directory {@code dest} while they run: one
   * RocksDB checkpoint per module (depots, PStates and processed marks at one point, so it
   * holds every append acknowledged before the call), plus {@code BACKUP.txt} describing it.
   * Restore by copying the backup into an empty data directory ({@code bin/coedit restore}).
   */
  public synchronized BackupReport backup(Path dest) {
    if (closed) throw new EngineException("cluster is closed");
    if (config.storage() != StorageKind.ROCKSDB) {
      throw new EngineException("an in-memory engine holds nothing durable to back up");
    }
    long started = System.nanoTime();
    try {
      if (java.nio.file.Files.exists(dest)) {
        try (var entries = java.nio.file.Files.list(dest)) {
          if (entries.findAny().isPresent()) throw new EngineException("backup destination " + dest + " is not empty");
        }
      }
      java.nio.file.Files.createDirectories(dest);
      StringBuilder manifest = new StringBuilder("coedit backup\ncreated: " + java.time.Instant.now() + "\n");
      for (ModuleRuntime rt : modules.values()) {
        rt.storage.checkpoint(dest.resolve(rt.name()));
        manifest.append("module: ").append(rt.name()).append(" (").append(rt.partitions()).append(" partitions)\n");
      }
      java.nio.file.Files.writeString(dest.resolve("BACKUP.txt"), manifest);
      return new BackupReport(dest, List.copyOf(modules.keySet()), sizeOf(dest), (System.nanoTime() - started) / 1_000_000);
    } catch (java.io.IOException e) {
      throw new EngineException("cannot back up into " + dest + ": " + e.getMessage(), e);
    }
  }

  /**
   * Builds a base for every partition of every launched module now and trims their depots
   * below it (see {@link coedit.engine.DepotTrimming}), whether or not the configured policy
   * trims by itself; returns the depot records deleted. Safe while the modules serve.
   */
  public long trimDepots() {
    List<ModuleRuntime> launched;
    synchronized (this) {
      if (closed) throw new EngineException("cluster is closed");
      launched = List.copyOf(modules.values());
    }
    long trimmed = 0;
    for (ModuleRuntime rt : launched) {
      for (BaseBuild.Result r : rt.trimNow()) trimmed += r.trimmed();
    }
    return trimmed;
  }

  /** What a backup holds. */
  public record BackupReport(Path dest, List<String> modules, long bytes, long millis) {}

  private static long sizeOf(Path dir) throws java.io.IOException {
    try (var files = java.nio.file.Files.walk(dir)) {
      return files.filter(java.nio.file.Files::isRegularFile).mapToLong(f -> f.toFile().length()).sum();
    }
  }

  @Override
  public synchronized ModuleInstance module(String name) {
    ModuleRuntime rt = modules.get(name);
    if (rt == null) {
      throw new IllegalArgumentException("no launched module " + name + "; launched: "
          + modules.keySet());
    }
    return rt;
  }

  @Override
  public void bindTo(MeterRegistry registry) {
    meters.add(registry);
  }

  @Override
  public Health health() {
    EngineException f = failure;
    if (f != null) return new Health(Health.State.FAILED, f.getMessage());
    synchronized (this) {
      return closed ? new Health(Health.State.CLOSED, "closed") : Health.RUNNING;
    }
  }

  @Override
  public void onFailure(Consumer<EngineException> listener) {
    failureListeners.add(listener);
    EngineException f = failure;
    if (f != null && failureListeners.remove(listener)) listener.accept(f);
  }

  /** A module failed: the first failure is the engine's; each listener hears it once. */
  private void failed(EngineException e) {
    synchronized (this) {
      if (failure != null) return;
      failure = e;
    }
    for (Consumer<EngineException> l : failureListeners) {
      if (failureListeners.remove(l)) {
        try {
          l.accept(e);
        } catch (RuntimeException listenerFailed) {
          LOG.log(System.Logger.Level.ERROR, "a failure listener failed", listenerFailed);
        }
      }
    }
  }

  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    modules.values().forEach(ModuleRuntime::close);
    proxyPool.shutdown();
  }
}
