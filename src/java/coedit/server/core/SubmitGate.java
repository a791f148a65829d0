package coedit.server.core;

import coedit.editor.DocumentService;
import coedit.editor.data.DocSnapshot;
import coedit.editor.data.EditSubmission;
import coedit.editor.data.SubmitResult;
import coedit.ot.Change;
import coedit.ot.Delete;
import coedit.ot.Edit;
import coedit.ot.Insert;
import coedit.protocol.Messages;
import coedit.protocol.ProtocolException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;

/**
 * The one way submissions reach the editor module, shared by HTTP and the live protocol.
 * Guarantees: a result is either {@code Accepted} or a {@link ProtocolException} whose
 * code says why (never an unclassified failure); the document-size limit is checked before
 * anything is applied; after {@link #close()} new submissions fail {@code unavailable}
 * and {@link #awaitIdle} waits for the ones already in flight.
 */
public final class SubmitGate {
  private final DocumentService service;
  private final int maxDocumentLength;
  private final AtomicInteger inFlight = new AtomicInteger();
  private final ExecutorService results = Executors.newFixedThreadPool(2, r -> {
    Thread t = new Thread(r, "coedit-submit-results");
    t.setDaemon(true);
    return t;
  });
  private volatile boolean closed;

  public SubmitGate(DocumentService service, int maxDocumentLength) {
    this.service = service;
    this.maxDocumentLength = maxDocumentLength;
  }

  /**
   * Submits; {@code currentLength} gives the document's length in code points when the
   * change would grow it (HTTP reads it, live rooms track it).
   */
  public CompletableFuture<SubmitResult.Accepted> submit(EditSubmission s, LongSupplier currentLength) {
    if (closed) return CompletableFuture.failedFuture(unavailable("the server is shutting down"));
    long growth = growth(s.change());
    if (growth > 0) {
      long after = currentLength.getAsLong() + growth;
      if (after > maxDocumentLength) {
        return CompletableFuture.failedFuture(new ProtocolException(Messages.TOO_LARGE,
            "document '" + s.docId() + "' would grow to " + after + " code points; the limit is " + maxDocumentLength));
      }
    }
    inFlight.incrementAndGet();
    CompletableFuture<SubmitResult> submitted;
    try {
      submitted = service.submit(s);
    } catch (RuntimeException e) {
      submitted = CompletableFuture.failedFuture(e);
    }
    // An acceptance is answered on the completing thread; anything else is classified on
    // our own threads, never on the thread completing the service's future: that may be an
    // engine thread, where classifying a rejection (a blocking read) is not allowed.
    CompletableFuture<SubmitResult.Accepted> answer = new CompletableFuture<>();
    submitted.whenComplete((result, failure) -> {
      if (failure == null && result instanceof SubmitResult.Accepted a) {
        done();
        answer.complete(a);
        return;
      }
      try {
        results.execute(() -> {
          try {
            if (failure != null) throw unavailable("could not apply the submission now: " + rootMessage(failure));
            throw classify(s, ((SubmitResult.Rejected) result).error());
          } catch (RuntimeException e) {
            done();
            answer.completeExceptionally(e);
          }
        });
      } catch (java.util.concurrent.RejectedExecutionException e) {
        done();
        answer.completeExceptionally(unavailable("the server is shutting down"));
      }
    });
    return answer;
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

  /**
   * Waits until no submission is in flight, at most {@code millis}, then stops the result
   * threads; true when it was idle in time.
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
      results.shutdown();
      results.awaitTermination(Math.max(1, deadline - System.currentTimeMillis()), TimeUnit.MILLISECONDS);
    }
  }

  /** A rejection is the client's fault: its version is ahead, or its edits do not fit. */
  private ProtocolException classify(EditSubmission s, String error) {
    DocSnapshot now = service.read(s.docId());
    if (s.version() > now.version()) {
      return new ProtocolException(Messages.VERSION_AHEAD,
          "version " + s.version() + " is ahead of document '" + s.docId() + "' at version " + now.version());
    }
    String msg = error == null || error.isBlank() ? "the edits do not fit the document" : error;
    if (!msg.contains("version")) msg = msg + " (at version " + s.version() + ")";
    return new ProtocolException(Messages.INVALID_CHANGE, msg);
  }

  /** Code points the change adds at most (inserts minus deletes). */
  public static long growth(Change change) {
    long n = 0;
    for (Edit e : change.edits()) {
      if (e instanceof Insert i) n += i.text().codePointCount(0, i.text().length());
      else n -= ((Delete) e).length();
    }
    return n;
  }

  /** The protocol error behind a failed submission future (unwrapping completion wrappers). */
  public static ProtocolException failure(Throwable t) {
    while ((t instanceof java.util.concurrent.CompletionException || t instanceof java.util.concurrent.ExecutionException)
        && t.getCause() != null) {
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
