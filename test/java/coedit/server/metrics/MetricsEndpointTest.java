package coedit.server.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import coedit.server.Http;
import coedit.server.RawSocket;
import coedit.server.TestServer;
import coedit.server.TestTokens;
import coedit.server.core.ServerConfig;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * /metrics serves the server's, the JVM's and the process's meters in the Prometheus text
 * format, counting what happened; /api/admin/hot lists the busiest documents the caller may
 * read; in authenticated mode both need a token.
 */
class MetricsEndpointTest {
  private static final String INSERT = "{\"clientId\":\"c\",\"seq\":%d,\"version\":%d,\"edits\":[{\"type\":\"insert\",\"offset\":0,\"text\":\"x\"}]}";

  @Test
  void metricsCountRequestsSubmissionsJoinsAndClosesUnderPrometheusNames() throws Exception {
    try (TestServer server = TestServer.inMemory()) {
      Http http = new Http(server.uri());
      for (int seq = 1; seq <= 3; seq++) assertEquals(200, http.post("/api/docs/m1/edits", INSERT.formatted(seq, seq - 1)).status());
      assertEquals(409, http.post("/api/docs/m1/edits", INSERT.formatted(9, 99)).status()); // version ahead
      try (RawSocket s = RawSocket.open(server.uri())) {
        s.send(RawSocket.join("m1", "watcher", 0L));
        s.nextOf("live");
      }
      String text = awaitMetric(http, "coedit_live_closes_total");
      assertTrue(text.contains("coedit_submissions_total{code=\"none\",outcome=\"accepted\"} 3.0"), text);
      assertTrue(text.contains("coedit_submissions_total{code=\"version_ahead\",outcome=\"rejected\"} 1.0"), text);
      assertTrue(text.contains("coedit_http_requests_seconds_count{method=\"POST\",route=\"/api/docs/{id}/edits\",status=\"200\"} 3"), text);
      assertTrue(text.contains("coedit_submission_ack_seconds_bucket"), "ack latency histogram");
      assertTrue(text.contains("coedit_submission_transform_depth"), text);
      assertTrue(text.contains("coedit_live_joins_total 1.0"), text);
      assertTrue(text.contains("coedit_live_connections"), text);
      assertTrue(text.contains("jvm_memory_used_bytes") && text.contains("process_cpu_usage"), "JVM and process meters");
      assertTrue(!text.contains("m1"), "no document is ever a label");
    }
  }

  private static String awaitMetric(Http http, String name) throws InterruptedException {
    for (int i = 0; i < 200; i++) {
      Http.Response r = http.get("/metrics");
      assertEquals(200, r.status());
      assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("text/plain"));
      if (r.body().contains(name)) return r.body();
      Thread.sleep(10);
    }
    throw new AssertionError(name + " never appeared");
  }

  @Test
  void theHotListShowsTheBusiestDocumentsTheCallerMayRead() throws Exception {
    try (TestServer server = TestServer.inMemory(ServerConfig.defaults().withPort(0).withAuth(TestTokens.verifier()))) {
      Http http = new Http(server.uri());
      String writer = TestTokens.token("w", Map.of("*", "write"));
      for (int seq = 1; seq <= 30; seq++) http.post("/api/docs/alpha/edits", INSERT.formatted(seq, seq - 1), writer);
      for (int seq = 1; seq <= 10; seq++) http.post("/api/docs/beta/edits", INSERT.formatted(seq, seq - 1), writer);
      JsonNode all = null;
      for (int i = 0; i < 100; i++) { // the rates fold in once a second
        all = http.get("/api/admin/hot?n=5", writer).json();
        if (all.get("documents").size() == 2 && all.get("documents").get(0).get("submissionsPerSecond").asDouble() > 0) break;
        Thread.sleep(50);
      }
      assertEquals("alpha", all.get("documents").get(0).get("docId").asText(), all.toString());
      assertEquals("beta", all.get("documents").get(1).get("docId").asText(), all.toString());
      JsonNode onlyB = http.get("/api/admin/hot", TestTokens.token("r", Map.of("b*", "read"))).json();
      assertEquals(1, onlyB.get("documents").size(), "only what the caller may read: " + onlyB);
      assertEquals(401, http.get("/api/admin/hot").status());
      assertEquals(401, http.get("/metrics").status());
      assertEquals(403, http.get("/metrics", TestTokens.token("r", Map.of("b*", "read"))).status());
      assertEquals(200, http.get("/metrics", TestTokens.token("prometheus", Map.of("*", "read"))).status());
    }
  }
}
