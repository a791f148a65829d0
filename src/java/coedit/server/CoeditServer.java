package coedit.server;

import coedit.editor.DocumentService;
import coedit.engine.Health;
import coedit.protocol.Messages;
import coedit.protocol.ProtocolException;
import coedit.server.core.Peers;
import coedit.server.core.ServerConfig;
import coedit.server.core.SubmitGate;
import coedit.server.http.HttpApi;
import coedit.server.http.HttpErrors;
import coedit.server.live.LiveEndpoint;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.http.staticfiles.Location;
import java.io.IOException;
import java.net.URI;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The coedit server: the HTTP API, the live WebSocket protocol (docs/protocol.md) and the
 * browser client's static files from the classpath's {@code /public}, all over one
 * {@link DocumentService}. The server holds no document state of its own: it may be
 * stopped and started again over the same service (or the same data directory) at will.
 *
 * <p>Guarantees: bad input is a 4xx with {@code {"error", "code"}}, never a 500; an
 * unexpected failure is a 500 with a generic message and a logged stack trace.
 * {@link #close()} stops accepting submissions, waits for those in flight, closes live
 * connections with 1012 (reconnect at once, elsewhere), then stops Jetty; it does not close
 * the service or the peers.
 *
 * <p>In a cluster (docs/cluster.md) several servers run over one replicated editor, each
 * with its {@link Peers}: presence crosses nodes through them, and {@code GET /api/nodes}
 * lists the nodes that are up, for clients to fail over to.
 */
public final class CoeditServer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(CoeditServer.class);

  private final Javalin app;
  private final SubmitGate gate;
  private final LiveEndpoint live;
  private final ServerConfig config;
  private final DocumentService service;
  private final Peers peers;
  private volatile boolean stopping;

  private CoeditServer(DocumentService service, ServerConfig config, Peers peers) {
    this.config = config;
    this.service = service;
    this.peers = peers;
    this.gate = new SubmitGate(service);
    this.live = new LiveEndpoint(service, gate, config, peers);
    HttpApi api = new HttpApi(service, gate, config);
    boolean hasPublic = CoeditServer.class.getResource("/public") != null;
    this.app = Javalin.create(cfg -> {
      cfg.startup.showJavalinBanner = false;
      cfg.jetty.host = config.host();
      cfg.jetty.port = config.port();
      cfg.http.maxRequestSize = config.maxBodyBytes();
      cfg.http.prefer405over404 = true;
      if (hasPublic) cfg.staticFiles.add("/public", Location.CLASSPATH);
      cfg.routes.get("/healthz", ctx -> ctx.contentType("application/json").result("{\"status\":\"alive\"}"));
      cfg.routes.get("/readyz", this::readiness);
      cfg.routes.get("/api/nodes", this::nodes);
      cfg.routes.get("/api/docs/{id}", api::getDocument);
      cfg.routes.get("/api/docs/{id}/history", api::getHistory);
      cfg.routes.post("/api/docs/{id}/edits", api::postEdits);
      cfg.routes.ws(Messages.LIVE_PATH, live::configure);
      cfg.routes.exception(ProtocolException.class, (e, ctx) -> HttpErrors.write(ctx, e));
      cfg.routes.exception(HttpResponseException.class, (e, ctx) -> HttpErrors.write(ctx, fromJavalin(e)));
      cfg.routes.exception(Exception.class, (e, ctx) -> {
        if (isPeerGone(e)) {
          // The client went away mid-request (e.g. closed during the WebSocket upgrade):
          // nothing of ours failed and there is nobody left to answer.
          log.debug("{} {}: peer closed the connection", ctx.method(), ctx.path());
          return;
        }
        log.error("{} {} failed", ctx.method(), ctx.path(), e);
        ctx.status(500).contentType("application/json").result("{\"error\":\"internal server error\",\"code\":\"internal\"}");
      });
    });
  }

  /**
   * {@code /readyz}: 200 while the editor runs and the server takes submissions; 503 with
   * the reason while it starts, after the engine failed, and from the start of shutdown.
   * ({@code /healthz} answers 200 as long as the process serves HTTP at all.)
   */
  private void readiness(Context ctx) throws IOException {
    Health health = service.health();
    String reason = stopping ? "shutting down" : health.isRunning() ? null : health.detail();
    ctx.status(reason == null ? 200 : 503).contentType("application/json").result(HttpErrors.json(g -> {
      g.writeStringField("status", reason == null ? "ready" : stopping ? "stopping" : health.state().name().toLowerCase());
      if (reason != null) g.writeStringField("reason", reason);
    }));
  }

  /**
   * {@code /api/nodes}: {@code {"node": ID, "nodes": [URL, ...]}}, the public URLs of the
   * cluster's nodes that are up, this one first (a lone server lists itself). Any origin may
   * read it: a page served by one node fails over to the others with it.
   */
  private void nodes(Context ctx) throws IOException {
    List<URI> nodes = peers.nodes().isEmpty() ? List.of(uri()) : peers.nodes();
    ctx.header("Access-Control-Allow-Origin", "*").header("Cache-Control", "no-store");
    ctx.contentType("application/json").result(HttpErrors.json(g -> {
      g.writeStringField("node", peers.nodeId());
      g.writeArrayFieldStart("nodes");
      for (URI u : nodes) g.writeString(u.toString());
      g.writeEndArray();
    }));
  }

  private static boolean isPeerGone(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof org.eclipse.jetty.io.EofException) return true;
    }
    return false;
  }

  /** Starts a server on {@code config}'s host and port (0: any free port), on its own. */
  public static CoeditServer start(DocumentService service, ServerConfig config) {
    return start(service, config, Peers.alone("coedit", null));
  }

  /**
   * Starts a node of a cluster: {@code service} is this node's view of the replicated editor
   * (every node's sees the same documents), {@code peers} its link to the other nodes.
   */
  public static CoeditServer start(DocumentService service, ServerConfig config, Peers peers) {
    CoeditServer s = new CoeditServer(service, config, peers);
    s.app.start();
    log.info("coedit listening on {}", s.uri());
    return s;
  }

  /** The port actually bound. */
  public int port() {
    return app.port();
  }

  /** {@code http://host:port} as clients should use it. */
  public URI uri() {
    String host = config.host().equals("0.0.0.0") ? "localhost" : config.host();
    return URI.create("http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port());
  }

  /** Open live connections (for tests and logs). */
  public int liveConnections() {
    return live.connectionCount();
  }

  /** Graceful stop; see the class comment. Idempotent. */
  @Override
  public synchronized void close() {
    stopping = true;
    gate.close();
    live.stopAccepting();
    try {
      if (!gate.awaitIdle(10_000)) log.warn("stopping with submissions still in flight");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    live.close();
    app.stop();
  }

  private static ProtocolException fromJavalin(HttpResponseException e) {
    String code = switch (e.getStatus()) {
      case 404 -> Messages.NOT_FOUND;
      case 405 -> Messages.METHOD_NOT_ALLOWED;
      case 413 -> Messages.TOO_LARGE;
      default -> Messages.BAD_MESSAGE;
    };
    String msg = e.getStatus() == 413 ? "request body is over the limit" : e.getMessage();
    return new ProtocolException(code, msg == null || msg.isBlank() ? "request refused" : msg);
  }
}
