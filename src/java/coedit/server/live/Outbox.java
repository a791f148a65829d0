package coedit.server.live;

import java.util.ArrayDeque;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The bounded, ordered send side of one live connection.
 *
 * <p>Guarantees: messages go out in {@link #offer} order; at most one frame is being
 * written at a time, and whatever queued up meanwhile leaves as one frame of
 * newline-separated messages (so a busy connection costs fewer frames, an idle one adds
 * no delay); the characters queued or being written never exceed {@code limit} (or one
 * message, if that alone is larger): the offer that would exceed it closes the connection
 * as a slow reader instead of growing memory. An idle outbox writes on the offering thread
 * (one thread hop fewer per message) unless asked to leave it to {@code executor}. A
 * message left to the executor may wait up to {@code linger} before its frame is written
 * (when a linger scheduler is given), so the messages of a busy document's next few
 * milliseconds share one frame: a room of hundreds fanning out thousands of entries a
 * second otherwise costs one frame, one write and one wake-up of the reader per entry and
 * recipient.
 */
final class Outbox {
  /** Where frames go: a WebSocket session in production, a list in tests. */
  interface Sink {
    /** Writes one text frame; calls exactly one of the callbacks when done. */
    void send(String frame, Runnable done, java.util.function.Consumer<Throwable> failed);

    /** The connection overflowed its buffer: close it as a slow reader. */
    void overflow();
  }

  private static final int MAX_FRAME_CHARS = 64 * 1024;

  private final Sink sink;
  private final Executor executor;
  private final java.util.concurrent.ScheduledExecutorService lingerOn; // null: no lingering
  private final long lingerMicros;
  private final long limit;
  private final ArrayDeque<String> queue = new ArrayDeque<>();
  private long pendingChars;
  private boolean writing;
  private boolean closed; // no more offers
  private boolean dropped; // queued messages discarded
  private Runnable onDrained; // runs once everything queued before finish() is written

  Outbox(Sink sink, Executor executor, long limit) {
    this(sink, executor, limit, null, 0);
  }

  /** As above; messages left to the executor wait {@code lingerMicros} on {@code lingerOn} (which may be {@code executor}). */
  Outbox(Sink sink, Executor executor, long limit, java.util.concurrent.ScheduledExecutorService lingerOn,
      long lingerMicros) {
    this.sink = sink;
    this.executor = executor;
    this.limit = limit;
    this.lingerOn = lingerMicros > 0 ? lingerOn : null;
    this.lingerMicros = lingerMicros;
  }

  /** Queues a message and writes it on this thread if nothing is being written. */
  boolean offer(String message) {
    return offer(message, true);
  }

  /**
   * Queues a message; false when the outbox is closed or has just overflowed. {@code inline}
   * false leaves the writing to the executor: a room fanning out to many connections only
   * enqueues, and messages arriving meanwhile coalesce into the same frame.
   */
  boolean offer(String message, boolean inline) {
    boolean overflow = false;
    synchronized (this) {
      if (closed) return false;
      // One message is always accepted, however large, so a big entry cannot wedge a client.
      if (pendingChars > 0 && pendingChars + message.length() > limit) {
        closed = true;
        dropped = true;
        queue.clear();
        overflow = true;
      } else {
        queue.add(message);
        pendingChars += message.length();
        if (writing) return true;
        writing = true;
      }
    }
    if (overflow) {
      sink.overflow();
      return false;
    }
    if (inline) {
      pump();
      return true;
    }
    try {
      if (lingerOn != null) lingerOn.schedule(this::pump, lingerMicros, java.util.concurrent.TimeUnit.MICROSECONDS);
      else executor.execute(this::pump);
    } catch (java.util.concurrent.RejectedExecutionException e) {
      close(); // the server is shutting down
      return false;
    }
    return true;
  }

  /** Stops sending at once; queued messages are dropped. */
  synchronized void close() {
    closed = true;
    dropped = true;
    queue.clear();
    onDrained = null;
    notifyAll();
  }

  /**
   * Accepts no more messages, and runs {@code then} once everything already queued has
   * been written (at once when nothing is queued): errors reach the client before the
   * close frame that follows them.
   */
  void finish(Runnable then) {
    synchronized (this) {
      if (dropped) return;
      closed = true;
      notifyAll();
      if (writing || !queue.isEmpty()) {
        onDrained = then;
        return;
      }
    }
    then.run();
  }

  /** Characters queued or being written. */
  synchronized long pending() {
    return pendingChars;
  }

  /**
   * Waits until at most {@code chars} are pending (flow control for catch-up); false when
   * {@code millis} passed first or the outbox closed.
   */
  synchronized boolean awaitBelow(long chars, long millis) throws InterruptedException {
    long deadline = System.currentTimeMillis() + millis;
    while (!closed && pendingChars > chars) {
      long left = deadline - System.currentTimeMillis();
      if (left <= 0) return false;
      wait(left);
    }
    return !closed;
  }

  /** Writes frames until the queue is empty; continues from the write callback when async. */
  private void pump() {
    while (true) {
      Frame frame = null;
      Runnable drained = null;
      synchronized (this) {
        if (dropped || queue.isEmpty()) {
          writing = false;
          if (!dropped) {
            drained = onDrained;
            onDrained = null;
          }
        } else {
          frame = takeFrame();
        }
      }
      if (frame == null) {
        if (drained != null) drained.run();
        return;
      }
      // 0: write in progress; 1: completed inside send(); 2: send() returned first.
      AtomicInteger state = new AtomicInteger();
      int counted = frame.counted;
      sink.send(frame.text, () -> {
        written(counted);
        if (!state.compareAndSet(0, 1)) {
          try {
            executor.execute(this::pump);
          } catch (java.util.concurrent.RejectedExecutionException e) {
            close();
          }
        }
      }, failure -> close());
      if (state.compareAndSet(0, 2)) return;
    }
  }

  /** One frame's text and the pending characters it accounts for (separators are not counted). */
  private record Frame(String text, int counted) {}

  private Frame takeFrame() {
    String first = queue.poll();
    if (queue.isEmpty() || first.length() >= MAX_FRAME_CHARS) return new Frame(first, first.length());
    StringBuilder b = new StringBuilder(first);
    int counted = first.length();
    while (!queue.isEmpty() && b.length() + 1 + queue.peek().length() <= MAX_FRAME_CHARS) {
      String next = queue.poll();
      b.append('\n').append(next);
      counted += next.length();
    }
    return new Frame(b.toString(), counted);
  }

  private synchronized void written(int counted) {
    pendingChars -= counted;
    notifyAll();
  }
}
