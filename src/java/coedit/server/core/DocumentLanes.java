package coedit.server.core;

import java.util.ArrayDeque;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;

/**
 * Fair admission to the editor, one lane per document: at most {@code maxInFlight}
 * submissions of a document are at the editor at once; later ones wait here, in arrival
 * order, and go as earlier ones finish. A document's submissions all land on one engine
 * partition, processed in append order, so without lanes a flooded document puts
 * thousands of records ahead of its neighbours' on that partition; with them, a neighbour
 * waits behind at most {@code maxInFlight} of its records. A lane holds at most
 * {@code maxWaiting} submissions; beyond that the document is busy and new ones are refused.
 *
 * <p>Thread-safe. Lanes exist only while a document has submissions in flight.
 */
final class DocumentLanes {
  /** A submission ready to go to the editor; it must call {@link #done} exactly once when it finishes. */
  interface Task {
    void start();
  }

  private static final class Lane {
    int inFlight;
    final ArrayDeque<Task> waiting = new ArrayDeque<>();
  }

  private final int maxInFlight;
  private final int maxWaiting;
  private final Executor dispatcher;
  private final ConcurrentHashMap<String, Lane> lanes = new ConcurrentHashMap<>();

  /** {@code dispatcher} starts waiting submissions (never on the thread finishing an earlier one). */
  DocumentLanes(int maxInFlight, int maxWaiting, Executor dispatcher) {
    if (maxInFlight < 1 || maxWaiting < 0) throw new IllegalArgumentException("need maxInFlight >= 1, maxWaiting >= 0");
    this.maxInFlight = maxInFlight;
    this.maxWaiting = maxWaiting;
    this.dispatcher = dispatcher;
  }

  /** Starts {@code task} now, or queues it behind the document's others; false when the lane is full. */
  boolean admit(String docId, Task task) {
    while (true) {
      Lane lane = lanes.computeIfAbsent(docId, d -> new Lane());
      synchronized (lane) {
        if (lanes.get(docId) != lane) continue; // removed meanwhile: take the new one
        if (lane.inFlight < maxInFlight) {
          lane.inFlight++;
        } else if (lane.waiting.size() < maxWaiting) {
          lane.waiting.add(task);
          return true;
        } else {
          return false;
        }
      }
      task.start();
      return true;
    }
  }

  /** A submission of {@code docId} finished: the next waiting one starts, on the dispatcher. */
  void done(String docId) {
    Lane lane = lanes.get(docId);
    if (lane == null) return;
    Task next;
    synchronized (lane) {
      next = lane.waiting.poll();
      if (next == null && --lane.inFlight == 0) lanes.remove(docId, lane);
    }
    if (next != null) dispatcher.execute(next::start);
  }

  /** Submissions waiting (not yet at the editor), over all documents. */
  int waiting() {
    int n = 0;
    for (Lane lane : lanes.values()) {
      synchronized (lane) {
        n += lane.waiting.size();
      }
    }
    return n;
  }
}
