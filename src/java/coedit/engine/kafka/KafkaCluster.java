package coedit.engine.kafka;

import coedit.engine.Cluster;
import coedit.engine.EngineConfig;
import coedit.engine.EngineException;
import coedit.engine.Health;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import coedit.engine.Module;
import coedit.engine.ModuleInstance;
import coedit.engine.topology.ModuleDefinition;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * One engine instance of the Kafka runtime: launches modules as Kafka Streams applications
 * and owns what they share here: the producer of client appends, an admin client, the
 * node-to-node endpoint, the pending appends and the proxy delivery pool. Start as many
 * instances (JVMs, machines) as wanted with the same bootstrap servers and namespace: they
 * share each module's tasks, and any instance serves appends, reads, queries and proxies
 * for every partition, routing to the owner. See docs/kafka.md and the guarantees in
 * {@code coedit.engine}'s package documentation.
 */
public final class KafkaCluster implements Cluster {

  private static final System.Logger LOG = System.getLogger(KafkaCluster.class.getName());

  final KafkaEngineConfig config;
  final Admin admin;
  final KafkaProducer<byte[], byte[]> producer;
  final Rpc rpc;
  final Acks acks;
  final ExecutorService proxyPool;
  /** Runs routed calls of async client methods, and background re-attachments. */
  final ExecutorService callers;
  final ScheduledExecutorService timer;
  private final Map<String, KafkaModule> modules = new LinkedHashMap<>();
  private final java.util.Set<Consumer<EngineException>> failureListeners =
      java.util.concurrent.ConcurrentHashMap.newKeySet();
  private volatile EngineException failure;
  private volatile boolean closed;
  /** Every module's meters, recorded whether or not anyone listens; bindTo adds listeners. */
  final CompositeMeterRegistry meters = new CompositeMeterRegistry();

