package coedit.server;

import coedit.editor.DocumentService;
import coedit.engine.Health;
import coedit.protocol.Messages;
import coedit.protocol.ProtocolException;
import coedit.server.auth.Access;
import coedit.server.core.Peers;
import coedit.server.core.ServerConfig;
import coedit.server.core.SubmitGate;
import coedit.server.http.BrowserGuard;
import coedit.server.http.HttpApi;
import coedit.server.http.HttpErrors;
import coedit.server.http.OriginPolicy;
import coedit.server.limits.Throttles;
import coedit.server.live.LiveEndpoint;
import coedit.server.metrics.HotDocuments;
import coedit.server.metrics.ServerMetrics;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.http.staticfiles.Location;
import java.io.IOException;
import jakarta.servlet.DispatcherType;
import java.net.URI;
import java.util.EnumSet;
import java.util.List;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.server.handler.StatisticsHandler;
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
 *
 * <p>Security (README, "Security"): with a token verifier every request needs a bearer
 * token and a document permission ({@link Access}); without one the server runs open, which
 * it allows only on a loopback address unless told {@code insecureOpen}, and says so when it
 * starts. Every request passes the {@link BrowserGuard} (origins, {@code Host}, CORS,
 * content type, security headers, no HTTP sessions) and the limits ({@link Throttles}).
 */
