package coedit.server.metrics;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * The busiest documents, for finding hot spots without a metric label per document:
 * submissions per second of each recently active document, as a moving average (about a
 * ten-second window), kept for at most {@link #MAX_TRACKED} documents (the least busy are
 * forgotten first). {@link #tick} advances the averages once a second.
 */
public final class HotDocuments {
  static final int MAX_TRACKED = 10_000;
  /** Weight of the newest second in the average: about a ten-second window. */
  private static final double ALPHA = 0.1;

  private static final class Rate {
    final LongAdder thisSecond = new LongAdder();
    volatile double perSecond;
  }

  private final Map<String, Rate> rates = new ConcurrentHashMap<>();

  /** One submission to {@code docId}. */
  public void submitted(String docId) {
    Rate r = rates.get(docId);
    if (r == null) {
      if (rates.size() >= MAX_TRACKED) return; // full until the next tick forgets the quietest
      r = rates.computeIfAbsent(docId, d -> new Rate());
    }
    r.thisSecond.increment();
  }

  /** Folds the last second into the averages and forgets documents gone quiet (call once a second). */
  public void tick() {
    rates.entrySet().removeIf(e -> {
      Rate r = e.getValue();
      r.perSecond = ALPHA * r.thisSecond.sumThenReset() + (1 - ALPHA) * r.perSecond;
      return r.perSecond < 0.01;
    });
    if (rates.size() > MAX_TRACKED * 9 / 10) {
      List<Map.Entry<String, Rate>> all = new ArrayList<>(rates.entrySet());
      all.sort(Comparator.comparingDouble(e -> e.getValue().perSecond));
      for (int i = 0; i < all.size() - MAX_TRACKED * 8 / 10; i++) rates.remove(all.get(i).getKey());
    }
  }

  /** A document and its submissions per second. */
  public record Hot(String docId, double submissionsPerSecond) {}

  /** The {@code n} busiest documents that {@code visible} accepts, busiest first. */
  public List<Hot> top(int n, java.util.function.Predicate<String> visible) {
    List<Hot> all = new ArrayList<>();
    for (Map.Entry<String, Rate> e : rates.entrySet()) {
      if (visible.test(e.getKey())) all.add(new Hot(e.getKey(), e.getValue().perSecond));
    }
    all.sort(Comparator.comparingDouble(Hot::submissionsPerSecond).reversed());
    return all.subList(0, Math.min(n, all.size()));
  }
}
