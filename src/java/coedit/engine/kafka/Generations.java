package coedit.engine.kafka;

import coedit.engine.ByteReader;
import coedit.engine.ByteWriter;
import coedit.engine.EngineException;
import coedit.engine.ProgressListener;
import coedit.engine.RecomputeReport;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.streams.StreamsMetadata;

/**
 * Recompute on Kafka: PStates are rebuilt by a fresh generation of the module's Streams
 * application (new application id, so empty stores and new changelogs) that reads every
 * depot from its first offset.
 *
 * <p>How: every instance stops the module's current generation (cleanly, so its committed
 * offsets are exactly what it processed); the offsets it committed, {@code C}, are recorded
 * with the new generation number in the compacted registry topic {@code NS.coedit-generations};
 * every instance starts the new generation. Below {@code C} the new generation drops its
 * processors' depot appends (the first run made them already), at and above it it makes
 * them. Appends are not blocked meanwhile: they wait in the depots and are processed (and
 * acknowledged) by the new generation. Once it has processed past the depots' end offsets
 * at the switch, the old generation's changelogs and group are deleted.
 *
 * <p>Cost: the whole depot history is reprocessed and all PState data rewritten to new
 * changelogs, while nothing is acknowledged (a stall proportional to the depots' size), and
 * the old and new changelogs coexist until the end.
 */
final class Generations {

  private static final System.Logger LOG = System.getLogger(Generations.class.getName());

  /** Recompute's count of the records below the switch point that were reprocessed here. */
  private static final class Run {
    final Map<String, long[]> ends;
    final AtomicLong done = new AtomicLong();
    final AtomicLong errors = new AtomicLong();

    Run(Map<String, long[]> ends) {
      this.ends = ends;
    }
  }

  private final KafkaModule module;
  private volatile long generation;
  /** Per depot and partition: offsets below which processor appends are dropped. */
  private volatile Map<String, long[]> suppressBelow = Map.of();
  private volatile Run run;

  Generations(KafkaModule module) {
    this.module = module;
  }

  long current() {
    return generation;
  }

  String registryTopic() {
    return module.config.namespace() + ".coedit-generations";
  }

