package coedit.engine.kafka;

import coedit.engine.EngineException;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.streams.StreamsConfig;

/**
 * The Kafka Streams settings of a module's application, with what each is for. Overrides
 * from {@link KafkaEngineConfig#streamsOverrides()} are applied last.
 */
final class StreamsSettings {

  private StreamsSettings() {}

  static Properties of(KafkaEngineConfig c, String applicationId, String endpoint) {
    Properties p = new Properties();
    p.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
    p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, c.bootstrapServers());
    // Where other instances reach this one: Streams' metadata names owners by it.
    p.put(StreamsConfig.APPLICATION_SERVER_CONFIG, endpoint);
    p.put(StreamsConfig.STATE_DIR_CONFIG, c.stateDir().resolve(c.nodeId()).toString());
    p.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, c.streamThreads());
    p.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, c.replicationFactor());
    p.put(StreamsConfig.topicPrefix("min.insync.replicas"), c.minInsyncReplicas());
    // Changelog writes, processor appends and input offsets commit as one transaction;
    // transactional stores keep RocksDB consistent across a crash (no wipe and restore).
    p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG,
        c.exactlyOnce() ? StreamsConfig.EXACTLY_ONCE_V2 : StreamsConfig.AT_LEAST_ONCE);
    p.put(StreamsConfig.TRANSACTIONAL_STATE_STORES_CONFIG, c.exactlyOnce());
    p.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, c.commitInterval().toMillis());
    // Records are buffered per event by the runtime itself: no record cache in Streams.
    p.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, 0L);
    // A poll returns as soon as records arrive; this only bounds how long an idle poll
    // blocks. At 5 ms the stream thread and the standbys' restore loop spun 200 times a
    // second: 0.3 cores per idle server node, which on a small machine the brokers and the
    // busy nodes needed (bench cluster, light load: ACK p50 80 ms at 5 ms, 27 ms at 100 ms).
    p.put(StreamsConfig.POLL_MS_CONFIG, 100L);
    // max.task.idle.ms stays at its default (0): before a task processes one depot's record
    // while another input partition is empty, Streams checks that partition's lag, so
    // records of several depots are processed in timestamp order and a recompute replays
    // them in the order they were first processed. Disabling it (-1) saved a lag query per
    // empty partition and broke that: a recompute applied a module's drops before the
    // appends they followed (KafkaEngineConformanceTest).
    p.put(StreamsConfig.producerPrefix(ProducerConfig.LINGER_MS_CONFIG), 5);
    // The first write of a transaction to a partition whose previous transaction's markers
    // are not yet written is refused (CONCURRENT_TRANSACTIONS) and retried after this
    // backoff; the default 100 ms stalls the stream thread, and so the ACKs behind it.
    p.put(StreamsConfig.producerPrefix(ProducerConfig.RETRY_BACKOFF_MS_CONFIG), 10);
    p.put(StreamsConfig.producerPrefix(ProducerConfig.RETRY_BACKOFF_MAX_MS_CONFIG), 100);
    // A killed instance's open transaction blocks read_committed readers of its partitions
    // until it times out: keep that short (the brokers abort timed-out ones within 0.5 s).
    p.put(StreamsConfig.producerPrefix(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG), 5_000);
    p.put(StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG, BoundedRocks.class);
    p.put(StreamsConfig.consumerPrefix(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG), "earliest");
    if (c.streamsProtocol()) {
      // KIP-1071: the broker assigns tasks and detects dead members (session timeout set
      // on the brokers: 6 s with coedit's local brokers).
      p.put(StreamsConfig.GROUP_PROTOCOL_CONFIG, "streams");
    } else {
      p.put(StreamsConfig.GROUP_PROTOCOL_CONFIG, "classic");
      // The streams protocol takes the standby count from the group (configureGroup).
      p.put(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG, c.standbyReplicas());
      p.put(StreamsConfig.consumerPrefix(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG), 6_000);
      p.put(StreamsConfig.consumerPrefix(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG), 1_500);
    }
    p.putAll(c.streamsOverrides());
    return p;
  }

  /**
   * With the streams protocol the brokers assign tasks, and the standby count is a setting
   * of the group, not of the client: set it on the group before the first member joins.
   */
  static void configureGroup(Admin admin, KafkaEngineConfig c, String applicationId) {
    ConfigResource group = new ConfigResource(ConfigResource.Type.GROUP, applicationId);
    AlterConfigOp standbys = new AlterConfigOp(new ConfigEntry("streams.num.standby.replicas",
        Integer.toString(c.standbyReplicas())), AlterConfigOp.OpType.SET);
    try {
      admin.incrementalAlterConfigs(Map.of(group, List.of(standbys))).all()
          .get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new EngineException("cannot set the standby replicas of group " + applicationId
          + ": " + e, e);
    }
  }
}
