package coedit.tools.kafka;

import coedit.client.CoeditClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * People typing on a {@link ServerCluster}: {@code perDoc} typists on each of {@code docs}
 * documents, the participants of each document spread over the nodes (typist {@code k} of
 * document {@code d} starts on node {@code (d + k) mod n}), every client given all the
 * nodes' URLs, its own first, to fail over to. Typing goes on until {@link #stop()}, each
 * keystroke after a random pause (or at a fixed rate, for benchmarks).
 */
public final class ClusterTyping implements AutoCloseable {
  private final List<ClusterTypist> typists = new ArrayList<>();
  private final List<CoeditClient> clients = new ArrayList<>();
  private final ScheduledExecutorService keys = Executors.newScheduledThreadPool(2, r -> {
    Thread t = new Thread(r, "cluster-typing");
    t.setDaemon(true);
    return t;
  });
  private volatile boolean typing;

  private ClusterTyping() {}

  /** Opens every typist's session (in parallel) and returns once all are live. */
  public static ClusterTyping open(ServerCluster cluster, String prefix, int docs, int perDoc) throws Exception {
    ClusterTyping t = new ClusterTyping();
    try {
      // A few clients per node spread the sockets over several selector threads.
      int perNode = Math.max(1, Math.min(4, docs * perDoc / (cluster.size() * 25)));
      for (int i = 0; i < cluster.size() * perNode; i++) t.clients.add(new CoeditClient(cluster.urisFrom(i % cluster.size())));
      List<CompletableFuture<ClusterTypist>> opened = new ArrayList<>();
      for (int d = 0; d < docs; d++) {
        for (int k = 0; k < perDoc; k++) {
          int home = (d + k) % cluster.size();
          ClusterTypist typist = new ClusterTypist(prefix + "-" + d, prefix + "-" + d + "-" + k, (char) ('a' + k), home);
          t.typists.add(typist);
          opened.add(typist.open(t.clients.get(home + cluster.size() * (t.typists.size() % perNode))));
        }
      }
      CompletableFuture.allOf(opened.toArray(CompletableFuture[]::new)).get(120, TimeUnit.SECONDS);
      return t;
    } catch (Exception e) {
      t.close();
      throw e;
    }
  }

  public List<ClusterTypist> typists() {
    return List.copyOf(typists);
  }

  /** The typists that started on node {@code i}. */
  public List<ClusterTypist> homedOn(int i) {
    return typists.stream().filter(t -> t.home() == i).toList();
  }

  /** Everyone types, each keystroke after a random pause of 0 to {@code 2 * mean}. */
  public void startRandom(Duration mean) {
    typing = true;
    long max = Math.max(2, mean.toMillis() * 2);
    for (ClusterTypist t : typists) {
      Runnable[] next = new Runnable[1];
      next[0] = () -> {
        if (!typing) return;
        t.type();
        keys.schedule(next[0], ThreadLocalRandom.current().nextLong(max), TimeUnit.MILLISECONDS);
      };
      keys.schedule(next[0], ThreadLocalRandom.current().nextLong(max), TimeUnit.MILLISECONDS);
    }
  }

  /** Everyone types {@code perSecond} keystrokes a second, at a random phase. */
  public void startSteady(int perSecond) {
    typing = true;
    long period = 1_000_000L / perSecond;
    for (ClusterTypist t : typists) {
      keys.scheduleAtFixedRate(() -> {
        if (typing) t.type();
      }, ThreadLocalRandom.current().nextLong(period), period, TimeUnit.MICROSECONDS);
    }
  }

  /** Nobody types any more (what was typed is still being sent). */
  public void stop() {
    typing = false;
  }

  @Override
  public void close() {
    typing = false;
    keys.shutdownNow();
    typists.forEach(ClusterTypist::close);
    clients.forEach(CoeditClient::close);
  }
}
