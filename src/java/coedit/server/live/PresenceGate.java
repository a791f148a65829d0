package coedit.server.live;

import coedit.server.core.PresenceUpdate;
import coedit.server.limits.PresenceThrottle;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * One connection's presence on its way to the room, spaced to the presence rate: an
 * update goes on at once when its slot is free; otherwise it is held, later updates
 * replace it (keeping a name or colour only an earlier one changed), and the held one goes
 * on when the slot comes. A flood of thousands a second thus costs the others
 * {@code rate} messages a second, and the latest position is never lost.
 */
final class PresenceGate {
  private final PresenceThrottle throttle;
  private final ScheduledExecutorService timer;
  private final Consumer<PresenceUpdate> deliver;
  private PresenceUpdate held; // guarded by this
  private boolean closed; // guarded by this

  PresenceGate(PresenceThrottle throttle, ScheduledExecutorService timer, Consumer<PresenceUpdate> deliver) {
    this.throttle = throttle;
    this.timer = timer;
    this.deliver = deliver;
  }

  /** Passes {@code u} on now, or holds it for its slot. Called on the connection's socket thread. */
  void offer(PresenceUpdate u) {
    synchronized (this) {
      if (closed) return;
      if (held != null) {
        held = merge(held, u);
        return;
      }
      long wait = throttle.admit(System.nanoTime());
      if (wait > 0) {
        held = u;
        try {
          timer.schedule(this::release, wait, TimeUnit.NANOSECONDS);
        } catch (java.util.concurrent.RejectedExecutionException e) {
          held = null; // shutting down
        }
        return;
      }
    }
    deliver.accept(u); // outside the lock: the room takes its own, then the connection's
  }

  /** Drops whatever is held. */
  synchronized void close() {
    closed = true;
    held = null;
  }

  private void release() {
    PresenceUpdate u;
    synchronized (this) {
      u = held;
      held = null;
      if (u == null || closed) return;
      throttle.admit(System.nanoTime()); // the slot it waited for
    }
    deliver.accept(u);
  }

  /** The later update, keeping a name or colour only the earlier one changed. */
  static PresenceUpdate merge(PresenceUpdate earlier, PresenceUpdate later) {
    return new PresenceUpdate(later.version(), later.selection(), later.name() != null ? later.name() : earlier.name(),
        later.colour() != null ? later.colour() : earlier.colour());
  }
}
