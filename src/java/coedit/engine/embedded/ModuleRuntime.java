package coedit.engine.embedded;

import coedit.engine.DataDamagedException;
import coedit.engine.Depot;
import coedit.engine.DepotRef;
import coedit.engine.EngineConfig;
import coedit.engine.EngineException;
import coedit.engine.FsyncPolicy;
import coedit.engine.Health;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import coedit.engine.ListPState;
import coedit.engine.ListRef;
import coedit.engine.MapPState;
import coedit.engine.MapRef;
import coedit.engine.ModuleInstance;
import coedit.engine.ProgressListener;
import coedit.engine.Proxy;
import coedit.engine.ProxyListener;
import coedit.engine.Query;
import coedit.engine.QueryRef;
import coedit.engine.RecomputeReport;
import coedit.engine.SortedMapPState;
import coedit.engine.SortedMapRef;
import coedit.engine.runtime.Admission;
import coedit.engine.runtime.Futures;
import coedit.engine.storage.KV;
import coedit.engine.storage.Space;
import coedit.engine.storage.Storage;
import coedit.engine.store.Keys;
import coedit.engine.store.PStateInfo;
import coedit.engine.store.ProxyHub;
import coedit.engine.store.Subscriber;
import coedit.engine.topology.Decls;
import coedit.engine.topology.ModuleDefinition;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * A launched module: owns its storage, writer thread, task threads and clients. Launch
 * order matters for exactly-once: marks and next offsets are read first, every task's
 * replay of unprocessed records is queued before any new record can be dispatched, and
 * launch returns once the replays are done.
 */
final class ModuleRuntime implements ModuleInstance {

  private static final System.Logger LOG = System.getLogger(ModuleRuntime.class.getName());

  final EngineConfig config;
  final Storage storage;
  final Layout layout;
  final Admission admission;
  final Executor proxyPool;
  final Writer writer;
  private final TaskThread[] threads;
  private final Task[] tasks;
  private final long launchSeq;
  private final Map<String, Object> clients = new ConcurrentHashMap<>();
  private final Consumer<EngineException> onFailure;
  private volatile RuntimeException failure;
  private volatile boolean closed;

  /**
   * @param dir        the module's data directory when its storage is durable (the depots'
   *                   record of their ends lives there), else null
   * @param acceptLoss start even if data was lost (only {@code repair --accept-loss})
   */
  ModuleRuntime(ModuleDefinition def, EngineConfig config, Storage storage, Path dir, String where,
      Executor proxyPool, Consumer<EngineException> onFailure, boolean acceptLoss) {
    this.config = config;
    this.onFailure = onFailure;
    this.storage = storage;
    this.proxyPool = proxyPool;
    this.layout = new Layout(def, storage, config.partitions(), where);
    this.admission = new Admission(def.moduleName, config.partitions(), config.queueCapacity(),
        config.appendTimeout());
    this.launchSeq = readNextOffsets();
    this.trimmer = new Trimmer(this, config.trimming());
    this.writer = new Writer(this, config.fsync() == FsyncPolicy.ALWAYS_GROUP_COMMIT, launchSeq);
    this.threads = new TaskThread[Math.min(config.taskThreads(), config.partitions())];
    for (int i = 0; i < threads.length; i++) {
      threads[i] = new TaskThread(this, i);
    }
    this.tasks = new Task[config.partitions()];
    for (int p = 0; p < tasks.length; p++) {
      tasks[p] = new Task(p, layout, threads[threadIndex(p)], storage);
      threads[threadIndex(p)].addTask(tasks[p]);
    }
    if (dir != null) {
      DepotEnds.Recorded recorded = DepotEnds.read(dir);
      if (!recorded.readable()) {
        LOG.log(System.Logger.Level.WARNING, "module " + def.moduleName + ": " + dir.resolve(DepotEnds.FILE)
            + " is unreadable, so this launch cannot check that no depot records were lost");
      }
      String damage = DataDamage.describe(layout, tasks, storage, recorded, where);
      if (damage != null && !acceptLoss) throw new DataDamagedException(damage);
      this.depotEnds = DepotEnds.open(dir, layout.depots.values());
    } else {
      this.depotEnds = null;
    }
  }

