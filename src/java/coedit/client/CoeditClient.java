package coedit.client;

import coedit.protocol.Messages;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
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

  private final URI liveUri;
  private final HttpClient http;
  private final ScheduledExecutorService timer;

  /** {@code base}: the server's {@code http://host:port}. */
  public CoeditClient(URI base) {
    String scheme = "https".equals(base.getScheme()) ? "wss" : "ws";
    this.liveUri = URI.create(scheme + "://" + base.getRawAuthority() + Messages.LIVE_PATH);
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
    return new DocumentSession(http, liveUri, docId, options, listener, timer).start();
  }

  /** Opens a session and waits until it is live (at most {@code options.openTimeout()}). */
  public DocumentSession open(String docId, SessionOptions options, SessionListener listener)
      throws InterruptedException, TimeoutException {
    DocumentSession session = new DocumentSession(http, liveUri, docId, options, listener, timer);
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

  /** Stops the shared timer; close the sessions first. */
  @Override
  public void close() {
    timer.shutdownNow();
  }
}
