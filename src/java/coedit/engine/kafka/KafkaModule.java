package coedit.engine.kafka;

import coedit.engine.Depot;
import coedit.engine.DepotRef;
import coedit.engine.EngineException;
import coedit.engine.Health;
import coedit.engine.ListPState;
import coedit.engine.ListRef;
import coedit.engine.MapPState;
import coedit.engine.MapRef;
import coedit.engine.ModuleInstance;
import coedit.engine.ProgressListener;
import coedit.engine.Query;
import coedit.engine.QueryRef;
import coedit.engine.RecomputeReport;
import coedit.engine.SortedMapPState;
import coedit.engine.SortedMapRef;
import coedit.engine.runtime.Admission;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import coedit.engine.topology.Decls;
import coedit.engine.topology.ModuleDefinition;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;

/**
 * A module launched on this instance: its depot topics, its Kafka Streams application (the
 * tasks this instance owns, with standbys of others), and its clients.
 */
final class KafkaModule implements ModuleInstance {

  private static final System.Logger LOG = System.getLogger(KafkaModule.class.getName());

  final KafkaCluster cluster;
  final KafkaEngineConfig config;
  final ModuleDefinition definition;
  final ModuleLayout layout;
  final Tasks tasks;
  final Admission admission;
  final Router router;
  final OwnerAccess ownerAccess;
  final Subscriptions subscriptions;
  private final Map<String, Object> clients = new ConcurrentHashMap<>();
  final Generations generations;
  volatile KafkaStreams streams;
  /** Kafka Streams' own metrics of the current generation's application. */
  private KafkaStreamsMetrics streamsMetrics;
  private volatile boolean closed;
  private volatile EngineException failure;

  KafkaModule(KafkaCluster cluster, ModuleDefinition definition) {
    this.cluster = cluster;
    this.config = cluster.config;
    this.definition = definition;
    this.layout = new ModuleLayout(definition, config.engine().partitions());
    this.tasks = new Tasks(layout.partitions);
    this.admission = new Admission(definition.moduleName, layout.partitions,
        config.engine().queueCapacity(), config.engine().appendTimeout());
    admission.registerGauges(cluster.meters);
    this.ownerAccess = new OwnerAccess(this);
    this.subscriptions = new Subscriptions(this);
    this.generations = new Generations(this);
    this.router = new Router(this, Map.of(
        "get", (t, c) -> new StoreAccess(t.stores).get((byte[]) c.a()),
        "scan", (t, c) -> new StoreAccess(t.stores).scan((byte[]) c.a(), (byte[]) c.b(),
            (Integer) c.c()),
        "query", (t, c) -> runQuery(definition.queryNamed((String) c.a()), c.b(), t),
        "subscribe", subscriptions::serveSubscribe,
        "unsubscribe", subscriptions::serveUnsubscribe));
  }

  /** Creates or checks the depot topics, then starts processing and waits for this instance's tasks. */
  void start() {
    List<String> topics = new ArrayList<>();
    for (Decls.Depot d : definition.depots.values()) {
      topics.add(topic(d.name()));
    }
    Topics.ensure(cluster.admin, config, name(), topics);
    generations.load();
    startStreams(generations.current());
  }

  /** Starts the Streams application of {@code generation} and waits until it serves here. */
  void startStreams(long generation) {
    Topology topology = ModuleTopology.build(this);
    if (topology == null) {
      return;
    }
    String app = Names.application(config.namespace(), name(), generation);
    if (config.streamsProtocol()) {
      StreamsSettings.configureGroup(cluster.admin, config, app);
    }
    KafkaStreams s = new KafkaStreams(topology, StreamsSettings.of(config, app,
        cluster.endpoint()));
    s.setUncaughtExceptionHandler(e -> {
      LOG.log(System.Logger.Level.ERROR, "module " + name() + ": a stream thread died; it is"
          + " replaced and its tasks reprocess from their last commit", e);
      return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.REPLACE_THREAD;
    });
    s.setStateListener((now, before) -> {
      if (now == KafkaStreams.State.ERROR && streams == s && !closed) {
        EngineException e = new EngineException("module " + name() + ": Kafka Streams stopped"
            + " with an error on this instance; its tasks move to the other instances;"
            + " restart this one");
        failure = e;
        cluster.failed(e);
      }
    });
    streams = s;
    if (streamsMetrics != null) streamsMetrics.close();
    streamsMetrics = new KafkaStreamsMetrics(s, List.of(Tag.of("module", name())));
    streamsMetrics.bindTo(cluster.meters);
    s.start();
    awaitServing(s, Duration.ofSeconds(120));
  }

