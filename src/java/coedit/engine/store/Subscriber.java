package coedit.engine.store;

import coedit.engine.Proxy;
import coedit.engine.ProxyListener;
import java.util.ArrayDeque;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * One proxy subscription: a bounded queue drained on a shared pool by at most one thread
 * at a time, so the listener sees updates one by one in commit order. On overflow the
 * queue is replaced by a single resync carrying the newest value, which is the value after
 * every dropped update.
 */
public final class Subscriber implements Proxy<Object>, ProxyHub.Sink {

  private static final System.Logger LOG = System.getLogger(Subscriber.class.getName());

  private record Resync(Object current) {}

  private final ProxyListener<Object, Object> listener;
  private final int capacity;
  private final Executor executor;
  private final Supplier<Object> current;
  private final Object initial;
  private final ArrayDeque<Object> queue = new ArrayDeque<>();
  private final AtomicBoolean scheduled = new AtomicBoolean();
  private volatile boolean closed;

  private volatile Runnable onClose = () -> {};

  /**
   * A subscriber delivering to {@code listener} on {@code executor}, keeping at most
   * {@code capacity} updates; {@code current} reads the current value for a resync (on the
   * owning task).
   */
  public Subscriber(ProxyListener<Object, Object> listener, int capacity, Executor executor,
      Supplier<Object> current, Object initial) {
    this.listener = listener;
    this.capacity = capacity;
    this.executor = executor;
    this.current = current;
    this.initial = initial;
  }

  @Override
  public Object initialValue() {
    return initial;
  }

  @Override
  public void update(Notice n) {
    synchronized (this) {
      if (closed) {
        return;
      }
      if (queue.size() >= capacity) {
        queue.clear();
        queue.add(new Resync(n.newValue()));
      } else {
        queue.add(n);
      }
    }
    schedule();
  }

  /** What {@link #close} also does: detach from wherever the notices come from. */
  public void onClose(Runnable detach) {
    this.onClose = detach;
  }

  /** Called on the task thread after a recompute. */
  @Override
  public void resyncFromCurrent() {
    resync(current.get());
  }

  /**
   * Replaces whatever is queued by one resync carrying {@code value}, the value after every
   * change the listener may have missed (a runtime calls it when the owner moved).
   */
  public void resync(Object value) {
    synchronized (this) {
      if (closed) {
        return;
      }
      queue.clear();
      queue.add(new Resync(value));
    }
    schedule();
  }

  private void schedule() {
    if (scheduled.compareAndSet(false, true)) {
      try {
        executor.execute(this::drain);
      } catch (RuntimeException e) {
        scheduled.set(false);
        close();
      }
    }
  }

  private void drain() {
    while (true) {
      Object item;
      synchronized (this) {
        item = closed ? null : queue.poll();
        if (item == null) {
          scheduled.set(false);
          return;
        }
      }
      try {
        if (item instanceof Notice n) {
          listener.onUpdate(n.newValue(), n.diff(), n.oldValue());
        } else {
          listener.onResync(((Resync) item).current());
        }
      } catch (RuntimeException | Error e) {
        LOG.log(System.Logger.Level.WARNING, "proxy listener threw; closing its subscription", e);
        close();
      }
    }
  }

  @Override
  public void close() {
    synchronized (this) {
      closed = true;
      queue.clear();
    }
    onClose.run();
  }
}
