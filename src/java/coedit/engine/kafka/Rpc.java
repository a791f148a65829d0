package coedit.engine.kafka;

import coedit.engine.EngineException;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The node-to-node channel: each engine instance serves HTTP on its
 * {@code application.server} address (JDK HttpServer) and calls the others with the JDK
 * HttpClient. Bodies are {@link Wire} values. Two shapes: a call (request, one answer:
 * routed queries, reads and subscriptions) and a push (one-way, batched, in order per
 * destination and path: ACK replies and proxy notices).
 */
final class Rpc implements AutoCloseable {

  private static final System.Logger LOG = System.getLogger(Rpc.class.getName());

  /** A call's answer: a value, or an error ({@link Wire.RemoteError} or {@link NotOwner}). */
  record Answer(boolean ok, Object value) {}

  /** The callee does not own (or does not yet serve) the partition: ask again elsewhere. */
  record NotOwner(String reason) {}

  private final HttpServer server;
  private final ExecutorService serverThreads;
  private final HttpClient client;
  /**
   * The threads that send, with the client's blocking {@code send}. Not {@code sendAsync}:
   * it hands every response to CompletableFuture's default pool, which on a machine with
   * fewer than three cores (common pool parallelism 1) starts a new thread per task, so each
   * ACK reply, notice batch and routed call cost a thread's start and end (in a profile of a
   * cluster node under load: 1,200 threads started in 40 s).
   */
  private final ExecutorService senders;
  private final String endpoint;
  private final Map<String, Outbox> outboxes = new ConcurrentHashMap<>();
  private final Map<String, Consumer<List<Object>>> pushHandlers = new ConcurrentHashMap<>();
  private final Map<String, Function<Object, Object>> callHandlers = new ConcurrentHashMap<>();

  static {
    // The JDK HttpServer writes a response's headers and body separately and, unless told,
    // leaves Nagle's algorithm on: the body then waits for the caller's delayed ACK (up to
    // 40 ms on Linux). Every call and every push batch (ACK replies, notices) waited for it:
    // 24 ms a call between two endpoints on one machine, 0.24 ms with this. Read once, when
    // the first HttpServer of this JVM starts.
    if (System.getProperty("sun.net.httpserver.nodelay") == null) {
      System.setProperty("sun.net.httpserver.nodelay", "true");
    }
  }