  private KafkaCluster(KafkaEngineConfig config) {
    this.config = config;
    this.admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
        config.bootstrapServers(), AdminClientConfig.CLIENT_ID_CONFIG,
        config.namespace() + "-" + config.nodeId() + "-admin"));
    this.producer = new KafkaProducer<>(producerConfig(), new ByteArraySerializer(),
        new ByteArraySerializer());
    new KafkaClientMetrics(producer).bindTo(meters);
    // An ACK may wait behind a whole queue of admitted records, and across a failover:
    // only an answer that never comes (a lost reply) fails it, after ten request timeouts.
    this.acks = new Acks(config.requestTimeout().multipliedBy(10));
    this.rpc = new Rpc(config.rpcHost(), config.rpcPort());
    AtomicInteger n = new AtomicInteger();
    this.proxyPool = Executors.newFixedThreadPool(2, r -> {
      Thread t = new Thread(r, "coedit-proxy-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
    this.callers = Executors.newCachedThreadPool(r -> {
      Thread t = new Thread(r, "coedit-kafka-caller");
      t.setDaemon(true);
      return t;
    });
    this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "coedit-kafka-timer");
      t.setDaemon(true);
      return t;
    });
    timer.scheduleWithFixedDelay(acks::expire, 1, 1, TimeUnit.SECONDS);
    rpc.onPush("acks", acks::processedAll);
    rpc.onCall("module", this::call);
    rpc.onCall("control", message -> {
      Router.Call c = (Router.Call) message;
      KafkaModule m = launched(c.module());
      if (m == null) {
        throw new EngineException("module " + c.module() + " is not launched on " + endpoint());
      }
      return m.generations.control(c);
    });
    rpc.onPush("notices", items -> items.forEach(i -> {
      Subscriptions.Update u = (Subscriptions.Update) i;
      KafkaModule m = launched(u.module());
      if (m != null) {
        m.subscriptions.delivered(u);
      }
    }));
  }

  /**
   * Opens an engine instance: connects to Kafka and starts its endpoint. Nothing is created
   * in Kafka until a module is launched.
   */
  public static KafkaCluster open(KafkaEngineConfig config) {
    return new KafkaCluster(config);
  }

  /**
   * Client appends: {@code acks=all} (replicated to min.insync.replicas before
   * APPEND_ACK), idempotent (a retried send is not duplicated, and appends from one thread
   * stay in order), sent at once (no linger: an editor's ACK latency starts here).
   */
  private Map<String, Object> producerConfig() {
    Map<String, Object> p = new java.util.HashMap<>();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
    p.put(ProducerConfig.CLIENT_ID_CONFIG, config.namespace() + "-" + config.nodeId() + "-appends");
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    p.put(ProducerConfig.LINGER_MS_CONFIG, 0);
    p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG,
        (int) Math.max(5_000, config.requestTimeout().toMillis()));
    p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 4_000);
    return p;
  }

  @Override
  public EngineConfig config() {
    return config.engine();
  }

  /** This instance's configuration. */
  public KafkaEngineConfig kafkaConfig() {
    return config;
  }

  /** {@code host:port} of this instance's node-to-node endpoint. */
  public String endpoint() {
    return rpc.endpoint();
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
    KafkaModule m = new KafkaModule(this, def);
    modules.put(def.moduleName, m);
    try {
      m.start();
    } catch (RuntimeException e) {
      modules.remove(def.moduleName);
      m.close();
      throw e;
    }
    return m;
  }

  @Override
  public synchronized ModuleInstance module(String name) {
    KafkaModule m = modules.get(name);
    if (m == null) {
      throw new IllegalArgumentException("no launched module " + name + "; launched: "
          + modules.keySet());
    }
    return m;
  }

  /**
   * The partitions of module {@code name} whose tasks this instance owns and serves now
   * (caught up after a takeover): for operators and failure tests, to see where the work is.
   * Changes with every rebalance.
   */
  public SortedSet<Integer> servingPartitions(String name) {
    return ((KafkaModule) module(name)).servingPartitions();
  }

  /** The queue depth per partition, and Kafka's own producer and Streams metrics. */
  @Override
  public void bindTo(MeterRegistry registry) {
    meters.add(registry);
  }

  /**
   * RUNNING while every launched module's Streams application runs (rebalances included:
   * calls wait for owners meanwhile); FAILED once one stopped for good (the first failure
   * is the detail); CLOSED after {@link #close()}.
   */
  @Override
  public Health health() {
    EngineException f = failure;
    if (f != null) {
      return new Health(Health.State.FAILED, f.getMessage());
    }
    return closed ? new Health(Health.State.CLOSED, "closed") : Health.RUNNING;
  }

  /**
   * Calls {@code listener} once when a module's Streams application stops for good in this
   * process (it went to ERROR: every attempt to replace its failed threads failed). Its
   * tasks move to the other instances; this instance should be restarted.
   */
  @Override
  public void onFailure(Consumer<EngineException> listener) {
    failureListeners.add(listener);
    EngineException f = failure;
    if (f != null && failureListeners.remove(listener)) {
      listener.accept(f);
    }
  }

  /** A module failed: the first failure is the instance's; each listener hears it once. */
  void failed(EngineException e) {
    synchronized (this) {
      if (failure != null) {
        return;
      }
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

  synchronized KafkaModule launched(String name) {
    return modules.get(name);
  }

  boolean closed() {
    return closed;
  }

  /** A routed call from another instance: a query, a read or a subscription. */
  private Object call(Object message) {
    Router.Call c = (Router.Call) message;
    KafkaModule m = launched(c.module());
    if (m == null) {
      return new Rpc.NotOwner("module " + c.module() + " is not launched on " + endpoint());
    }
    return m.router.serve(c);
  }

  /**
   * Stops every module (Streams leaves the group, so others take the tasks over at once),
   * then the endpoint and clients. Appends still waiting fail. Idempotent.
   */
  @Override
  public void close() {
    List<KafkaModule> ms;
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
      ms = List.copyOf(modules.values());
    }
    ms.parallelStream().forEach(KafkaModule::close);
    acks.failAll(new EngineException("cluster is closed"));
    timer.shutdownNow();
    try {
      producer.close(java.time.Duration.ofSeconds(5));
    } catch (RuntimeException e) {
      LOG.log(System.Logger.Level.WARNING, "closing the append producer failed", e);
    }
    rpc.close();
    admin.close(java.time.Duration.ofSeconds(5));
    proxyPool.shutdown();
    callers.shutdown();
  }
}
