package coedit.engine.kafka;

import coedit.engine.EngineException;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The node-to-node channel: each engine instance listens on its {@code application.server}
 * address and keeps one TCP connection to each instance it talks to. Two shapes: a call
 * (request, one answer: routed queries, reads and subscriptions) and a push (one-way,
 * batched, in order per destination and path: ACK replies and proxy notices).
 *
 * <p>Frames ({@link RpcFrame}) carry {@link Wire} values. Not HTTP: the JDK HttpClient and
 * HttpServer cost about 500 µs of CPU per message for both ends together (each exchange
 * passes between their selector threads and executors), and the HttpServer left Nagle's
 * algorithm on, so every answer waited for the caller's delayed ACK (40 ms). Here a message
 * is one write on the sending thread and one read on the connection's reader thread
 * ({@code bin/coedit bench rpc}).
 */
final class Rpc implements AutoCloseable {

  private static final System.Logger LOG = System.getLogger(Rpc.class.getName());
  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);
  private static final Duration PUSH_TIMEOUT = Duration.ofSeconds(5);
  /** The answer to a push: its handler took it, or failed. */
  private static final byte[] PUSH_TAKEN = {1};
  private static final byte[] PUSH_FAILED = {0};

  /** A call's answer: a value, or an error ({@link Wire.RemoteError} or {@link NotOwner}). */
  record Answer(boolean ok, Object value) {}

  /** The callee does not own (or does not yet serve) the partition: ask again elsewhere. */
  record NotOwner(String reason) {}

  private final ServerSocket listener;
  private final String endpoint;
  /** Calls run here: a routed call may wait for its task to catch up, so not on a reader. */
  private final ExecutorService callThreads;
  /** Connects, push outboxes' drains, and each connection's reader. */
  private final ExecutorService threads;
  private final AtomicLong ids = new AtomicLong();
  private final Map<String, Link> links = new ConcurrentHashMap<>();
  private final Map<String, Object> connecting = new ConcurrentHashMap<>();
  private final Set<Socket> inbound = ConcurrentHashMap.newKeySet();
  private final Map<String, Outbox> outboxes = new ConcurrentHashMap<>();
  private final Map<String, Consumer<List<Object>>> pushHandlers = new ConcurrentHashMap<>();
  private final Map<String, Function<Object, Object>> callHandlers = new ConcurrentHashMap<>();
  private volatile boolean closed;
  /** Counted down when the accept loop has returned: only then is the port free again. */
  private final CountDownLatch acceptStopped = new CountDownLatch(1);

  Rpc(String host, int port) {
    callThreads = Executors.newFixedThreadPool(4, engineThreads("coedit-rpc-"));
    threads = Executors.newCachedThreadPool(engineThreads("coedit-rpc-io-"));
    try {
      listener = new ServerSocket();
      listener.bind(new InetSocketAddress(InetAddress.getByName(host), port), 64);
    } catch (IOException e) {
      callThreads.shutdownNow();
      threads.shutdownNow();
      throw new EngineException("cannot serve the node-to-node endpoint on " + host + ":" + port
          + ": " + e, e);
    }
    endpoint = host + ":" + listener.getLocalPort();
    threads.execute(this::accept);
  }

  /**
   * Daemon threads named {@code prefix}N, marked as engine threads (a blocking engine call
   * made by a handler fails fast instead of waiting for itself).
   */
  private static ThreadFactory engineThreads(String prefix) {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(() -> {
        EngineThreads.mark();
        r.run();
      }, prefix + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
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
    byte[] body = Wire.encode(message);
    CompletableFuture<Link> link;
    Link open = links.get(to);
    if (closed) {
      return CompletableFuture.failedFuture(closedError());
    } else if (open != null && open.alive()) {
      link = CompletableFuture.completedFuture(open);
    } else {
      try {
        link = CompletableFuture.supplyAsync(() -> link(to), threads);
      } catch (RejectedExecutionException e) {
        return CompletableFuture.failedFuture(closedError());
      }
    }
    return link.thenCompose(l -> l.request(RpcFrame.CALL, path, body, timeout))
        .thenApply(answer -> (Answer) Wire.decode(answer));
  }

  /**
   * Queues {@code item} for {@code path} on {@code to}; items reach the handler there in the
   * order pushed, in batches. {@code onFailure} is told when a batch could not be delivered.
   */
  void push(String to, String path, Object item, Consumer<String> onFailure) {
    outboxes.computeIfAbsent(to + "/" + path, k -> new Outbox(to, path, onFailure)).add(item);
  }

  private EngineException closedError() {
    return new EngineException("the node-to-node endpoint " + endpoint + " is closed");
  }

  /** The open connection to {@code to}, connecting first when there is none. */
  private Link link(String to) {
    Object lock = connecting.computeIfAbsent(to, k -> new Object());
    synchronized (lock) {
      Link l = links.get(to);
      if (l != null && l.alive()) {
        return l;
      }
      if (closed) {
        throw closedError();
      }
      int colon = to.lastIndexOf(':');
      Socket s = new Socket();
      try {
        s.setTcpNoDelay(true);
        s.connect(new InetSocketAddress(to.substring(0, colon), Integer.parseInt(to.substring(colon + 1))),
            (int) CONNECT_TIMEOUT.toMillis());
        l = new Link(to, s);
      } catch (IOException | RuntimeException e) {
        closeQuietly(s);
        throw new EngineException("cannot reach the node-to-node endpoint " + to + ": " + e, e);
      }
      try {
        threads.execute(l::readAnswers);
      } catch (RejectedExecutionException e) {
        closeQuietly(s);
        throw closedError();
      }
      links.put(to, l);
      return l;
    }
  }

  private void accept() {
    try {
      while (!closed) {
        Socket s;
        try {
          s = listener.accept();
        } catch (IOException e) {
          if (!closed) {
            LOG.log(System.Logger.Level.WARNING, "node-to-node endpoint " + endpoint + " stopped accepting", e);
          }
          return;
        }
        inbound.add(s);
        try {
          threads.execute(() -> serve(s));
        } catch (RejectedExecutionException e) {
          closeQuietly(s);
        }
      }
    } finally {
      acceptStopped.countDown();
    }
  }

  /**
   * Reads one peer's requests: pushes are handled here, in order, and answered when handled;
   * calls run on {@link #callThreads} and are answered when done.
   */
  private void serve(Socket s) {
    try (s) {
      s.setTcpNoDelay(true);
      DataInputStream in = new DataInputStream(new BufferedInputStream(s.getInputStream(), 64 * 1024));
      DataOutputStream out = new DataOutputStream(new BufferedOutputStream(s.getOutputStream(), 64 * 1024));
      RpcFrame.readHello(in);
      while (!closed) {
        RpcFrame f = RpcFrame.read(in);
        if (f.kind() == RpcFrame.PUSH) {
          answer(out, f.id(), handlePush(f) ? PUSH_TAKEN : PUSH_FAILED);
        } else if (f.kind() == RpcFrame.CALL) {
          callThreads.execute(() -> {
            try {
              answer(out, f.id(), encode(handleCall(f)));
            } catch (IOException e) {
              closeQuietly(s); // the reader sees it and ends
            }
          });
        } else {
          throw new IOException("unexpected frame kind " + f.kind());
        }
      }
    } catch (EOFException | SocketException e) {
      // The peer went away or this endpoint closed.
    } catch (IOException | RuntimeException e) {
      if (!closed) {
        LOG.log(System.Logger.Level.WARNING, "a node-to-node connection from " + s.getRemoteSocketAddress()
            + " to " + endpoint + " was closed: " + e.getMessage());
      }
    } finally {
      inbound.remove(s);
    }
  }

  /** Hands a push's items to its handler; false (the sender is told) when that failed. */
  private boolean handlePush(RpcFrame f) {
    try {
      @SuppressWarnings("unchecked")
      List<Object> items = (List<Object>) Wire.decode(f.body());
      Consumer<List<Object>> h = pushHandlers.get(f.path());
      if (h != null) {
        h.accept(items);
      }
      return true;
    } catch (RuntimeException e) {
      LOG.log(System.Logger.Level.WARNING, "a node-to-node push to " + f.path() + " failed", e);
      return false;
    }
  }

  private Answer handleCall(RpcFrame f) {
    try {
      Function<Object, Object> h = callHandlers.get(f.path());
      if (h == null) {
        throw new EngineException("no handler for " + f.path());
      }
      Object result = h.apply(Wire.decode(f.body()));
      return result instanceof NotOwner no ? new Answer(false, no) : new Answer(true, result);
    } catch (RuntimeException | Error e) {
      return new Answer(false, new Wire.RemoteError(e.getClass().getName(), e.getMessage()));
    }
  }

  /**
   * The answer's bytes; an answer that cannot be sent (a value the codec refuses, or over
   * the frame limit) becomes an error answer, so the caller hears why instead of waiting
   * for its timeout.
   */
  private static byte[] encode(Answer a) {
    try {
      byte[] bytes = Wire.encode(a);
      if (bytes.length > RpcFrame.MAX_LENGTH - 1024) {
        throw new EngineException("the answer is " + bytes.length + " bytes, over the node-to-node limit of "
            + RpcFrame.MAX_LENGTH);
      }
      return bytes;
    } catch (RuntimeException e) {
      return Wire.encode(new Answer(false, new Wire.RemoteError(e.getClass().getName(), e.getMessage())));
    }
  }

  private static void answer(DataOutputStream out, long id, byte[] body) throws IOException {
    synchronized (out) {
      RpcFrame.write(out, RpcFrame.ANSWER, id, "", body);
      out.flush();
    }
  }

  @Override
  public void close() {
    closed = true;
    closeQuietly(listener);
    // A thread blocked in accept() keeps the listening socket alive until it wakes; the
    // port is free (for this endpoint to come back on it) only once that thread is out.
    try {
      if (!acceptStopped.await(5, TimeUnit.SECONDS)) {
        LOG.log(System.Logger.Level.WARNING, "node-to-node endpoint " + endpoint + ": accept thread still running after close");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    for (Link l : links.values()) {
      l.fail(closedError());
    }
    for (Socket s : inbound) {
      closeQuietly(s);
    }
    callThreads.shutdownNow();
    threads.shutdownNow();
  }

  private static void closeQuietly(AutoCloseable c) {
    try {
      c.close();
    } catch (Exception ignored) {
      // Closing: nothing to do about it.
    }
  }

  /**
   * One connection to another instance: requests are written by their senders, answers read
   * by one reader thread and matched by id. When it breaks, every request waiting on it
   * fails, and the next request opens a new one.
   */
  private final class Link {
    private final String to;
    private final Socket socket;
    private final DataOutputStream out;
    private final Map<Long, CompletableFuture<byte[]>> waiting = new ConcurrentHashMap<>();
    private volatile boolean broken;

    Link(String to, Socket socket) throws IOException {
      this.to = to;
      this.socket = socket;
      this.out = new DataOutputStream(new BufferedOutputStream(socket.getOutputStream(), 64 * 1024));
      RpcFrame.writeHello(out); // flushed with the first request
    }

    boolean alive() {
      return !broken;
    }

    CompletableFuture<byte[]> request(byte kind, String path, byte[] body, Duration timeout) {
      long id = ids.incrementAndGet();
      CompletableFuture<byte[]> answer = new CompletableFuture<>();
      waiting.put(id, answer);
      try {
        synchronized (out) {
          if (broken) {
            throw new IOException("connection lost");
          }
          RpcFrame.write(out, kind, id, path, body);
          out.flush();
        }
      } catch (IOException e) {
        fail(new EngineException("cannot send to the node-to-node endpoint " + to + ": " + e, e));
      } catch (IllegalArgumentException e) {
        // Over the frame limit: nothing was written, the connection is fine.
        waiting.remove(id);
        answer.completeExceptionally(new EngineException(e.getMessage(), e));
      }
      return answer.orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
          .whenComplete((a, e) -> waiting.remove(id));
    }

    void readAnswers() {
      try {
        DataInputStream in = new DataInputStream(new BufferedInputStream(socket.getInputStream(), 64 * 1024));
        while (true) {
          RpcFrame f = RpcFrame.read(in);
          CompletableFuture<byte[]> w = waiting.remove(f.id());
          if (w != null) {
            w.complete(f.body());
          }
        }
      } catch (IOException | RuntimeException e) {
        fail(new EngineException("connection to the node-to-node endpoint " + to + " lost: " + e, e));
      }
    }

    /** Marks this connection broken, closes it and fails every request waiting on it. */
    void fail(EngineException why) {
      broken = true;
      links.remove(to, this);
      closeQuietly(socket);
      for (Long id : List.copyOf(waiting.keySet())) {
        CompletableFuture<byte[]> w = waiting.remove(id);
        if (w != null) {
          w.completeExceptionally(why);
        }
      }
    }
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
      if (closed) {
        return; // nothing more leaves this instance (its callers are going away too)
      }
      queued.add(item);
      if (!sending) {
        sending = true;
        try {
          threads.execute(this::drain);
        } catch (RejectedExecutionException e) {
          sending = false;
          queued.clear();
        }
      }
    }

    private void drain() {
      while (true) {
        List<Object> batch;
        synchronized (this) {
          if (queued.isEmpty() || closed) {
            queued.clear();
            sending = false;
            return;
          }
          batch = queued;
          queued = new ArrayList<>();
        }
        String failure = deliver(batch);
        if (failure != null) {
          LOG.log(System.Logger.Level.DEBUG, () -> "push to " + to + "/" + path + " failed: " + failure);
          onFailure.accept(to);
        }
      }
    }

    /** Sends one batch and waits until the handler there has taken it; null, or why not. */
    private String deliver(List<Object> batch) {
      Link l = null;
      try {
        l = link(to);
        byte[] answer = l.request(RpcFrame.PUSH, path, Wire.encode(batch), PUSH_TIMEOUT).get();
        return Arrays.equals(answer, PUSH_TAKEN) ? null : "the handler there failed";
      } catch (ExecutionException e) {
        if (e.getCause() instanceof TimeoutException) {
          // A peer that takes a batch but never answers is stuck: start over on a new connection.
          l.fail(new EngineException("no answer from " + to + " within " + PUSH_TIMEOUT));
        }
        return String.valueOf(e.getCause());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return e.toString();
      } catch (RuntimeException e) {
        return e.toString();
      }
    }
  }
}
