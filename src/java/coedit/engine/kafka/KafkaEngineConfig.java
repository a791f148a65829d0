package coedit.engine.kafka;

import coedit.engine.EngineConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * How one engine instance of the Kafka runtime runs. Several instances (JVMs, machines) with
 * the same {@code bootstrapServers} and {@code namespace} share the tasks of every module
 * they launch.
 *
 * @param bootstrapServers   the Kafka cluster, {@code host:port,...}
 * @param namespace          prefix of every topic and Streams application id this engine
 *                           creates; instances sharing modules use the same one
 * @param nodeId             this instance's name, unique among the instances of a namespace
 * @param stateDir           local RocksDB state (rebuilt from changelogs when lost)
 * @param engine             partitions, queue capacity, append timeout and proxy queue
 *                           capacity as on every runtime (data directory, task threads, fsync
 *                           and storage kind are not used: Kafka replicates instead of fsync)
 * @param replicationFactor  replicas of every depot and changelog partition (default 3)
 * @param minInsyncReplicas  replicas that must have a record before an append is
 *                           acknowledged (default 2)
 * @param standbyReplicas    warm copies of each task's state on other instances (default 1)
 * @param streamThreads      Kafka Streams threads per module in this instance (default 1)
 * @param rpcHost            the address other instances reach this one at (its
 *                           {@code application.server}); default 127.0.0.1
 * @param rpcPort            port of this instance's endpoint; 0 picks a free one
 * @param exactlyOnce        {@code exactly_once_v2} with transactional state stores (default);
 *                           false runs {@code at_least_once}, where a crash may apply a record
 *                           twice
 * @param streamsProtocol    the KIP-1071 {@code streams} group protocol (broker-side
 *                           assignment, faster failover; default) instead of {@code classic}
 * @param commitInterval     Streams' commit interval (default 1 s): ACK does not wait for
 *                           it; it bounds how much a failover reprocesses. Keep it well
 *                           above the commit's own latency: when a commit takes longer than
 *                           half the interval, Streams goes back to polling after every
 *                           record, and a task processes one record per commit (at 100 ms
 *                           on loaded brokers whose commits took 600 ms: 2 records/s)
 * @param requestTimeout     how long a query, a read or a subscription waits for a serving
 *                           owner (across a rebalance or failover) before an
 *                           {@code EngineException}; an ACK append, which may also wait
 *                           behind its partition's queue, fails only after ten times this
 *                           (its record is durable and will be processed)
 * @param streamsOverrides   extra Kafka Streams / client settings, applied last
 */
