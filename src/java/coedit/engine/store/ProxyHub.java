package coedit.engine.store;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The proxy subscriptions of one task partition, by path (PState id and stored key
 * prefix). Subscriptions are added by the owning task between events (so the initial value
 * and later updates line up) and removed from any thread; notices are published by the task
 * once their writes are visible, in processing order.
 */
public final class ProxyHub {

  /** One watched path; the key is the stored prefix, compared by content. */
  public record Path(int pstateId, ByteBuffer key) {}

  /** Where a path's notices go: a local {@link Subscriber}, or a runtime's forwarder. */
  public interface Sink {
    /** One change, in order; must not block. */
    void update(Notice n);

    /** Called by the owning task when its state was rebuilt: restart from the current value. */
    void resyncFromCurrent();
  }

  private final ConcurrentHashMap<Path, CopyOnWriteArrayList<Sink>> subs =
      new ConcurrentHashMap<>();

  /** The path if anyone watches it; a cheap no when nobody watches anything. */
  public Path watched(int pstateId, byte[] prefix) {
    if (subs.isEmpty()) {
      return null;
    }
    Path p = new Path(pstateId, ByteBuffer.wrap(prefix));
    return subs.containsKey(p) ? p : null;
  }

  public void add(Path path, Sink s) {
    subs.computeIfAbsent(path, p -> new CopyOnWriteArrayList<>()).add(s);
  }

  public void remove(Path path, Sink s) {
    subs.computeIfPresent(path, (p, list) -> {
      list.remove(s);
      return list.isEmpty() ? null : list;
    });
  }

  /** Hands notices to their subscribers, in order. */
  public static void publish(List<Notice> notices) {
    for (Notice n : notices) {
      List<Sink> list = n.hub().subs.get(n.path());
      if (list != null) {
        for (Sink s : list) {
          s.update(n);
        }
      }
    }
  }

  /** After a recompute: every subscriber restarts from the current value. */
  public void resyncAll() {
    subs.values().forEach(list -> list.forEach(Sink::resyncFromCurrent));
  }
}