  /** Reads the module's current generation from the registry (creating the topic once). */
  void load() {
    NewTopic t = new NewTopic(registryTopic(), 1, (short) module.config.replicationFactor())
        .configs(Map.of("cleanup.policy", "compact",
            "min.insync.replicas", Integer.toString(module.config.minInsyncReplicas())));
    try {
      module.cluster.admin.createTopics(List.of(t)).all().get(30, TimeUnit.SECONDS);
      return; // a new registry: every module is at generation 0
    } catch (Exception e) {
      if (!(e.getCause() instanceof org.apache.kafka.common.errors.TopicExistsException)) {
        throw new EngineException("cannot create the registry topic " + registryTopic() + ": "
            + e, e);
      }
    }
    Topics.describe(module.cluster.admin, registryTopic());
    byte[] latest = null;
    Map<String, Object> cc = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
        module.config.bootstrapServers(), ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(cc, new ByteArrayDeserializer(),
        new ByteArrayDeserializer())) {
      TopicPartition tp = new TopicPartition(registryTopic(), 0);
      c.assign(List.of(tp));
      c.seekToBeginning(List.of(tp));
      long end = c.endOffsets(List.of(tp), Duration.ofSeconds(30)).get(tp);
      byte[] key = module.name().getBytes(StandardCharsets.UTF_8);
      while (c.position(tp, Duration.ofSeconds(30)) < end) {
        for (ConsumerRecord<byte[], byte[]> r : c.poll(Duration.ofMillis(200))) {
          if (java.util.Arrays.equals(r.key(), key)) {
            latest = r.value();
          }
        }
      }
    }
    if (latest != null) {
      decode(latest);
    }
  }

  private void decode(byte[] value) {
    ByteReader r = new ByteReader("registry entry of " + module.name(), value);
    long gen = r.i64();
    int depots = r.i32();
    Map<String, long[]> below = new HashMap<>();
    for (int i = 0; i < depots; i++) {
      String depot = r.string();
      long[] offsets = new long[r.i32()];
      for (int p = 0; p < offsets.length; p++) {
        offsets[p] = r.i64();
      }
      below.put(depot, offsets);
    }
    r.end();
    suppressBelow = below;
    generation = gen;
  }

  private void publish(long gen, Map<String, long[]> below) {
    ByteWriter w = new ByteWriter(64);
    w.i64(gen);
    w.i32(below.size());
    below.forEach((depot, offsets) -> {
      w.string(depot);
      w.i32(offsets.length);
      for (long o : offsets) {
        w.i64(o);
      }
    });
    try {
      module.cluster.producer.send(new ProducerRecord<>(registryTopic(), 0,
          module.name().getBytes(StandardCharsets.UTF_8), w.toBytes())).get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new EngineException("cannot record generation " + gen + " of " + module.name()
          + ": " + e, e);
    }
  }

  boolean suppress(String depot, int partition, long offset) {
    long[] below = suppressBelow.get(depot);
    return below != null && offset < below[partition];
  }

  void counted(String depot, int partition, long offset, int errors) {
    Run r = run;
    if (r != null) {
      long[] ends = r.ends.get(depot);
      if (ends != null && offset < ends[partition]) {
        r.done.incrementAndGet();
        r.errors.addAndGet(errors);
      }
    }
  }

  /** The steps of a recompute started on another instance. */
  Object control(Router.Call c) {
    switch ((String) c.a()) {
      case "stop" -> module.stopStreams();
      case "start" -> {
        Map<String, long[]> ends = decodeEnds((byte[]) c.c());
        load();
        run = new Run(ends);
        CompletableFuture.runAsync(() -> module.startStreams(generation), module.cluster.callers);
      }
      case "report" -> {
        Run r = run;
        run = null;
        return r == null ? List.of(0L, 0L) : List.of(r.done.get(), r.errors.get());
      }
      default -> throw new EngineException("unknown recompute step " + c.a());
    }
    return null;
  }

  synchronized RecomputeReport recompute(ProgressListener listener) {
    long started = System.nanoTime();
    if (module.streams == null) {
      return new RecomputeReport(0, 0, 0);
    }
    List<String> peers = peers();
    peers.forEach(p -> callPeer(p, "stop", null));
    module.stopStreams();
    List<TopicPartition> tps = Offsets.consumed(module);
    long old = generation;
    Map<TopicPartition, Long> committed = Offsets.committed(module, old, tps);
    Map<TopicPartition, Long> end = Offsets.ends(module, tps);
    Map<String, long[]> below = byDepot(committed);
    Map<String, long[]> ends = byDepot(end);
    long total = 0;
    for (long e : end.values()) {
      total += e;
    }
    publish(old + 1, below);
    suppressBelow = below;
    generation = old + 1;
    Run r = new Run(ends);
    run = r;
    byte[] endBytes = encodeEnds(ends);
    CompletableFuture<Void> started1 = CompletableFuture.runAsync(
        () -> module.startStreams(generation), module.cluster.callers);
    peers.forEach(p -> callPeer(p, "start", endBytes));
    while (!started1.isDone()) {
      listener.onProgress(r.done.get(), Math.max(total, r.done.get()));
      Router.sleep(250);
    }
    started1.join();
    Map<TopicPartition, Long> barriers = Offsets.syncBarriers(module);
    CompletableFuture<Void> caughtUp = CompletableFuture.runAsync(
        () -> Offsets.awaitCommitted(module, barriers, Duration.ofHours(24)), module.cluster.callers);
    while (!caughtUp.isDone()) {
      listener.onProgress(r.done.get(), Math.max(total, r.done.get()));
      Router.sleep(250);
    }
    caughtUp.join();
    long records = r.done.get();
    long errors = r.errors.get();
    run = null;
    for (String p : peers) {
      List<?> counts = (List<?>) callPeer(p, "report", null);
      records += (Long) counts.get(0);
      errors += (Long) counts.get(1);
    }
    listener.onProgress(records, records);
    dropGeneration(old);
    return new RecomputeReport(records, errors,
        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
  }

  /** Deletes a finished generation's changelog topics and consumer group (best effort). */
  private void dropGeneration(long gen) {
    String app = Names.application(module.config.namespace(), module.name(), gen);
    List<String> changelogs = new ArrayList<>();
    module.layout.pstates.values().forEach(p -> changelogs.add(app + "-" + Names.store(p.name)
        + "-changelog"));
    changelogs.add(app + "-" + Names.TASK_STORE + "-changelog");
    try {
      module.cluster.admin.deleteTopics(changelogs).all().get(30, TimeUnit.SECONDS);
      if (module.config.streamsProtocol()) {
        module.cluster.admin.deleteStreamsGroups(List.of(app)).all().get(30, TimeUnit.SECONDS);
      } else {
        module.cluster.admin.deleteConsumerGroups(List.of(app)).all().get(30, TimeUnit.SECONDS);
      }
    } catch (Exception e) {
      LOG.log(System.Logger.Level.WARNING, "recompute of " + module.name() + ": could not"
          + " delete generation " + gen + " (" + e + "); its topics can be deleted by hand");
    }
  }

  private Map<String, long[]> byDepot(Map<TopicPartition, Long> offsets) {
    Map<String, long[]> out = new HashMap<>();
    for (String depot : module.layout.topologiesByDepot.keySet()) {
      long[] o = new long[module.partitions()];
      for (int p = 0; p < o.length; p++) {
        Long v = offsets.get(new TopicPartition(module.topic(depot), p));
        o[p] = v == null ? 0 : v;
      }
      out.put(depot, o);
    }
    return out;
  }

  private static byte[] encodeEnds(Map<String, long[]> ends) {
    ByteWriter w = new ByteWriter(64);
    w.i32(ends.size());
    ends.forEach((d, o) -> {
      w.string(d);
      w.i32(o.length);
      for (long x : o) {
        w.i64(x);
      }
    });
    return w.toBytes();
  }

  private static Map<String, long[]> decodeEnds(byte[] b) {
    ByteReader r = new ByteReader("recompute end offsets", b);
    Map<String, long[]> out = new HashMap<>();
    int n = r.i32();
    for (int i = 0; i < n; i++) {
      String d = r.string();
      long[] o = new long[r.i32()];
      for (int p = 0; p < o.length; p++) {
        o[p] = r.i64();
      }
      out.put(d, o);
    }
    return out;
  }

  /** The other instances running this module, by endpoint. */
  private List<String> peers() {
    Set<String> out = new HashSet<>();
    var s = module.streams;
    if (s != null) {
      for (StreamsMetadata md : s.metadataForAllStreamsClients()) {
        String e = md.hostInfo().host() + ":" + md.hostInfo().port();
        if (!e.equals(module.cluster.endpoint())) {
          out.add(e);
        }
      }
    }
    return new ArrayList<>(out);
  }

  private Object callPeer(String peer, String step, byte[] arg) {
    try {
      Rpc.Answer a = module.cluster.rpc.call(peer, "control", new Router.Call(module.name(),
          "recompute", 0, step, null, arg), Duration.ofSeconds(60)).get(60, TimeUnit.SECONDS);
      if (!a.ok()) {
        throw new EngineException("recompute of " + module.name() + ": " + peer + " failed to "
            + step + ": " + a.value());
      }
      return a.value();
    } catch (EngineException e) {
      throw e;
    } catch (Exception e) {
      throw new EngineException("recompute of " + module.name() + ": " + peer + " did not "
          + step + ": " + e, e);
    }
  }
}