  Rpc(String host, int port) {
    AtomicInteger n = new AtomicInteger();
    serverThreads = Executors.newFixedThreadPool(4, r -> {
      Thread t = new Thread(() -> {
        EngineThreads.mark();
        r.run();
      }, "coedit-rpc-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
    try {
      server = HttpServer.create(new InetSocketAddress(host, port), 64);
    } catch (IOException e) {
      throw new EngineException("cannot serve the node-to-node endpoint on " + host + ":" + port
          + ": " + e, e);
    }
    server.setExecutor(serverThreads);
    server.createContext("/", this::handle);
    server.start();
    endpoint = host + ":" + server.getAddress().getPort();
    client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(2)).executor(daemons("coedit-rpc-client")).build();
    senders = daemons("coedit-rpc-send");
  }

  /** A cached pool of daemon threads named {@code name}. */
  private static ExecutorService daemons(String name) {
    return Executors.newCachedThreadPool(r -> {
      Thread t = new Thread(r, name);
      t.setDaemon(true);
      return t;
    });
  }

  /** A POST of {@code body} to {@code /KIND/PATH} on {@code to}. */
  private static HttpRequest request(String to, String kind, String path, Object body, Duration timeout) {
    return HttpRequest.newBuilder(URI.create("http://" + to + "/" + kind + "/" + path)).timeout(timeout)
        .POST(HttpRequest.BodyPublishers.ofByteArray(Wire.encode(body))).build();
  }

  /** {@code host:port} of this instance. */
  String endpoint() {
    return endpoint;
  }

  void onCall(String path, Function<Object, Object> handler) {
    callHandlers.put(path, handler);
  }

  void onPush(String path, Consumer<List<Object>> handler) {
    pushHandlers.put(path, handler);
  }

  /** Sends {@code message} to {@code path} of {@code to}; the future holds the answer. */
  CompletableFuture<Answer> call(String to, String path, Object message, Duration timeout) {
    HttpRequest req = request(to, "call", path, message, timeout);
    try {
      return CompletableFuture.supplyAsync(() -> (Answer) Wire.decode(send(req).body()), senders);
    } catch (RejectedExecutionException e) {
      return CompletableFuture.failedFuture(new EngineException("the node-to-node endpoint "
          + endpoint + " is closed"));
    }
  }

  /** Sends {@code req} and waits for the answer, on a {@link #senders} thread. */
  private HttpResponse<byte[]> send(HttpRequest req) {
    try {
      return client.send(req, HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new EngineException("interrupted while calling " + req.uri(), e);
    }
  }

  /**
   * Queues {@code item} for {@code path} on {@code to}; items reach the handler there in the
   * order pushed, in batches. {@code onFailure} is told when a batch could not be delivered.
   */
  void push(String to, String path, Object item, Consumer<String> onFailure) {
    outboxes.computeIfAbsent(to + "/" + path, k -> new Outbox(to, path, onFailure)).add(item);
  }

  private void handle(HttpExchange ex) throws IOException {
    try (ex) {
      byte[] body;
      try (InputStream in = ex.getRequestBody()) {
        body = in.readAllBytes();
      }
      String path = ex.getRequestURI().getPath();
      byte[] answer;
      if (path.startsWith("/push/")) {
        Consumer<List<Object>> h = pushHandlers.get(path.substring(6));
        @SuppressWarnings("unchecked")
        List<Object> items = (List<Object>) Wire.decode(body);
        if (h != null) {
          h.accept(items);
        }
        answer = Wire.encode(new Answer(true, null));
      } else {
        Function<Object, Object> h = callHandlers.get(path.substring(6));
        Answer a;
        try {
          if (h == null) {
            throw new EngineException("no handler for " + path);
          }
          Object result = h.apply(Wire.decode(body));
          a = result instanceof NotOwner no ? new Answer(false, no) : new Answer(true, result);
        } catch (RuntimeException | Error e) {
          a = new Answer(false, new Wire.RemoteError(e.getClass().getName(), e.getMessage()));
        }
        answer = Wire.encode(a);
      }
      ex.sendResponseHeaders(200, answer.length);
      try (OutputStream out = ex.getResponseBody()) {
        out.write(answer);
      }
    } catch (RuntimeException e) {
      LOG.log(System.Logger.Level.WARNING, "node-to-node request failed", e);
    }
  }

  @Override
  public void close() {
    server.stop(0);
    serverThreads.shutdownNow();
    senders.shutdownNow();
  }

  /**
   * One destination's pushes: one sender at a time drains them in batches (what was queued
   * while the last batch was on its way goes next), so order is kept.
   */
  private final class Outbox {
    private final String to;
    private final String path;
    private final Consumer<String> onFailure;
    private List<Object> queued = new ArrayList<>();
    private boolean sending;

    Outbox(String to, String path, Consumer<String> onFailure) {
      this.to = to;
      this.path = path;
      this.onFailure = onFailure;
    }

    synchronized void add(Object item) {
      queued.add(item);
      if (!sending) {
        sending = true;
        try {
          senders.execute(this::drain);
        } catch (RejectedExecutionException e) {
          // Closed: nothing more leaves this instance (its callers are going away too).
          sending = false;
          queued.clear();
        }
      }
    }

    private void drain() {
      while (true) {
        List<Object> batch;
        synchronized (this) {
          if (queued.isEmpty()) {
            sending = false;
            return;
          }
          batch = queued;
          queued = new ArrayList<>();
        }
        String failure;
        try {
          int status = send(request(to, "push", path, batch, Duration.ofSeconds(5))).statusCode();
          failure = status == 200 ? null : "status " + status;
        } catch (RuntimeException e) {
          failure = e.toString();
        }
        if (failure != null) {
          String why = failure;
          LOG.log(System.Logger.Level.DEBUG, () -> "push to " + to + "/" + path + " failed: " + why);
          onFailure.accept(to);
        }
      }
    }
  }
}
