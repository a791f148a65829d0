package coedit.server.core;

import coedit.editor.DocumentService;
import coedit.editor.data.EditSubmission;
import coedit.editor.data.RejectCode;
import coedit.editor.data.SubmitResult;
import coedit.protocol.Messages;
import coedit.protocol.ProtocolException;
import coedit.server.metrics.HotDocuments;
import coedit.server.metrics.ServerMetrics;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The one way submissions reach the editor module, shared by HTTP and the live protocol.
 * Guarantees: a result is either {@code Accepted} or a {@link ProtocolException} whose
 * code says why (never an unclassified failure), decided by the rejection's
 * {@link RejectCode} alone; a document's submissions reach the editor through its lane
 * ({@link DocumentLanes}), so a flooded document cannot stall its neighbours; after
 * {@link #close()} new submissions fail {@code unavailable} and {@link #awaitIdle} waits
 * for the ones already admitted.
 */
public final class SubmitGate {
  /** Submissions of one document at the editor at once. */
  static final int LANE_IN_FLIGHT = 16;
  /** Submissions of one document waiting for its lane before it is busy. */
  static final int LANE_WAITING = 4096;

  private final DocumentService service;
  private final AtomicInteger inFlight = new AtomicInteger();
  private final ExecutorService dispatcher = Executors.newSingleThreadExecutor(r -> {
    Thread t = new Thread(r, "coedit-submit-lanes");
    t.setDaemon(true);
    return t;
  });
  private final DocumentLanes lanes;
  private final ServerMetrics metrics;
  private final HotDocuments hot;
  private volatile boolean closed;

  public SubmitGate(DocumentService service) {
    this(service, ServerMetrics.none(), new HotDocuments());
  }

  /** A gate recording every outcome in {@code metrics} and every submission in {@code hot}. */
  public SubmitGate(DocumentService service, ServerMetrics metrics, HotDocuments hot) {
    this(service, LANE_IN_FLIGHT, LANE_WAITING, metrics, hot);
  }

  SubmitGate(DocumentService service, int laneInFlight, int laneWaiting) {
    this(service, laneInFlight, laneWaiting, ServerMetrics.none(), new HotDocuments());
  }

  private SubmitGate(DocumentService service, int laneInFlight, int laneWaiting, ServerMetrics metrics,
      HotDocuments hot) {
    this.service = service;
    this.lanes = new DocumentLanes(laneInFlight, laneWaiting, dispatcher);
    this.metrics = metrics;
    this.hot = hot;
  }

  /** Submits; the future fails with a {@link ProtocolException} unless the submission is accepted. */
  public CompletableFuture<SubmitResult.Accepted> submit(EditSubmission s) {
    if (closed) return CompletableFuture.failedFuture(unavailable("the server is shutting down"));
    long started = System.nanoTime();
    hot.submitted(s.docId());
    inFlight.incrementAndGet();
    CompletableFuture<SubmitResult.Accepted> answer = new CompletableFuture<>();
    boolean admitted = lanes.admit(s.docId(), () -> send(s, answer));
    if (!admitted) {
      done();
      answer.completeExceptionally(unavailable("document " + s.docId() + " is busy: " + LANE_WAITING
          + " submissions are waiting; retry later"));
    }
    return answer.whenComplete((a, failure) -> {
      long nanos = System.nanoTime() - started;
      if (failure == null) metrics.accepted(nanos, a.duplicate() ? 0 : a.version() - 1 - s.version());
      else metrics.refused(nanos, failure(failure).code());
    });
  }

  /** Hands {@code s} to the editor; its lane moves on when the editor has answered. */
  private void send(EditSubmission s, CompletableFuture<SubmitResult.Accepted> answer) {
    CompletableFuture<SubmitResult> submitted;
    try {
      submitted = service.submit(s);
    } catch (RuntimeException e) {
      submitted = CompletableFuture.failedFuture(e);
    }
    submitted.whenComplete((result, failure) -> {
      lanes.done(s.docId());
      done();
      if (failure != null) {
        answer.completeExceptionally(unavailable("could not apply the submission now: " + rootMessage(failure)));
      } else if (result instanceof SubmitResult.Rejected r) {
        answer.completeExceptionally(refusal(r));
      } else {
        answer.complete((SubmitResult.Accepted) result);
      }
    });
  }

  /** A rejection as the protocol error clients see: its code decides, its message explains. */
  public static ProtocolException refusal(SubmitResult.Rejected r) {
    String code = switch (r.code()) {
      case BAD_ID -> Messages.BAD_ID;
      case BAD_MESSAGE -> Messages.BAD_MESSAGE;
      case INVALID_CHANGE -> Messages.INVALID_CHANGE;
      case VERSION_AHEAD -> Messages.VERSION_AHEAD;
      case HISTORY_COMPACTED -> Messages.HISTORY_COMPACTED;
      case TOO_LARGE -> Messages.TOO_LARGE;
      case SEQ_CONFLICT -> Messages.SEQ_CONFLICT;
      case INTERNAL -> Messages.INTERNAL;
    };
    return new ProtocolException(code, r.message());
  }

  private void done() {
    synchronized (inFlight) {
      inFlight.decrementAndGet();
      inFlight.notifyAll();
    }
  }

  /** Refuses new submissions from now on. */
  public void close() {
    closed = true;
  }

  /** True from {@link #close()} on. */
  public boolean isClosed() {
    return closed;
  }

  /**
   * Waits until no submission is admitted or waiting, at most {@code millis}, then stops the
   * lanes' dispatcher; true when it was idle in time.
   */
  public boolean awaitIdle(long millis) throws InterruptedException {
    long deadline = System.currentTimeMillis() + millis;
    try {
      synchronized (inFlight) {
        while (inFlight.get() > 0) {
          long left = deadline - System.currentTimeMillis();
          if (left <= 0) return false;
          inFlight.wait(left);
        }
      }
      return true;
    } finally {
      dispatcher.shutdown();
    }
  }

  /** The protocol error behind a failed submission future (unwrapping completion wrappers). */
  public static ProtocolException failure(Throwable t) {
    while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
      t = t.getCause();
    }
    return t instanceof ProtocolException p ? p : unavailable("could not apply the submission now: " + rootMessage(t));
  }

  private static ProtocolException unavailable(String why) {
    return new ProtocolException(Messages.UNAVAILABLE, why);
  }

  private static String rootMessage(Throwable t) {
    while (t.getCause() != null && t.getCause() != t) t = t.getCause();
    return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
  }
}
