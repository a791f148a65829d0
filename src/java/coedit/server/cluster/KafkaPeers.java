package coedit.server.cluster;

import coedit.server.core.PeerPresence;
import coedit.server.core.Peers;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link Peers} over one Kafka topic, {@code NAMESPACE.coedit-peers}: not a depot (nothing
 * in it is ever read again): one partition, kept a minute, written by every node and read
 * by every node from its end. No peer list is configured: a node is known from its beats.
 *
 * <ul>
 *   <li>Order: one partition and one producer per node with one request in flight, so a
 *       node's messages reach the others in the order published.</li>
 *   <li>Bounded: publishing only queues in a {@link PeerOutbox} (coalesced per participant),
 *       so a room never waits for Kafka and a slow broker costs no memory growth.</li>
 *   <li>Liveness: each node beats every {@link #BEAT_MILLIS} ms; one silent for
 *       {@link #EXPIRY_MILLIS} ms, one that says goodbye, or one that starts again is reported
 *       once as {@link PeerPresence.Kind#NODE_GONE}.</li>
 *   <li>Speed: {@code acks=1}, no linger: a presence report crosses in a few milliseconds.
 *       Durability is not wanted (presence is ephemeral), and a broker failover only delays
 *       reports (the outbox coalesces meanwhile).</li>
 * </ul>
 */
public final class KafkaPeers implements Peers {
  private static final Logger log = LoggerFactory.getLogger(KafkaPeers.class);
  static final long BEAT_MILLIS = 1_000;
  static final long EXPIRY_MILLIS = 5_000;
  private static final int OUTBOX_KEYS = 100_000;

  private final String nodeId;
  private final String incarnation = UUID.randomUUID().toString();
  private final String topic;
  private final KafkaProducer<byte[], byte[]> producer;
  private final KafkaConsumer<byte[], byte[]> consumer;
  private final PeerOutbox outbox;
  private final NodeTable table = new NodeTable(EXPIRY_MILLIS);
  private final ScheduledExecutorService beats = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "coedit-peers-beat");
    t.setDaemon(true);
    return t;
  });
  private final Thread reader;
  private volatile Consumer<PeerPresence> listener = m -> {};
  private volatile URI self;
  private volatile boolean closed;

  private KafkaPeers(String bootstrap, String namespace, String nodeId) {
    this.nodeId = nodeId;
    this.topic = namespace + ".coedit-peers";
    ensureTopic(bootstrap, topic);
    this.producer = new KafkaProducer<>(Map.of(
        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
        ProducerConfig.CLIENT_ID_CONFIG, namespace + "-" + nodeId + "-peers",
        ProducerConfig.ACKS_CONFIG, "1",
        ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, false,
        ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1,
        ProducerConfig.LINGER_MS_CONFIG, 0,
        ProducerConfig.MAX_BLOCK_MS_CONFIG, 2_000,
        ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 10_000,
        ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 3_000), new ByteArraySerializer(), new ByteArraySerializer());
    this.consumer = new KafkaConsumer<>(Map.of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
        ConsumerConfig.CLIENT_ID_CONFIG, namespace + "-" + nodeId + "-peers",
        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest",
        ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 100), new ByteArrayDeserializer(), new ByteArrayDeserializer());
    TopicPartition only = new TopicPartition(topic, 0);
    consumer.assign(List.of(only));
    consumer.seekToEnd(List.of(only));
    consumer.position(only); // resolve "the end" now: nothing said before this node started is replayed
    this.outbox = new PeerOutbox(OUTBOX_KEYS, m -> producer.send(new ProducerRecord<>(topic, 0, null, m),
        (meta, e) -> {
          if (e != null) log.debug("peers: a message was lost: {}", e.toString());
        }));
    beat(); // before anything else of this run, so the others forget an earlier run first
    beats.scheduleWithFixedDelay(this::beat, BEAT_MILLIS, BEAT_MILLIS, TimeUnit.MILLISECONDS);
    this.reader = new Thread(this::read, "coedit-peers-read");
    reader.setDaemon(true);
    reader.start();
  }

  /**
   * Joins the peers of {@code namespace} on the Kafka cluster at {@code bootstrap} as
   * {@code nodeId} (unique among them), creating the topic if needed.
   */
  public static KafkaPeers open(String bootstrap, String namespace, String nodeId) {
    return new KafkaPeers(bootstrap, namespace, nodeId);
  }

  /** This node serves clients at {@code url} from now on: the others list it in their {@code /api/nodes}. */
  public void announce(URI url) {
    self = url;
    beat();
  }

  @Override
  public String nodeId() {
    return nodeId;
  }

  @Override
  public List<URI> nodes() {
    List<URI> out = new ArrayList<>();
    URI me = self;
    if (me != null) out.add(me);
    for (URI u : table.urls()) {
      if (!u.equals(me)) out.add(u);
    }
    return out;
  }

  @Override
  public void publish(PeerPresence m) {
    String key = switch (m.kind()) {
      case PRESENCE, LEAVE -> "p\n" + m.docId() + "\n" + m.clientId();
      case HELLO -> "h\n" + m.docId();
      case NODE_GONE -> throw new IllegalArgumentException("NODE_GONE is never published");
    };
    outbox.offer(key, PeerCodec.encode(m));
  }

  @Override
  public void subscribe(Consumer<PeerPresence> l) {
    listener = l;
  }

  /** Says goodbye, sends what is queued, and stops. Idempotent. */
  @Override
  public void close() {
    synchronized (this) {
      if (closed) return;
      closed = true;
    }
    beats.shutdownNow();
    outbox.offer("beat", PeerCodec.encode(new PeerCodec.Beat(nodeId, incarnation, self, false)));
    outbox.close(2_000);
    producer.close(Duration.ofSeconds(2));
    consumer.wakeup();
    try {
      reader.join(2_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void beat() {
    if (!closed) outbox.offer("beat", PeerCodec.encode(new PeerCodec.Beat(nodeId, incarnation, self, true)));
  }

  /** The reader: every message of the others, in topic order, to the listener; expired nodes too. */
  private void read() {
    try {
      while (!closed) {
        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) handle(r.value());
        for (String gone : table.expire(System.currentTimeMillis())) {
          log.info("peers: node {} went silent", gone);
          deliver(PeerPresence.nodeGone(gone));
        }
      }
    } catch (WakeupException e) {
      // closing
    } catch (RuntimeException e) {
      if (!closed) log.error("peers: the reader stopped; presence no longer crosses nodes", e);
    } finally {
      consumer.close(Duration.ofSeconds(1));
    }
  }

  private void handle(byte[] raw) {
    Object m;
    try {
      m = PeerCodec.decode(raw);
    } catch (IllegalArgumentException e) {
      log.debug("peers: a message was not understood: {}", e.getMessage());
      return;
    }
    long now = System.currentTimeMillis();
    if (m instanceof PeerCodec.Beat b) {
      if (b.node().equals(nodeId)) return;
      if (table.beat(b, now)) deliver(PeerPresence.nodeGone(b.node()));
    } else if (m instanceof PeerPresence p && !p.node().equals(nodeId)) {
      table.heard(p.node(), now);
      deliver(p);
    }
  }

  private void deliver(PeerPresence m) {
    try {
      listener.accept(m);
    } catch (RuntimeException e) {
      log.error("peers: handling {} failed", m.kind(), e);
    }
  }

  /** One partition, replicated like the depots (up to 3), kept a minute. */
  private static void ensureTopic(String bootstrap, String topic) {
    try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
      int brokers = admin.describeCluster().nodes().get(30, TimeUnit.SECONDS).size();
      NewTopic t = new NewTopic(topic, 1, (short) Math.min(3, Math.max(1, brokers))).configs(Map.of(
          "retention.ms", "60000", "segment.ms", "60000", "min.insync.replicas", "1"));
      try {
        admin.createTopics(List.of(t)).all().get(30, TimeUnit.SECONDS);
      } catch (ExecutionException e) {
        if (!(e.getCause() instanceof TopicExistsException)) throw e;
      }
    } catch (Exception e) {
      throw new IllegalStateException("cannot create the peers topic " + topic + ": " + e, e);
    }
  }
}
