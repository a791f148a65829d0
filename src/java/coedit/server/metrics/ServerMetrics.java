package coedit.server.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.concurrent.TimeUnit;

/**
 * The server's meters, by Prometheus convention once exported (docs/operations.md lists
 * them): HTTP requests by route, method and status; live joins and closes by code;
 * submissions by outcome and code, their ack latency and how many history entries each
 * crossed; the time to offer an accepted entry to a room's connections. Labels have
 * bounded values only (routes, codes): documents are never a label (see
 * {@link HotDocuments} for the busiest ones).
 */
public final class ServerMetrics {
  private final MeterRegistry registry;
  private final Timer ack;
  private final DistributionSummary depth;
  private final Timer fanOut;
  private final DistributionSummary recipients;
  private final Counter joins;
  private final Counter accepted;

  public ServerMetrics(MeterRegistry registry) {
    this.registry = registry;
    this.ack = Timer.builder("coedit.submission.ack").description("from a submission's arrival to its answer")
        .publishPercentileHistogram().register(registry);
    this.depth = DistributionSummary.builder("coedit.submission.transform.depth")
        .description("history entries an accepted submission was transformed over (0: made on the current version)")
        .publishPercentileHistogram().register(registry);
    this.fanOut = Timer.builder("coedit.live.fanout").description("offering one accepted entry to a room's connections")
        .publishPercentileHistogram().register(registry);
    this.recipients = DistributionSummary.builder("coedit.live.fanout.connections")
        .description("connections an accepted entry was offered to").register(registry);
    this.joins = Counter.builder("coedit.live.joins").description("documents joined by live connections").register(registry);
    // The hot path's counter is looked up once; refusals are rarer and keyed by code.
    this.accepted = registry.counter("coedit.submissions", "outcome", "accepted", "code", "none");
  }

  /** Meters nobody reads (tests, embedded uses without a registry). */
  public static ServerMetrics none() {
    return new ServerMetrics(new SimpleMeterRegistry());
  }

  public MeterRegistry registry() {
    return registry;
  }

  /** A submission was accepted after {@code nanos}, transformed over {@code crossed} entries. */
  public void accepted(long nanos, long crossed) {
    ack.record(nanos, TimeUnit.NANOSECONDS);
    depth.record(crossed);
    accepted.increment();
  }

  /** A submission was refused with protocol error {@code code} after {@code nanos}. */
  public void refused(long nanos, String code) {
    ack.record(nanos, TimeUnit.NANOSECONDS);
    registry.counter("coedit.submissions", "outcome", "rejected", "code", code).increment();
  }

  /** An HTTP request to {@code route} (a route template, never a path with ids) answered {@code status}. */
  public void http(String route, String method, int status, long nanos) {
    registry.timer("coedit.http.requests", "route", route, "method", method, "status", Integer.toString(status))
        .record(nanos, TimeUnit.NANOSECONDS);
  }

  public void joined() {
    joins.increment();
  }

  /** The server closed, or saw closed, a live connection with WebSocket close code {@code code}. */
  public void closed(int code) {
    registry.counter("coedit.live.closes", "code", Integer.toString(code)).increment();
  }

  /** An entry was offered to {@code connections} connections in {@code nanos}. */
  public void fannedOut(int connections, long nanos) {
    fanOut.record(nanos, TimeUnit.NANOSECONDS);
    recipients.record(connections);
  }
}
