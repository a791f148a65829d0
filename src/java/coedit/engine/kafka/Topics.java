package coedit.engine.kafka;

import coedit.engine.EngineException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/**
 * Creates a module's depot topics, or checks the existing ones. A depot is a topic with the
 * module's partition count, replicated {@code replicationFactor} times, written to
 * {@code min.insync.replicas} before an append is acknowledged, kept forever (the depots
 * are the source of truth PStates are recomputed from), and stamped with the broker's
 * append time.
 */
final class Topics {

  private Topics() {}

  static void ensure(Admin admin, KafkaEngineConfig config, String module, List<String> topics) {
    int partitions = config.engine().partitions();
    Map<String, String> settings = Map.of(
        "retention.ms", "-1",
        "retention.bytes", "-1",
        "cleanup.policy", "delete",
        "message.timestamp.type", "LogAppendTime",
        "min.insync.replicas", Integer.toString(config.minInsyncReplicas()),
        "unclean.leader.election.enable", "false");
    List<NewTopic> wanted = new ArrayList<>();
    for (String t : topics) {
      wanted.add(new NewTopic(t, partitions, (short) config.replicationFactor()).configs(settings));
    }
    Map<String, Exception> failures = new HashMap<>();
    admin.createTopics(wanted).values().forEach((t, f) -> {
      try {
        f.get(30, TimeUnit.SECONDS);
      } catch (ExecutionException e) {
        if (!(e.getCause() instanceof TopicExistsException)) {
          failures.put(t, e);
        }
      } catch (Exception e) {
        failures.put(t, e);
      }
    });
    if (!failures.isEmpty()) {
      throw new EngineException("module " + module + ": cannot create depot topics " + failures);
    }
    for (String t : topics) {
      int existing = describe(admin, t).partitions().size();
      if (existing != partitions) {
        throw new EngineException("module " + module + ": depot topic " + t + " has "
            + existing + " partitions, but the engine is configured with " + partitions
            + ". The partition count is fixed for the life of a module's data (every key"
            + " would move): configure " + existing + " partitions.");
      }
    }
  }

  /** Describes {@code topic}, retrying while a just-created topic is not yet known. */
  static TopicDescription describe(Admin admin, String topic) {
    for (int attempt = 0; ; attempt++) {
      try {
        return admin.describeTopics(List.of(topic)).allTopicNames().get(30, TimeUnit.SECONDS)
            .get(topic);
      } catch (ExecutionException e) {
        if (!(e.getCause() instanceof UnknownTopicOrPartitionException) || attempt > 50) {
          throw new EngineException("cannot describe topic " + topic + ": " + e.getCause(), e);
        }
      } catch (Exception e) {
        throw new EngineException("cannot describe topic " + topic + ": " + e, e);
      }
      Router.sleep(100);
    }
  }
}
