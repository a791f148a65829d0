package coedit.engine.kafka.local;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.MetadataVersion;

/** One combined broker + controller KRaft node, formatted on first start. */
final class KraftNode {

  private final int id;
  private final Path dir;
  private final LocalKafka.Layout layout;
  private final Map<String, String> overrides;
  private KafkaRaftServer server;

  KraftNode(int id, Path dir, LocalKafka.Layout layout, Map<String, String> overrides) {
    this.id = id;
    this.dir = dir;
    this.layout = layout;
    this.overrides = overrides;
  }

  int brokerPort() {
    return layout.brokerPorts()[id - 1];
  }

  /**
   * The node's configuration. Failover-relevant choices: a broker is fenced 3 s after its
   * last heartbeat (default 9 s); timed-out transactions are aborted within 0.5 s of their
   * timeout (default scan every 10 s), so a killed Streams instance's open transaction stops
   * blocking read_committed readers soon; streams-protocol groups (KIP-1071) notice a dead
   * member after 6 s. Internal topics are replicated to min(3, nodes) brokers, written to
   * min(2, nodes), and small (8 partitions instead of 50) so a node starts fast.
   */
  Map<String, String> config() {
    int n = layout.nodes();
    String rf = Integer.toString(Math.min(3, n));
    String isr = Integer.toString(Math.min(2, n));
    Map<String, String> c = new HashMap<>();
    c.put("process.roles", "broker,controller");
    c.put("node.id", Integer.toString(id));
    c.put("controller.quorum.voters", layout.voters());
    c.put("listeners", "PLAINTEXT://127.0.0.1:" + brokerPort()
        + ",CONTROLLER://127.0.0.1:" + layout.controllerPorts()[id - 1]);
    c.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + brokerPort());
    c.put("controller.listener.names", "CONTROLLER");
    c.put("inter.broker.listener.name", "PLAINTEXT");
    c.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
    c.put("log.dirs", dir.resolve("logs").toString());
    c.put("metadata.log.dir", dir.resolve("metadata").toString());
    c.put("auto.create.topics.enable", "false");
    c.put("offsets.topic.replication.factor", rf);
    c.put("offsets.topic.num.partitions", "8");
    c.put("transaction.state.log.replication.factor", rf);
    c.put("transaction.state.log.min.isr", isr);
    c.put("transaction.state.log.num.partitions", "8");
    c.put("default.replication.factor", rf);
    c.put("min.insync.replicas", isr);
    c.put("group.initial.rebalance.delay.ms", "0");
    c.put("group.streams.initial.rebalance.delay.ms", "0");
    c.put("broker.session.timeout.ms", "3000");
    c.put("broker.heartbeat.interval.ms", "500");
    c.put("transaction.abort.timed.out.transaction.cleanup.interval.ms", "500");
    c.put("transaction.remove.expired.transaction.cleanup.interval.ms", "60000");
    c.put("group.coordinator.rebalance.protocols", "classic,consumer,streams");
    c.put("group.streams.session.timeout.ms", "6000");
    c.put("group.streams.min.session.timeout.ms", "1000");
    c.put("group.streams.heartbeat.interval.ms", "500");
    c.put("group.streams.min.heartbeat.interval.ms", "250");
    c.put("group.consumer.session.timeout.ms", "6000");
    c.put("group.consumer.min.session.timeout.ms", "1000");
    c.put("group.consumer.heartbeat.interval.ms", "1000");
    c.put("group.consumer.min.heartbeat.interval.ms", "500");
    c.put("num.network.threads", "2");
    c.put("num.io.threads", "4");
    c.put("num.replica.fetchers", "1");
    c.put("log.cleaner.threads", "1");
    c.put("log.cleaner.dedupe.buffer.size", Integer.toString(4 << 20));
    c.put("replica.fetch.wait.max.ms", "100");
    c.putAll(overrides);
    return c;
  }

  void start() {
    try {
      Files.createDirectories(dir);
      Map<String, String> config = config();
      if (!Files.exists(dir.resolve("metadata").resolve("meta.properties"))) {
        format();
      }
      server = new KafkaRaftServer(new KafkaConfig(config, false), Time.SYSTEM);
      server.startup();
    } catch (IOException e) {
      throw new UncheckedIOException("node " + id + ": cannot start in " + dir, e);
    }
  }

  private void format() {
    Formatter f = new Formatter()
        .setPrintStream(new PrintStream(OutputStream.nullOutputStream()))
        .setClusterId(layout.clusterId())
        .setNodeId(id)
        .setControllerListenerName("CONTROLLER")
        .setMetadataLogDirectory(dir.resolve("metadata").toString())
        .addDirectory(dir.resolve("metadata").toString())
        .addDirectory(dir.resolve("logs").toString())
        .setReleaseVersion(MetadataVersion.LATEST_PRODUCTION)
        .setIgnoreFormatted(true);
    try {
      f.run();
    } catch (Exception e) {
      throw new IllegalStateException("node " + id + ": formatting " + dir + " failed: " + e, e);
    }
  }

  void stop() {
    KafkaRaftServer s = server;
    server = null;
    if (s != null) {
      s.shutdown();
      s.awaitShutdown();
    }
  }
}