  /** Waits for RUNNING and for every task owned here to have caught up. */
  private void awaitServing(KafkaStreams s, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      if (s.state() == KafkaStreams.State.RUNNING) {
        boolean all = true;
        for (int p = 0; p < layout.partitions; p++) {
          TaskState t = tasks.owned(p);
          if (t != null && !t.caughtUp.isDone()) {
            all = false;
          }
        }
        if (all) {
          return;
        }
      }
      if (s.state() == KafkaStreams.State.ERROR || s.state() == KafkaStreams.State.NOT_RUNNING
          || System.nanoTime() - deadline > 0) {
        throw new EngineException("module " + name() + ": Kafka Streams did not start within "
            + timeout + " (state " + s.state() + ")");
      }
      Router.sleep(10);
    }
  }

  String topic(String depot) {
    return Names.depotTopic(config.namespace(), name(), depot);
  }

  Object runQuery(Decls.Query q, Object args, TaskState t) {
    try {
      return q.handler().handle(args, new KafkaTaskContext(layout, t.partition,
          new StoreAccess(t.stores)));
    } catch (RuntimeException | Error e) {
      throw new EngineException("query " + q.name() + " failed on partition " + t.partition
          + ": " + e, e);
    }
  }

  /**
   * Answers an appender: in-JVM when it is this instance, else through the endpoint. An ack
   * value that cannot cross instances (see {@link Wire}) is answered as a failure saying so.
   */
  void reply(String from, Acks.Reply reply) {
    if (from.equals(cluster.endpoint())) {
      cluster.acks.processed(reply);
      return;
    }
    Acks.Reply sent = reply;
    try {
      Wire.encode(reply);
    } catch (RuntimeException e) {
      sent = new Acks.Reply(reply.request(), reply.partition(), reply.offset(), Map.of(),
          reply.failedTopology() != null ? reply.failedTopology() : "",
          new EngineException("the ack of this record cannot be sent to the appending"
              + " instance: " + e.getMessage()));
    }
    cluster.rpc.push(from, "acks", sent, failed -> {});
  }

  /**
   * Starts the gate of a new owner for {@code depot} (see {@link TaskState}): reads the end
   * offset of the task's partition; if it has not seen the record below it shortly, appends
   * a barrier (retrying until it is in, or the task moved on).
   */
  void armGate(String depot, TaskState task) {
    TopicPartition tp = new TopicPartition(topic(depot), task.partition);
    task.await(depot, Offsets.ends(this, List.of(tp)).get(tp));
    cluster.timer.schedule(() -> {
      if (task.active && task.waitingFor(depot)) {
        sendGateBarrier(depot, task);
      }
    }, 300, TimeUnit.MILLISECONDS);
  }

  private void sendGateBarrier(String depot, TaskState task) {
    ProducerRecord<byte[], byte[]> r = new ProducerRecord<>(topic(depot), task.partition,
        null, null, new byte[0], Headers.barrier(Headers.GATE, task.nonce));
    cluster.producer.send(r, (md, e) -> {
      if (e != null && task.active && !closed) {
        LOG.log(System.Logger.Level.DEBUG, "gate barrier failed; retrying: " + e);
        cluster.timer.schedule(() -> sendGateBarrier(depot, task), 100, TimeUnit.MILLISECONDS);
      }
    });
  }

  /** During a recompute, appends of records the first run already made are dropped. */
  boolean suppressAppends(String depot, int partition, long offset) {
    return generations.suppress(depot, partition, offset);
  }

  /** A record was processed (by the given number of failing topologies); recompute counts. */
  void counted(String depot, int partition, long offset, int errors) {
    generations.counted(depot, partition, offset, errors);
  }

  void ownershipChanged(TaskState task) {
    subscriptions.ownerLeft(task);
  }

  void checkUsable() {
    if (closed || cluster.closed()) {
      throw new EngineException("module " + name() + " is closed");
    }
  }

  @Override
  public String name() {
    return definition.moduleName;
  }

  @Override
  public int partitions() {
    return layout.partitions;
  }

  /** The partitions whose tasks this instance owns and serves now (caught up after a takeover). */
  SortedSet<Integer> servingPartitions() {
    SortedSet<Integer> out = new TreeSet<>();
    for (int p = 0; p < layout.partitions; p++) {
      TaskState t = tasks.owned(p);
      if (t != null && t.caughtUp.isDone()) {
        out.add(p);
      }
    }
    return out;
  }

  /**
   * RUNNING while this instance's Streams application runs or rebalances (or the module
   * has nothing to process), STARTING before it first ran, FAILED after it stopped with an
   * error, CLOSED after close.
   */
  @Override
  public Health health() {
    if (closed || cluster.closed()) {
      return new Health(Health.State.CLOSED, "closed");
    }
    EngineException f = failure;
    if (f != null) {
      return new Health(Health.State.FAILED, f.getMessage());
    }
    KafkaStreams s = streams;
    if (s == null || s.state().isRunningOrRebalancing()) {
      return Health.RUNNING;
    }
    return new Health(Health.State.STARTING, "Kafka Streams is " + s.state());
  }

  @Override
  @SuppressWarnings("unchecked")
  public <R> Depot<R> depot(String name) {
    Decls.Depot d = definition.depotNamed(name);
    return (Depot<R>) clients.computeIfAbsent("*" + name, n -> new KafkaDepot<>(this, d));
  }


  @Override
  @SuppressWarnings("unchecked")
  public <K, V> MapPState<K, V> map(String name) {
    var info = layout.pstate(name, Decls.Kind.MAP);
    return (MapPState<K, V>) clients.computeIfAbsent(name, n -> new MapClient<>(this, info));
  }


  @Override
  @SuppressWarnings("unchecked")
  public <K, V> ListPState<K, V> list(String name) {
    var info = layout.pstate(name, Decls.Kind.LIST);
    return (ListPState<K, V>) clients.computeIfAbsent(name, n -> new ListClient<>(this, info));
  }


  @Override
  @SuppressWarnings("unchecked")
  public <K, S, V> SortedMapPState<K, S, V> sortedMap(String name) {
    var info = layout.pstate(name, Decls.Kind.SORTED_MAP);
    return (SortedMapPState<K, S, V>) clients.computeIfAbsent(name,
        n -> new SortedMapClient<>(this, info));
  }


  @Override
  @SuppressWarnings("unchecked")
  public <A, T> Query<A, T> query(String name) {
    Decls.Query q = definition.queryNamed(name);
    return (Query<A, T>) clients.computeIfAbsent("?" + name, n -> new QueryClient<>(this, q));
  }


  /**
   * Appends a sync barrier to every consumed depot partition and waits until the
   * application's committed offsets are past all of them: every record appended before the
   * call, by anyone, is then processed and its effects committed.
   */
  @Override
  public void awaitProcessed(Duration timeout) {
    EngineThreads.checkMayBlock("awaitProcessed");
    checkUsable();
    if (streams == null) {
      return;
    }
    Offsets.awaitCommitted(this, Offsets.syncBarriers(this), timeout);
  }

  @Override
  public RecomputeReport recompute(ProgressListener listener) {
    EngineThreads.checkMayBlock("recompute");
    checkUsable();
    return generations.recompute(listener == null ? ProgressListener.NONE : listener);
  }

  /** Stops this instance's Streams application (leaving the group) if it runs. */
  void stopStreams() {
    KafkaStreams s = streams;
    if (s != null) {
      s.close(CloseOptions.groupMembershipOperation(
          CloseOptions.GroupMembershipOperation.LEAVE_GROUP).withTimeout(Duration.ofSeconds(30)));
      streams = null;
    }
  }

  void close() {
    if (closed) {
      return;
    }
    closed = true;
    if (streamsMetrics != null) streamsMetrics.close();
    try {
      stopStreams();
    } catch (RuntimeException e) {
      LOG.log(System.Logger.Level.WARNING, "closing module " + name() + " failed", e);
    }
  }
}
