package coedit.engine.kafka;

import coedit.engine.EngineException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.ListStreamsGroupOffsetsSpec;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;

/** Positions in a module's depots: end offsets, committed offsets, sync barriers. */
final class Offsets {

  private Offsets() {}

  /** Every partition of every depot some topology consumes. */
  static List<TopicPartition> consumed(KafkaModule m) {
    List<TopicPartition> out = new ArrayList<>();
    for (String depot : m.layout.topologiesByDepot.keySet()) {
      for (int p = 0; p < m.partitions(); p++) {
        out.add(new TopicPartition(m.topic(depot), p));
      }
    }
    return out;
  }

  /** Appends a sync barrier to every consumed partition; returns where each landed. */
  static Map<TopicPartition, Long> syncBarriers(KafkaModule m) {
    Map<TopicPartition, Future<RecordMetadata>> sent = new HashMap<>();
    for (TopicPartition tp : consumed(m)) {
      sent.put(tp, m.cluster.producer.send(new ProducerRecord<>(tp.topic(), tp.partition(),
          null, null, new byte[0], Headers.barrier(Headers.SYNC, 0))));
    }
    Map<TopicPartition, Long> at = new HashMap<>();
    for (Map.Entry<TopicPartition, Future<RecordMetadata>> e : sent.entrySet()) {
      try {
        at.put(e.getKey(), e.getValue().get(30, TimeUnit.SECONDS).offset());
      } catch (Exception ex) {
        throw new EngineException("cannot append a sync barrier to " + e.getKey() + ": " + ex,
            ex);
      }
    }
    return at;
  }

  /** The end offset (next offset to be written) of each partition. */
  static Map<TopicPartition, Long> ends(KafkaModule m, List<TopicPartition> tps) {
    Map<TopicPartition, OffsetSpec> spec = new HashMap<>();
    tps.forEach(tp -> spec.put(tp, OffsetSpec.latest()));
    try {
      Map<TopicPartition, Long> out = new HashMap<>();
      m.cluster.admin.listOffsets(spec).all().get(30, TimeUnit.SECONDS)
          .forEach((tp, info) -> out.put(tp, info.offset()));
      return out;
    } catch (Exception e) {
      throw new EngineException("cannot read the end offsets of " + m.name() + ": " + e, e);
    }
  }

  /** The offsets the application of {@code generation} committed (absent: none yet). */
  static Map<TopicPartition, Long> committed(KafkaModule m, long generation,
      List<TopicPartition> tps) {
    String group = Names.application(m.config.namespace(), m.name(), generation);
    Map<TopicPartition, OffsetAndMetadata> c;
    try {
      if (m.config.streamsProtocol()) {
        c = m.cluster.admin.listStreamsGroupOffsets(Map.of(group,
            new ListStreamsGroupOffsetsSpec().topicPartitions(tps)))
            .partitionsToOffsetAndMetadata(group).get(30, TimeUnit.SECONDS);
      } else {
        c = m.cluster.admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata()
            .get(30, TimeUnit.SECONDS);
      }
    } catch (Exception e) {
      throw new EngineException("cannot read the committed offsets of " + group + ": " + e, e);
    }
    Map<TopicPartition, Long> out = new HashMap<>();
    c.forEach((tp, om) -> {
      if (om != null) {
        out.put(tp, om.offset());
      }
    });
    return out;
  }

  /** Waits until the current generation has committed past every target offset. */
  static void awaitCommitted(KafkaModule m, Map<TopicPartition, Long> targets, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    List<TopicPartition> tps = List.copyOf(targets.keySet());
    String behind = "";
    while (System.nanoTime() - deadline < 0) {
      Map<TopicPartition, Long> c = committed(m, m.generations.current(), tps);
      behind = "";
      for (Map.Entry<TopicPartition, Long> e : targets.entrySet()) {
        Long at = c.get(e.getKey());
        if (at == null || at <= e.getValue()) {
          behind = e.getKey() + " committed up to " + at + ", not past " + e.getValue();
          break;
        }
      }
      if (behind.isEmpty()) {
        return;
      }
      Router.sleep(20);
    }
    throw new EngineException("module " + m.name() + ": records appended before awaitProcessed"
        + " were not all processed within " + timeout + " (" + behind + ")");
  }
}