  /**
   * The module's meters: queue depth and busy time per partition (tagged module and
   * partition), group commits (duration, records), storage size.
   */
  void registerMeters(MeterRegistry registry) {
    admission.registerGauges(registry);
    for (Task t : tasks) {
      FunctionCounter.builder("coedit.engine.task.busy", t, task -> task.busyNanos / 1e9)
          .baseUnit("seconds").description("time the partition's task spent processing records")
          .tags("module", name(), "partition", Integer.toString(t.partition)).register(registry);
    }
    writer.registerMeters(registry);
    FunctionCounter.builder("coedit.engine.depot.trimmed", trimmer, t -> t.trimmed)
        .description("depot records deleted below a base since launch").tags("module", name()).register(registry);
    FunctionCounter.builder("coedit.engine.depot.bases", trimmer, t -> t.builds)
        .description("partition bases built since launch").tags("module", name()).register(registry);
    Gauge.builder("coedit.engine.storage.size", storage, Storage::sizeBytes).baseUnit("bytes")
        .description("bytes the module's data takes").tags("module", name()).register(registry);
  }

  /** The depots' record of their ends (durable storage only), written by the writer thread. */
  final DepotEnds depotEnds;

  /** Builds bases and trims depots; its lock also keeps builds out of a recompute. */
  final Trimmer trimmer;

  /**
   * Next offset of every depot partition (after its last record, and never below where it
   * was trimmed to, which it may have been entirely); returns the next sequence number
   * (likewise above any trimmed record's).
   */
  private long readNextOffsets() {
    long nextSeq = Bases.seqFloor(storage);
    for (DepotInfo d : layout.depots.values()) {
      for (int p = 0; p < layout.partitions; p++) {
        d.nextOffset[p] = Bases.depotStart(storage, d, p);
        KV last = storage.last(Space.DEPOT, Keys.depot(d.id, p, 0), Keys.depotEnd(d.id, p));
        if (last != null) {
          d.nextOffset[p] = Math.max(d.nextOffset[p], Keys.depotOffset(last.key()) + 1);
          nextSeq = Math.max(nextSeq, Keys.valueSeq(last.value()) + 1);
        }
      }
    }
    return nextSeq;
  }

  /** Starts the threads and waits until every unprocessed stored record is processed. */
  void start() {
    List<CompletableFuture<Void>> recovered = new ArrayList<>();
    for (Task t : tasks) {
      CompletableFuture<Void> f = new CompletableFuture<>();
      recovered.add(f);
      t.thread.inbox.add(new Work.Call(t.partition, task -> {
        try {
          Replay.recover(task, launchSeq);
          f.complete(null);
        } catch (RuntimeException e) {
          f.completeExceptionally(e);
        }
      }, f));
    }
    for (TaskThread t : threads) {
      t.start();
    }
    writer.start();
    try {
      recovered.forEach(Futures::join);
    } catch (RuntimeException e) {
      close();
      throw new EngineException("module " + name() + ": replaying unprocessed records at launch"
          + " failed: " + e.getMessage(), e);
    }
    trimmer.start();
  }

  /**
   * Builds a base for every partition now and trims its depots below it, whatever the
   * policy says (it need not be enabled); on the caller's thread.
   */
  List<BaseBuild.Result> trimNow() {
    EngineThread.checkMayBlock("trimNow");
    checkUsable();
    return trimmer.pass(true);
  }

  @Override
  public String name() {
    return layout.module;
  }

  @Override
  public int partitions() {
    return layout.partitions;
  }

  Task task(int partition) {
    return tasks[partition];
  }

