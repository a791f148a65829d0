package coedit.engine.embedded;

import coedit.engine.runtime.Admission;
import java.util.ArrayList;
import java.util.List;

/**
 * A task thread's queue of work. Unbounded by itself: client records are bounded by
 * {@link Admission} before they get here, which leaves processors' own appends free to
 * enqueue without waiting (waiting there could deadlock two tasks appending to each other).
 * Producers add whole lists under one lock; the thread takes everything at once.
 */
final class Inbox {

  private ArrayList<Work> items = new ArrayList<>();

  synchronized void add(Work w) {
    items.add(w);
    if (items.size() == 1) {
      notifyAll();
    }
  }

  synchronized void addAll(List<Work> ws) {
    boolean wasEmpty = items.isEmpty();
    items.addAll(ws);
    if (wasEmpty && !items.isEmpty()) {
      notifyAll();
    }
  }

  /** Takes whatever is queued without waiting. */
  synchronized List<Work> drain() {
    List<Work> out = items;
    items = new ArrayList<>();
    return out;
  }

  /** Waits for work and takes all of it. */
  synchronized List<Work> takeAll() throws InterruptedException {
    while (items.isEmpty()) {
      wait();
    }
    List<Work> out = items;
    items = new ArrayList<>(Math.max(16, out.size()));
    return out;
  }
}
