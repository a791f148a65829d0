package coedit.server.cluster;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The other nodes of the cluster as heard on the peers topic: each with its current run
 * ({@code incarnation}), its public URL and when it was last heard. A node is gone when it
 * says goodbye, when it stays silent for {@code expiryMillis}, or when a new run of it
 * starts (the old run's participants went with it): each such end is reported exactly once,
 * by the call that sees it. Thread-safe.
 */
final class NodeTable {
  private record Node(String incarnation, URI url, long lastHeard) {}

  private final long expiryMillis;
  private final Map<String, Node> nodes = new TreeMap<>();

  NodeTable(long expiryMillis) {
    this.expiryMillis = expiryMillis;
  }

  /** A beat of {@code node}; true when a run of it ended with this beat (goodbye, or a new run). */
  synchronized boolean beat(PeerCodec.Beat b, long now) {
    Node known = nodes.get(b.node());
    if (!b.up()) {
      nodes.remove(b.node());
      return known != null && known.incarnation().equals(b.incarnation());
    }
    nodes.put(b.node(), new Node(b.incarnation(), b.url(), now));
    return known != null && !known.incarnation().equals(b.incarnation());
  }

  /** Any other message of {@code node}: it is alive (a node not yet heard is not added). */
  synchronized void heard(String node, long now) {
    Node known = nodes.get(node);
    if (known != null) nodes.put(node, new Node(known.incarnation(), known.url(), now));
  }

  /** The nodes silent for longer than the expiry, removed now. */
  synchronized List<String> expire(long now) {
    List<String> gone = new ArrayList<>();
    nodes.entrySet().removeIf(e -> {
      boolean silent = now - e.getValue().lastHeard() > expiryMillis;
      if (silent) gone.add(e.getKey());
      return silent;
    });
    return gone;
  }

  /** Public URLs of the nodes up, by node id (nodes that do not serve yet are left out). */
  synchronized List<URI> urls() {
    List<URI> out = new ArrayList<>();
    for (Node n : nodes.values()) {
      if (n.url() != null) out.add(n.url());
    }
    return out;
  }
}
