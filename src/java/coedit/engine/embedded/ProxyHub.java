package coedit.engine.embedded;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The proxy subscriptions of one task partition, by path (PState id and stored key
 * prefix). Subscriptions are added on the task thread (so the initial value and later
 * updates line up) and removed from any thread; notices are published by the task thread
 * after their commit, in commit order.
 */
final class ProxyHub {

  /** One watched path; the key is the stored prefix, compared by content. */
  record Path(int pstateId, ByteBuffer key) {}

  private final ConcurrentHashMap<Path, CopyOnWriteArrayList<Subscriber>> subs =
      new ConcurrentHashMap<>();

  /** The path if anyone watches it; a cheap no when nobody watches anything. */
  Path watched(int pstateId, byte[] prefix) {
    if (subs.isEmpty()) {
      return null;
    }
    Path p = new Path(pstateId, ByteBuffer.wrap(prefix));
    return subs.containsKey(p) ? p : null;
  }

  void add(Path path, Subscriber s) {
    subs.computeIfAbsent(path, p -> new CopyOnWriteArrayList<>()).add(s);
  }

  void remove(Path path, Subscriber s) {
    subs.computeIfPresent(path, (p, list) -> {
      list.remove(s);
      return list.isEmpty() ? null : list;
    });
  }

  /** Hands committed notices to their subscribers, in order. */
  static void publish(List<Notice> notices) {
    for (Notice n : notices) {
      List<Subscriber> list = n.hub().subs.get(n.path());
      if (list != null) {
        for (Subscriber s : list) {
          s.update(n);
        }
      }
    }
  }

  /** After a recompute: every subscriber restarts from the current value. */
  void resyncAll() {
    subs.values().forEach(list -> list.forEach(Subscriber::resyncFromCurrent));
  }
}