  int threadIndex(int partition) {
    return partition % threads.length;
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  List<Work>[] newDispatchLists() {
    List<Work>[] lists = new List[threads.length];
    for (int i = 0; i < lists.length; i++) {
      lists[i] = new ArrayList<>();
    }
    return lists;
  }

  void dispatch(List<Work>[] lists) {
    for (int i = 0; i < lists.length; i++) {
      if (!lists[i].isEmpty()) {
        threads[i].inbox.addAll(lists[i]);
      }
    }
  }

  /** Runs {@code body} on the task of {@code partition}; {@code f} fails if it cannot. */
  void call(int partition, Consumer<Task> body, CompletableFuture<?> f) {
    if (closed) {
      f.completeExceptionally(closedError());
      return;
    }
    threads[threadIndex(partition)].inbox.add(new Work.Call(partition, body, f));
  }

  RuntimeException failure() {
    return failure;
  }

  void fail(RuntimeException e) {
    synchronized (this) {
      if (failure != null) return;
      failure = e;
    }
    LOG.log(System.Logger.Level.ERROR, e.getMessage(), e);
    onFailure.accept(e instanceof EngineException ee ? ee
        : new EngineException("module " + name() + " failed: " + e.getMessage(), e));
  }

  @Override
  public Health health() {
    RuntimeException f = failure;
    if (f != null) return new Health(Health.State.FAILED, f.getMessage());
    return closed ? new Health(Health.State.CLOSED, "module " + name() + " is closed") : Health.RUNNING;
  }

  EngineException closedError() {
    return new EngineException("module " + name() + " is closed");
  }

  void checkUsable() {
    if (closed) {
      throw closedError();
    }
    RuntimeException f = failure;
    if (f != null) {
      throw new EngineException("module " + name() + " failed and must be relaunched: "
          + f.getMessage(), f);
    }
  }

  @SuppressWarnings("unchecked")
  <T> Proxy<T> watch(PStateInfo info, Object key, ProxyListener<T, ?> listener,
      Supplier<Object> current) {
    EngineThread.checkMayBlock("watch");
    checkUsable();
    Objects.requireNonNull(key, () -> info.name + ": key must not be null");
    Objects.requireNonNull(listener, () -> info.name + ": listener must not be null");
    int p = info.partitionOf(key, partitions());
    ProxyHub.Path path = new ProxyHub.Path(info.id,
        ByteBuffer.wrap(Keys.pstateKey(info.id, p, info.encode(info.keyCodec, key, "key"))));
    CompletableFuture<Subscriber> f = new CompletableFuture<>();
    call(p, task -> {
      try {
        Object initial = current.get();
        Subscriber s = new Subscriber((ProxyListener<Object, Object>) listener,
            config.proxyQueueCapacity(), proxyPool, current, initial);
        s.onClose(() -> task.hub.remove(path, s));
        task.hub.add(path, s);
        f.complete(s);
      } catch (RuntimeException e) {
        f.completeExceptionally(e);
      }
    }, f);
    return (Proxy<T>) Futures.join(f);
  }

  @Override
  @SuppressWarnings("unchecked")
  public <R> Depot<R> depot(String name) {
    DepotInfo d = layout.depot(name);
    return (Depot<R>) clients.computeIfAbsent("*" + name, n -> new DepotClient<>(this, d));
  }


  @Override
  @SuppressWarnings("unchecked")
  public <K, V> MapPState<K, V> map(String name) {
    PStateInfo p = layout.pstate(name, Decls.Kind.MAP);
    return (MapPState<K, V>) clients.computeIfAbsent(name, n -> new MapClient<>(this, p));
  }


  @Override
  @SuppressWarnings("unchecked")
  public <K, V> ListPState<K, V> list(String name) {
    PStateInfo p = layout.pstate(name, Decls.Kind.LIST);
    return (ListPState<K, V>) clients.computeIfAbsent(name, n -> new ListClient<>(this, p));
  }


  @Override
  @SuppressWarnings("unchecked")
  public <K, S, V> SortedMapPState<K, S, V> sortedMap(String name) {
    PStateInfo p = layout.pstate(name, Decls.Kind.SORTED_MAP);
    return (SortedMapPState<K, S, V>) clients.computeIfAbsent(name,
        n -> new SortedMapClient<>(this, p));
  }


  @Override
  @SuppressWarnings("unchecked")
  public <A, T> Query<A, T> query(String name) {
    Decls.Query q = layout.query(name);
    return (Query<A, T>) clients.computeIfAbsent("?" + name, n -> new QueryClient<>(this, q));
  }


  @Override
  public void awaitProcessed(Duration timeout) {
    EngineThread.checkMayBlock("awaitProcessed");
    checkUsable();
    Barrier.await(this, threads, timeout);
  }

  @Override
  public RecomputeReport recompute(ProgressListener listener) {
    EngineThread.checkMayBlock("recompute");
    checkUsable();
    trimmer.lock.lock();
    try {
      return Recompute.run(this, tasks, listener == null ? ProgressListener.NONE : listener);
    } finally {
      trimmer.lock.unlock();
    }
  }

  /** Stops after processing what was admitted; see {@link coedit.engine.Cluster#close()}. */
  synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    // First: a build reads a storage snapshot, which must be released before storage closes.
    trimmer.stop();
    CompletableFuture<Void> stopsQueued = new CompletableFuture<>();
    Runnable queueStops = () -> {
      for (TaskThread t : threads) {
        t.inbox.add(new Work.Stop());
      }
      stopsQueued.complete(null);
    };
    if (writer.isAlive()) {
      writer.fence(seq -> queueStops.run());
    } else {
      queueStops.run();
    }
    try {
      stopsQueued.join();
      for (TaskThread t : threads) {
        t.join();
      }
      writer.stopAndJoin();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    for (TaskThread t : threads) {
      t.failLeftovers(closedError());
    }
    if (depotEnds != null) depotEnds.close();
    storage.close();
  }
}
