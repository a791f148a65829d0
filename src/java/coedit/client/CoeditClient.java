package coedit.client;

import coedit.protocol.Messages;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The Java client of a coedit server: opens {@link DocumentSession}s over the live
 * protocol. One client shares one JDK {@link HttpClient} and one timer across its sessions;
 * load generators create a few clients to spread sockets over several selector threads.
 * Given several servers (the nodes of a cluster), a session starts with the first and moves
 * on to the next whenever its connection ends, keeping its pending edits (see
 * {@code ServerChoice}); one load-balancer URL works the same way.
 *
 * <pre>{@code
 * try (CoeditClient client = new CoeditClient(URI.create("http://localhost:8080"));
 *      DocumentSession doc = client.open("notes", SessionOptions.defaults(), listener)) {
 *   doc.insert(0, "Hello");
 *   doc.awaitSynced(Duration.ofSeconds(5));
 * }
 * }</pre>
 */
public final class CoeditClient implements AutoCloseable {
  private static final AtomicInteger TIMERS = new AtomicInteger();

  private final List<URI> liveUris;
  private final HttpClient http;
  private final ScheduledExecutorService timer;

  /** {@code base}: the server's {@code http://host:port}. */
  public CoeditClient(URI base) {
    this(List.of(base));
  }

  /** {@code servers}: each node's {@code http://host:port}, the one to try first first. */
  public CoeditClient(List<URI> servers) {
    if (servers.isEmpty()) throw new IllegalArgumentException("at least one server URL is needed");
    this.liveUris = servers.stream().map(CoeditClient::liveUri).toList();
    // Socket events are handled on the selector thread itself (the session code never blocks):
    // one thread hand-off fewer per message than the default pool.
    this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).executor(Runnable::run).build();
    this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "coedit-client-timer-" + TIMERS.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
  }

  /** Opens a session; it is live (caught up) when the future completes. */
  public CompletableFuture<DocumentSession> openAsync(String docId, SessionOptions options, SessionListener listener) {
    return new DocumentSession(http, liveUris, docId, options, listener, timer).start();
  }

  /** Opens a session and waits until it is live (at most {@code options.openTimeout()}). */
  public DocumentSession open(String docId, SessionOptions options, SessionListener listener)
      throws InterruptedException, TimeoutException {
    DocumentSession session = new DocumentSession(http, liveUris, docId, options, listener, timer);
    try {
      return session.start().get(options.openTimeout().toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      session.close();
      throw new IllegalStateException("could not open " + docId + ": " + e.getCause().getMessage(), e.getCause());
    } catch (TimeoutException | InterruptedException e) {
      session.close();
      throw e;
    }
  }

  public DocumentSession open(String docId) throws InterruptedException, TimeoutException {
    return open(docId, SessionOptions.defaults(), SessionListener.NONE);
  }

  private static URI liveUri(URI base) {
    String scheme = "https".equals(base.getScheme()) ? "wss" : "ws";
    return URI.create(scheme + "://" + base.getRawAuthority() + Messages.LIVE_PATH);
  }

  /** Stops the shared timer; close the sessions first. */
  @Override
  public void close() {
    timer.shutdownNow();
  }
}
