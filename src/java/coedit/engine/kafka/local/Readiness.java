package coedit.engine.kafka.local;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/** Waits until a cluster's brokers are all registered and answer metadata requests. */
final class Readiness {

  private Readiness() {}

  static void await(String bootstrap, int brokers, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
        AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5000,
        AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10000))) {
      String last = "no answer";
      while (System.nanoTime() < deadline) {
        try {
          int n = admin.describeCluster().nodes().get(5, TimeUnit.SECONDS).size();
          if (n >= brokers) {
            return;
          }
          last = n + " of " + brokers + " brokers registered";
        } catch (Exception e) {
          last = e.toString();
        }
        try {
          Thread.sleep(100);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException("interrupted while waiting for Kafka", e);
        }
      }
      throw new IllegalStateException("Kafka at " + bootstrap + " not ready within " + timeout
          + ": " + last);
    }
  }
}