public final class CoeditServer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(CoeditServer.class);
  /** How long a stop waits for HTTP requests in flight to be answered. */
  private static final long HTTP_DRAIN_MILLIS = 5_000;

  private final Javalin app;
  private final SubmitGate gate;
  private final LiveEndpoint live;
  private final ServerConfig config;
  private final DocumentService service;
  private final Peers peers;
  private volatile boolean stopping;
  private final Throttles throttles;
  private final ServerMetrics metrics;
  private final HotDocuments hot = new HotDocuments();
  private final Access access;
  private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "coedit-metrics");
    t.setDaemon(true);
    return t;
  });

  private CoeditServer(DocumentService service, ServerConfig config, MeterRegistry registry, Peers peers) {
    this.config = config;
    this.service = service;
    this.peers = peers;
    this.metrics = new ServerMetrics(registry);
    this.gate = new SubmitGate(service, metrics, hot);
    this.access = new Access(config.verifier());
    this.throttles = new Throttles(config.limits(), config.maxBodyBytes());
    this.live = new LiveEndpoint(service, gate, config, access, throttles, metrics, peers);
    bindProcessMetrics(registry);
    Gauge.builder("coedit.live.connections", live, LiveEndpoint::connectionCount)
        .description("open live WebSocket connections").register(registry);
    ticker.scheduleAtFixedRate(hot::tick, 1, 1, TimeUnit.SECONDS);
    HttpApi api = new HttpApi(service, gate, config, access, throttles);
    BrowserGuard guard = new BrowserGuard(new OriginPolicy(config.allowedOrigins(), config.host(), peers::nodes),
        throttles.log());
    boolean hasPublic = CoeditServer.class.getResource("/public") != null;
    this.app = Javalin.create(cfg -> {
      cfg.startup.showJavalinBanner = false;
      cfg.jetty.host = config.host();
      cfg.jetty.port = config.port();
      cfg.http.maxRequestSize = config.maxBodyBytes();
      cfg.http.prefer405over404 = true;
      cfg.jetty.modifyServletContextHandler(h ->
          h.addFilter(new FilterHolder(guard), "/*", EnumSet.of(DispatcherType.REQUEST)));
      if (hasPublic) cfg.staticFiles.add("/public", Location.CLASSPATH);
      cfg.routes.get("/healthz", ctx -> ctx.contentType("application/json").result("{\"status\":\"alive\"}"));
      cfg.routes.get("/readyz", this::readiness);
      cfg.routes.get("/api/nodes", this::nodes);
      cfg.routes.get("/metrics", this::scrape);
      cfg.routes.get("/api/admin/hot", this::hotDocuments);
      cfg.requestLogger.http((ctx, ms) -> {
        var endpoint = ctx.endpoints().lastHttpEndpoint();
        metrics.http(endpoint == null ? "unmatched" : endpoint.path, ctx.method().name(), ctx.statusCode(),
            (long) (ms * 1_000_000));
      });
      cfg.routes.get("/api/docs/{id}", api::getDocument);
      cfg.routes.get("/api/docs/{id}/history", api::getHistory);
      cfg.routes.post("/api/docs/{id}/edits", api::postEdits);
      cfg.routes.wsBeforeUpgrade(Messages.LIVE_PATH, live::beforeUpgrade);
      cfg.routes.ws(Messages.LIVE_PATH, live::configure);
      cfg.routes.exception(ProtocolException.class, (e, ctx) -> {
        throttles.log().info(log, e.code(), "{} {} from {}: {} {}", ctx.method(), ctx.path(), ctx.ip(), e.httpStatus(),
            e.getMessage());
        HttpErrors.write(ctx, e);
      });
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

  /** JVM and process meters (memory, GC, threads, classes, CPU, file descriptors, uptime). */
  private static void bindProcessMetrics(MeterRegistry registry) {
    new ClassLoaderMetrics().bindTo(registry);
    new JvmMemoryMetrics().bindTo(registry);
    new JvmGcMetrics().bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    new FileDescriptorMetrics().bindTo(registry);
    new UptimeMetrics().bindTo(registry);
  }

  /**
   * {@code /metrics} in the Prometheus text format. Open mode: to anyone (the server only
   * listens on loopback then). Authenticated mode: to a token that may read every document
   * (a monitoring token: {@code bin/coedit token ... --doc '*=read'}).
   */
  private void scrape(Context ctx) {
    requireEverything(ctx);
    if (!(metrics.registry() instanceof PrometheusMeterRegistry prometheus)) {
      throw new ProtocolException(Messages.NOT_FOUND, "this server's meters are not exported in the Prometheus format");
    }
    ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(prometheus.scrape());
  }

  /**
   * {@code /api/admin/hot?n=N}: the N (default 10, at most 100) busiest documents the caller
   * may read, by submissions per second over about ten seconds, with their live
   * participants on this server.
   */
  private void hotDocuments(Context ctx) throws IOException {
    var principal = access.fromHeader(ctx.header("Authorization"));
    String n = ctx.queryParam("n");
    int count = n == null ? 10 : n.matches("\\d{1,3}") ? Math.min(100, Integer.parseInt(n)) : -1;
    if (count < 1) throw new ProtocolException(Messages.BAD_MESSAGE, "query parameter 'n' must be 1 to 100");
    var top = hot.top(count, principal::canRead);
    ctx.contentType("application/json").result(HttpErrors.json(g -> {
      g.writeArrayFieldStart("documents");
      for (HotDocuments.Hot h : top) {
        g.writeStartObject();
        g.writeStringField("docId", h.docId());
        g.writeNumberField("submissionsPerSecond", Math.round(h.submissionsPerSecond() * 100) / 100.0);
        g.writeNumberField("participants", live.participants(h.docId()));
        g.writeEndObject();
      }
      g.writeEndArray();
    }));
  }

  private void requireEverything(Context ctx) {
    var principal = access.fromHeader(ctx.header("Authorization"));
    if (!principal.canRead("*")) {
      throw new ProtocolException(Messages.FORBIDDEN, "the metrics need a token that may read every document");
    }
  }

  private static boolean isPeerGone(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof org.eclipse.jetty.io.EofException) return true;
    }
    return false;
  }

  /**
   * Starts a server on {@code config}'s host and port (0: any free port). Without a token
   * verifier on a non-loopback address it refuses to start (IllegalStateException) unless
   * {@code config.insecureOpen()}.
   */
  public static CoeditServer start(DocumentService service, ServerConfig config) {
    return start(service, config, new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
  }

  /**
   * As {@link #start(DocumentService, ServerConfig)}, recording the server's meters in
   * {@code registry} (a Prometheus registry is also exported at {@code /metrics}).
   */
  public static CoeditServer start(DocumentService service, ServerConfig config, MeterRegistry registry) {
    return start(service, config, registry, Peers.alone("coedit", null));
  }

  /**
   * Starts a node of a cluster: {@code service} is this node's view of the replicated editor
   * (every node's sees the same documents), {@code peers} its link to the other nodes.
   */
  public static CoeditServer start(DocumentService service, ServerConfig config, Peers peers) {
    return start(service, config, new PrometheusMeterRegistry(PrometheusConfig.DEFAULT), peers);
  }

  /** As {@link #start(DocumentService, ServerConfig, Peers)}, recording the server's meters in {@code registry}. */
  public static CoeditServer start(DocumentService service, ServerConfig config, MeterRegistry registry, Peers peers) {
    boolean loopback = OriginPolicy.isLoopback(config.host());
    if (config.verifier() == null && !loopback && !config.insecureOpen()) {
      throw new IllegalStateException("refusing to serve " + config.host() + " without authentication: anyone who can "
          + "reach it could read and edit every document. Configure --auth-secret-file, --auth-public-key or "
          + "--auth-jwks-url, bind to a loopback address, or pass --insecure-open.");
    }
    CoeditServer s = new CoeditServer(service, config, registry, peers);
    s.app.start();
    String mode = config.verifier() != null ? "authenticated mode (bearer tokens required)"
        : loopback ? "OPEN development mode: no authentication, loopback only"
        : "INSECURE OPEN mode: no authentication on " + config.host();
    if (config.verifier() == null && !loopback) log.warn("coedit listening on {} in {}", s.uri(), mode);
    else log.info("coedit listening on {} in {}", s.uri(), mode);
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

  /** Where the server records its meters: bind the engine's to it too ({@code cluster.bindTo}). */
  public MeterRegistry meterRegistry() {
    return metrics.registry();
  }

  /** Open live connections (for tests and logs). */
  public int liveConnections() {
    return live.connectionCount();
  }

  /** HTTP sessions Jetty has created since the start: always 0 (coedit keeps none; see NoSessions). */
  public int httpSessionsCreated() {
    int n = 0;
    for (var m : app.jettyServer().server().getDescendants(org.eclipse.jetty.ee10.servlet.SessionHandler.class)) {
      n += m.getSessionsCreated();
    }
    return n;
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
    awaitRequestsAnswered(HTTP_DRAIN_MILLIS);
    app.stop();
    ticker.shutdown();
  }

  /**
   * Waits until no HTTP request is being answered, at most {@code millis}: stopping Jetty
   * closes connections at once, so a request still writing its answer (a read, or the 503
   * of a submission that failed as the engine went down and the process exits) would leave
   * its client a dropped connection. Jetty's own graceful stop is no substitute: it also
   * waits out idle keep-alive connections, and cuts requests that do no I/O for its idle
   * timeout.
   */
  private void awaitRequestsAnswered(long millis) {
    StatisticsHandler stats = app.jettyServer().server().getDescendant(StatisticsHandler.class);
    if (stats == null) return;
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
    try {
      while (stats.getRequestsActive() > 0) {
        if (System.nanoTime() - deadline > 0) {
          log.warn("stopping with {} HTTP requests still being answered", stats.getRequestsActive());
          return;
        }
        Thread.sleep(5);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
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
