package coedit.server.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * A cluster's nodes allow each other's origins (a page served by one fails over to
 * another), following the node list as it grows and keeping the origins of nodes that left;
 * a lone server allows only its own.
 */
class OriginPolicyClusterTest {

  @Test
  void nodesUpAreAllowedAndConnectableNodesThatLeftStayAllowedNobodyElse() {
    List<URI> nodes = new CopyOnWriteArrayList<>(List.of(URI.create("http://127.0.0.1:8081"),
        URI.create("http://127.0.0.1:8082/")));
    OriginPolicy p = new OriginPolicy(List.of(), "127.0.0.1", () -> nodes);
    assertTrue(p.originAllowed("http://127.0.0.1:8082", "http", "127.0.0.1:8081"));
    assertTrue(p.crossOriginAllowed("http://127.0.0.1:8082"));
    assertFalse(p.originAllowed("http://127.0.0.1:8083", "http", "127.0.0.1:8081"));
    assertFalse(p.originAllowed("http://evil.example", "http", "127.0.0.1:8081"));
    assertEquals(" http://127.0.0.1:8081 ws://127.0.0.1:8081 http://127.0.0.1:8082 ws://127.0.0.1:8082",
        p.clusterConnectSources());

    // A node that joins is allowed and connectable. One that leaves is no longer connectable
    // but stays allowed: the pages it served are the ones failing over here.
    nodes.remove(1);
    nodes.add(URI.create("https://node3.example"));
    assertTrue(p.originAllowed("https://node3.example:443", "http", "127.0.0.1:8081"));
    assertEquals(" http://127.0.0.1:8081 ws://127.0.0.1:8081 https://node3.example wss://node3.example",
        p.clusterConnectSources());
    assertTrue(p.originAllowed("http://127.0.0.1:8082", "http", "127.0.0.1:8081"), "a page of the node that left");
    assertTrue(p.crossOriginAllowed("http://127.0.0.1:8082"));
    assertFalse(p.originAllowed("http://127.0.0.1:8083", "http", "127.0.0.1:8081"));
  }

  @Test
  void aLoneServerAllowsOnlyItsOwnOriginAndTheConfiguredOnes() {
    OriginPolicy p = new OriginPolicy(List.of("https://app.example"), "127.0.0.1");
    assertTrue(p.originAllowed("http://127.0.0.1:8080", "http", "127.0.0.1:8080"));
    assertTrue(p.originAllowed("https://app.example", "http", "127.0.0.1:8080"));
    assertFalse(p.originAllowed("http://127.0.0.1:8081", "http", "127.0.0.1:8080"));
    assertEquals("", p.clusterConnectSources());
    assertEquals(BrowserGuard.CSP, BrowserGuard.csp(p.clusterConnectSources()));
  }
}
