package coedit.server.live;

import coedit.editor.DocumentService;
import coedit.server.core.PeerPresence;
import coedit.server.core.Peers;
import coedit.server.core.ServerConfig;
import coedit.protocol.Messages;
import coedit.protocol.ProtocolException;
import coedit.server.auth.Access;
import coedit.server.core.SubmitGate;
import coedit.server.limits.Throttles;
import coedit.server.metrics.ServerMetrics;
import io.javalin.http.Context;
import io.javalin.websocket.WsConfig;
import io.javalin.websocket.WsContext;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;

/**
 * The WebSocket endpoint ({@code /api/live}): binds Jetty sessions to {@link Connection}s,
 * runs the heartbeat timer, and closes everything on shutdown. Owns the live protocol's
 * threads: frame writers, catch-up pagers and one timer. Counts connections per remote
 * address and in total: over a limit, the upgrade is refused with 429 (or, if the count
 * was passed meanwhile, the new connection is closed with 4429).
 */
public final class LiveEndpoint implements AutoCloseable {
  private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(LiveEndpoint.class);
  private final LiveContext ctx;
  private final Map<String, Connection> connections = new ConcurrentHashMap<>();
  private volatile boolean closing;

  public LiveEndpoint(DocumentService service, SubmitGate gate, ServerConfig config, Access access, Throttles throttles,
      ServerMetrics metrics, Peers peers) {
    ScheduledExecutorService send = Executors.newScheduledThreadPool(
        Math.max(2, Runtime.getRuntime().availableProcessors()), threads("coedit-send"));
    ExecutorService catchUp = Executors.newCachedThreadPool(threads("coedit-catchup"));
    ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(threads("coedit-timer"));
    LiveContext[] holder = new LiveContext[1];
    Rooms rooms = new Rooms(docId -> new DocRoom(docId, holder[0]));
    ctx = new LiveContext(service, gate, config, rooms, send, catchUp, timer, access, throttles, metrics, peers);
    holder[0] = ctx;
    peers.subscribe(this::fromPeer);
    long tick = Math.max(5, Math.min(config.heartbeatMillis(), config.timeoutMillis() / 4));
    timer.scheduleAtFixedRate(this::heartbeats, tick, tick, TimeUnit.MILLISECONDS);
  }

  /** Presence news from another node: to the document's room here, if there is one. */
  private void fromPeer(PeerPresence m) {
    switch (m.kind()) {
      case NODE_GONE -> ctx.rooms().all().forEach(r -> r.heard(m));
      case HELLO -> {
        DocRoom r = ctx.rooms().get(m.docId());
        if (r != null) r.republish();
      }
      default -> {
        DocRoom r = ctx.rooms().get(m.docId());
        if (r != null) r.heard(m);
      }
    }
  }

  /** Live participants of {@code docId} on this server (0 when nobody has it open). */
  public int participants(String docId) {
    return ctx.rooms().participants(docId);
  }

  /** Javalin WebSocket handlers for the live path. */
  public void configure(WsConfig ws) {
    ws.onConnect(c -> {
      Session s = c.session;
      if (closing) {
        s.close(Closes.RESTART.code, Closes.RESTART.reason, Callback.NOOP);
        return;
      }
      s.setIdleTimeout(Duration.ofMillis(ctx.config().timeoutMillis() * 2));
      s.setMaxTextMessageSize(ctx.config().maxBodyBytes() * 2 + 1024);
      s.setMaxBinaryMessageSize(64 * 1024);
      String address = address(s.getRemoteSocketAddress());
      String over = ctx.throttles().connections().open(address);
      if (over != null) {
        ctx.throttles().log().warn(log, "close_" + Closes.RATE_LIMITED.code, "closing a new connection from {}: {}", address, over);
        s.close(Closes.RATE_LIMITED.code, Closes.RATE_LIMITED.reason, Callback.NOOP);
        return;
      }
      Connection conn = new Connection(ctx, peer(s), address);
      if (connections.putIfAbsent(c.sessionId(), conn) != null) ctx.throttles().connections().close(address);
    });
    ws.onMessage(c -> with(c, conn -> conn.onText(c.message())));
    ws.onBinaryMessage(c -> with(c, Connection::onBinary));
    ws.onClose(c -> closed(c));
    ws.onError(c -> closed(c));
  }

  /**
   * Before a WebSocket upgrade: refuses ({@code rate_limited}, 429 with {@code Retry-After})
   * when the caller's address or the server holds its maximum of connections.
   */
  public void beforeUpgrade(Context c) {
    String over = ctx.throttles().connections().wouldRefuse(c.ip());
    if (over != null) throw new ProtocolException(Messages.RATE_LIMITED, over, 5000);
  }

  /** Number of open live connections. */
  public int connectionCount() {
    return connections.size();
  }

  /** Turns new connections away (1012: try another node) from now on. */
  public void stopAccepting() {
    closing = true;
  }

  /**
   * Closes every connection with 1012 (each after what is queued for it has been written:
   * acks of the submissions that finished go out first) and stops the live threads.
   */
  @Override
  public void close() {
    closing = true;
    for (Connection c : List.copyOf(connections.values())) c.close(Closes.RESTART);
    ctx.rooms().closeAll();
    ctx.catchUp().shutdownNow();
    ctx.timer().shutdown();
    ctx.send().shutdown();
    try {
      ctx.send().awaitTermination(2, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void heartbeats() {
    long now = System.currentTimeMillis();
    for (Connection c : connections.values()) c.heartbeat(now);
  }

  private void with(WsContext c, Consumer<Connection> action) {
    Connection conn = connections.get(c.sessionId());
    if (conn != null) action.accept(conn);
  }

  private void closed(WsContext c) {
    Connection conn = connections.remove(c.sessionId());
    if (conn != null) {
      // Every connection's end is counted once, with its code, whichever side closed.
      ctx.metrics().closed(c instanceof io.javalin.websocket.WsCloseContext close ? close.status() : 1006);
      ctx.throttles().connections().close(conn.address());
      conn.onClosed();
    }
  }

  /** The remote IP address, as Javalin's {@code ctx.ip()} gives it for the upgrade. */
  static String address(SocketAddress a) {
    return a instanceof InetSocketAddress i && i.getAddress() != null ? i.getAddress().getHostAddress() : String.valueOf(a);
  }

  private static Connection.Peer peer(Session s) {
    return new Connection.Peer() {
      @Override
      public void send(String frame, Runnable done, Consumer<Throwable> failed) {
        s.sendText(frame, Callback.from(done, failed));
      }

      @Override
      public void close(int code, String reason) {
        s.close(code, reason, Callback.NOOP);
      }

      @Override
      public void disconnect() {
        s.disconnect(); // harmless when already closed; frees a peer that never read our close
      }
    };
  }

  private static ThreadFactory threads(String name) {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, name + "-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }
}