public record KafkaEngineConfig(
    String bootstrapServers,
    String namespace,
    String nodeId,
    Path stateDir,
    EngineConfig engine,
    int replicationFactor,
    int minInsyncReplicas,
    int standbyReplicas,
    int streamThreads,
    String rpcHost,
    int rpcPort,
    boolean exactlyOnce,
    boolean streamsProtocol,
    Duration commitInterval,
    Duration requestTimeout,
    Map<String, String> streamsOverrides) {

  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,100}");

  public KafkaEngineConfig {
    Objects.requireNonNull(bootstrapServers, "bootstrapServers");
    Objects.requireNonNull(stateDir, "stateDir");
    Objects.requireNonNull(engine, "engine");
    Objects.requireNonNull(rpcHost, "rpcHost");
    Objects.requireNonNull(commitInterval, "commitInterval");
    Objects.requireNonNull(requestTimeout, "requestTimeout");
    streamsOverrides = Map.copyOf(Objects.requireNonNull(streamsOverrides, "streamsOverrides"));
    if (namespace == null || !NAME.matcher(namespace).matches()) {
      throw new IllegalArgumentException("namespace must be 1-100 chars of [A-Za-z0-9._-], got "
          + namespace);
    }
    if (nodeId == null || !NAME.matcher(nodeId).matches()) {
      throw new IllegalArgumentException("nodeId must be 1-100 chars of [A-Za-z0-9._-], got "
          + nodeId);
    }
    if (replicationFactor < 1 || minInsyncReplicas < 1 || minInsyncReplicas > replicationFactor) {
      throw new IllegalArgumentException("need 1 <= minInsyncReplicas <= replicationFactor, got "
          + minInsyncReplicas + " and " + replicationFactor);
    }
    if (standbyReplicas < 0 || streamThreads < 1) {
      throw new IllegalArgumentException("standbyReplicas must be >= 0 and streamThreads >= 1");
    }
  }

  /**
   * Replication factor 3, min.insync.replicas 2, one standby, exactly-once with transactional
   * stores, the streams protocol, commit every second, 30 s request timeout, namespace
   * {@code coedit}, endpoint on 127.0.0.1 at a free port, and the engine defaults for the rest.
   */
  public static KafkaEngineConfig defaults(String bootstrapServers, String nodeId, Path stateDir) {
    return new KafkaEngineConfig(bootstrapServers, "coedit", nodeId, stateDir,
        EngineConfig.defaults(stateDir), 3, 2, 1, 1, "127.0.0.1", 0, true, true,
        Duration.ofSeconds(1), Duration.ofSeconds(30), Map.of());
  }

  /**
   * The defaults, with replication min(3, brokers) and min.insync.replicas min(2, brokers)
   * for the cluster at {@code bootstrapServers} (asked once): fits a development cluster of
   * any size.
   */
  public static KafkaEngineConfig sizedFor(String bootstrapServers, String nodeId, Path stateDir) {
    int brokers = Brokers.count(bootstrapServers);
    return defaults(bootstrapServers, nodeId, stateDir)
        .withReplication(Math.min(3, brokers), Math.min(2, brokers));
  }

  /** Replication 1, min.insync.replicas 1, no standby: a one-broker development cluster. */
  public KafkaEngineConfig singleBroker() {
    return withReplication(1, 1).withStandbyReplicas(0);
  }

  public KafkaEngineConfig withNamespace(String ns) {
    return new KafkaEngineConfig(bootstrapServers, ns, nodeId, stateDir, engine,
        replicationFactor, minInsyncReplicas, standbyReplicas, streamThreads, rpcHost, rpcPort,
        exactlyOnce, streamsProtocol, commitInterval, requestTimeout, streamsOverrides);
  }

  public KafkaEngineConfig withEngine(EngineConfig e) {
    return new KafkaEngineConfig(bootstrapServers, namespace, nodeId, stateDir, e,
        replicationFactor, minInsyncReplicas, standbyReplicas, streamThreads, rpcHost, rpcPort,
        exactlyOnce, streamsProtocol, commitInterval, requestTimeout, streamsOverrides);
  }

  public KafkaEngineConfig withReplication(int factor, int minInsync) {
    return new KafkaEngineConfig(bootstrapServers, namespace, nodeId, stateDir, engine,
        factor, minInsync, standbyReplicas, streamThreads, rpcHost, rpcPort,
        exactlyOnce, streamsProtocol, commitInterval, requestTimeout, streamsOverrides);
  }

  public KafkaEngineConfig withStandbyReplicas(int n) {
    return new KafkaEngineConfig(bootstrapServers, namespace, nodeId, stateDir, engine,
        replicationFactor, minInsyncReplicas, n, streamThreads, rpcHost, rpcPort,
        exactlyOnce, streamsProtocol, commitInterval, requestTimeout, streamsOverrides);
  }

  public KafkaEngineConfig withStreamThreads(int n) {
    return new KafkaEngineConfig(bootstrapServers, namespace, nodeId, stateDir, engine,
        replicationFactor, minInsyncReplicas, standbyReplicas, n, rpcHost, rpcPort,
        exactlyOnce, streamsProtocol, commitInterval, requestTimeout, streamsOverrides);
  }

  public KafkaEngineConfig withRpc(String host, int port) {
    return new KafkaEngineConfig(bootstrapServers, namespace, nodeId, stateDir, engine,
        replicationFactor, minInsyncReplicas, standbyReplicas, streamThreads, host, port,
        exactlyOnce, streamsProtocol, commitInterval, requestTimeout, streamsOverrides);
  }

  public KafkaEngineConfig withExactlyOnce(boolean on) {
    return new KafkaEngineConfig(bootstrapServers, namespace, nodeId, stateDir, engine,
        replicationFactor, minInsyncReplicas, standbyReplicas, streamThreads, rpcHost, rpcPort,
        on, streamsProtocol, commitInterval, requestTimeout, streamsOverrides);
  }

  public KafkaEngineConfig withStreamsProtocol(boolean on) {
    return new KafkaEngineConfig(bootstrapServers, namespace, nodeId, stateDir, engine,
        replicationFactor, minInsyncReplicas, standbyReplicas, streamThreads, rpcHost, rpcPort,
        exactlyOnce, on, commitInterval, requestTimeout, streamsOverrides);
  }

  public KafkaEngineConfig withCommitInterval(Duration d) {
    return new KafkaEngineConfig(bootstrapServers, namespace, nodeId, stateDir, engine,
        replicationFactor, minInsyncReplicas, standbyReplicas, streamThreads, rpcHost, rpcPort,
        exactlyOnce, streamsProtocol, d, requestTimeout, streamsOverrides);
  }

  public KafkaEngineConfig withRequestTimeout(Duration d) {
    return new KafkaEngineConfig(bootstrapServers, namespace, nodeId, stateDir, engine,
        replicationFactor, minInsyncReplicas, standbyReplicas, streamThreads, rpcHost, rpcPort,
        exactlyOnce, streamsProtocol, commitInterval, d, streamsOverrides);
  }

  public KafkaEngineConfig withStreamsOverrides(Map<String, String> overrides) {
    return new KafkaEngineConfig(bootstrapServers, namespace, nodeId, stateDir, engine,
        replicationFactor, minInsyncReplicas, standbyReplicas, streamThreads, rpcHost, rpcPort,
        exactlyOnce, streamsProtocol, commitInterval, requestTimeout, overrides);
  }
}
