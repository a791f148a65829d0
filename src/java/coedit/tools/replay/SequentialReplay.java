package coedit.tools.replay;

import coedit.editor.DocumentService;
import coedit.editor.data.EditSubmission;
import coedit.editor.data.SubmitResult;
import coedit.engine.ProgressListener;
import coedit.ot.Change;
import coedit.tools.trace.SequentialTrace;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Replays a sequential trace as one writer: one submission per txn, made against the
 * version the previous txns produced, pipelined (up to {@code window} acks outstanding).
 * Correct without waiting because one writer's appends to one document stay in order, so
 * every submission finds the document at exactly its base version.
 */
public final class SequentialReplay {
  private SequentialReplay() {}

  public static ReplayResult run(DocumentService service, String docId, SequentialTrace trace, int window) {
    return run(service, docId, trace, window, ProgressListener.NONE);
  }

  /** As {@link #run(DocumentService, String, SequentialTrace, int)}, telling {@code progress} txns submitted. */
  public static ReplayResult run(DocumentService service, String docId, SequentialTrace trace, int window,
      ProgressListener progress) {
    if (!trace.startContent().isEmpty()) {
      throw new IllegalArgumentException("the trace starts from non-empty content; only empty starts are supported");
    }
    List<Change> changes = new ArrayList<>(trace.txns().size());
    for (SequentialTrace.Txn txn : trace.txns()) {
      Change c = TraceChanges.of(txn.patches());
      if (!c.isEmpty()) changes.add(c);
    }
    Semaphore inFlight = new Semaphore(window);
    AtomicReference<String> problem = new AtomicReference<>();
    long start = System.nanoTime();
    for (int i = 0; i < changes.size() && problem.get() == null; i++) {
      if ((i & 1023) == 0) progress.onProgress(i, changes.size());
      inFlight.acquireUninterruptibly();
      long expected = i + 1;
      service.submit(new EditSubmission(docId, "replay", i, i, changes.get(i)))
          .whenComplete((r, e) -> {
            inFlight.release();
            if (e != null) {
              problem.compareAndSet(null, "txn " + (expected - 1) + " failed: " + e);
            } else if (!(r instanceof SubmitResult.Accepted a) || a.version() != expected) {
              problem.compareAndSet(null, "txn " + (expected - 1) + " got " + r + ", expected acceptance at version " + expected);
            }
          });
    }
    inFlight.acquireUninterruptibly(window);
    progress.onProgress(changes.size(), changes.size());
    long nanos = System.nanoTime() - start;
    String text = service.read(docId).text();
    String p = problem.get();
    if (p == null && !text.equals(trace.endContent())) p = FirstDifference.describe(trace.endContent(), text);
    return new ReplayResult(changes.size(), nanos, text, p, 0);
  }
}
