package coedit.server.core;

import coedit.editor.DocumentService;
import coedit.editor.data.EditSubmission;
import coedit.editor.data.RejectCode;
import coedit.editor.data.SubmitResult;
import coedit.protocol.Messages;
import coedit.protocol.ProtocolException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The one way submissions reach the editor module, shared by HTTP and the live protocol.
 * Guarantees: a result is either {@code Accepted} or a {@link ProtocolException} whose
 * code says why (never an unclassified failure), decided by the rejection's
 * {@link RejectCode} alone; after {@link #close()} new submissions fail {@code unavailable}
 * and {@link #awaitIdle} waits for the ones already in flight.
 */
public final class SubmitGate {
  private final DocumentService service;
  private final AtomicInteger inFlight = new AtomicInteger();
  private volatile boolean closed;

  public SubmitGate(DocumentService service) {
    this.service = service;
  }

  /** Submits; the future fails with a {@link ProtocolException} unless the submission is accepted. */
  public CompletableFuture<SubmitResult.Accepted> submit(EditSubmission s) {
    if (closed) return CompletableFuture.failedFuture(unavailable("the server is shutting down"));
    inFlight.incrementAndGet();
    CompletableFuture<SubmitResult> submitted;
    try {
      submitted = service.submit(s);
    } catch (RuntimeException e) {
      submitted = CompletableFuture.failedFuture(e);
    }
    CompletableFuture<SubmitResult.Accepted> answer = new CompletableFuture<>();
    submitted.whenComplete((result, failure) -> {
      done();
      if (failure != null) {
        answer.completeExceptionally(unavailable("could not apply the submission now: " + rootMessage(failure)));
      } else if (result instanceof SubmitResult.Rejected r) {
        answer.completeExceptionally(refusal(r));
      } else {
        answer.complete((SubmitResult.Accepted) result);
      }
    });
    return answer;
  }

  /** A rejection as the protocol error clients see: its code decides, its message explains. */
  public static ProtocolException refusal(SubmitResult.Rejected r) {
    String code = switch (r.code()) {
      case BAD_ID -> Messages.BAD_ID;
      case BAD_MESSAGE -> Messages.BAD_MESSAGE;
      case INVALID_CHANGE -> Messages.INVALID_CHANGE;
      case VERSION_AHEAD -> Messages.VERSION_AHEAD;
      case TOO_LARGE -> Messages.TOO_LARGE;
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

  /** Waits until no submission is in flight, at most {@code millis}; true when it was idle in time. */
  public boolean awaitIdle(long millis) throws InterruptedException {
    long deadline = System.currentTimeMillis() + millis;
    synchronized (inFlight) {
      while (inFlight.get() > 0) {
        long left = deadline - System.currentTimeMillis();
        if (left <= 0) return false;
        inFlight.wait(left);
      }
    }
    return true;
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
