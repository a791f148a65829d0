package coedit.engine.kafka;

import coedit.engine.EngineException;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/** Asks a Kafka cluster how many brokers it has. */
final class Brokers {

  private Brokers() {}

  static int count(String bootstrapServers) {
    try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
        bootstrapServers, AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000,
        AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 20_000))) {
      return admin.describeCluster().nodes().get(30, TimeUnit.SECONDS).size();
    } catch (Exception e) {
      throw new EngineException("cannot reach Kafka at " + bootstrapServers + ": " + e, e);
    }
  }
}
