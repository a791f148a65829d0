package coedit.engine.embedded;

import coedit.engine.CodecException;
import coedit.engine.storage.KV;
import coedit.engine.storage.Space;
import coedit.engine.storage.Storage;
import coedit.engine.store.Keys;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Reprocesses a partition's stored depot records on its task thread, in sequence order
 * (the order the task first received them), up to a boundary sequence number. Used at
 * launch (records not yet processed: the marks skip the rest) and by recompute (after
 * resetting the partition's PStates and marks to its base, see {@link BaseRestore}). Records
 * below a depot's trimmed start are gone; the marks are never below it (a base holds them).
 */
final class Replay {

  private static final System.Logger LOG = System.getLogger(Replay.class.getName());
  private static final int PAGE = 512;

  private Replay() {}

  /**
   * At launch: processes what the marks say is unprocessed, below {@code boundarySeq}. First
   * finishes a recompute the process died in (see {@link BaseRestore}): restores its base
   * again if that was cut short, and replays below its boundary as the recompute would have.
   */
  static void recover(Task task, long boundarySeq) {
    Storage storage = task.thread.rt.storage;
    long recomputeBoundary = BaseRestore.unfinished(storage, task.partition);
    if (recomputeBoundary >= 0) {
      if (BaseRestore.interrupted(storage, task.partition)) restore(task, recomputeBoundary);
      replayAsRecompute(task, recomputeBoundary, new AtomicLong());
    }
    run(task, boundarySeq, new AtomicLong());
  }

  /**
   * Recompute: closes the processors, resets the partition's PStates and marks to its base
   * (empty and none without one), starts fresh processors and replays every stored record
   * above the marks and below {@code boundarySeq}, dropping processor appends. Then every
   * proxy of the partition is resynced.
   */
  static void recompute(Task task, long boundarySeq, AtomicLong progress) {
    restore(task, boundarySeq);
    replayAsRecompute(task, boundarySeq, progress);
    task.hub.resyncAll();
  }

  private static void restore(Task task, long boundarySeq) {
    task.closeProcessors();
    BaseRestore.restore(task, task.thread.rt.storage, boundarySeq);
    task.startProcessors();
  }

  private static void replayAsRecompute(Task task, long boundarySeq, AtomicLong progress) {
    task.recomputing = true;
    try {
      run(task, boundarySeq, progress);
    } finally {
      task.recomputing = false;
    }
    BaseRestore.finished(task.thread.rt.storage, task.partition);
  }

  private static void run(Task task, long boundarySeq, AtomicLong progress) {
    Storage storage = task.thread.rt.storage;
    PriorityQueue<Cursor> heads = new PriorityQueue<>((a, b) -> Long.compare(a.seq(), b.seq()));
    for (DepotInfo d : task.layout.depots.values()) {
      if (d.topologies.isEmpty()) {
        continue;
      }
      long from = Long.MAX_VALUE;
      for (TopologyInfo t : d.topologies) {
        from = Math.min(from, task.marks[t.index()] + 1);
      }
      Cursor c = new Cursor(storage, d, task.partition, from, boundarySeq);
      if (c.advance()) {
        heads.add(c);
      }
    }
    int sinceCommit = 0;
    while (!heads.isEmpty()) {
      Cursor c = heads.poll();
      Work.Record r;
      try {
        r = c.record();
      } catch (CodecException e) {
        // Undecodable (e.g. the codec changed): skip it for good rather than retry forever.
        LOG.log(System.Logger.Level.ERROR, e.getMessage() + "; skipped", e);
        task.skip(c.depot, c.offset());
        r = null;
      }
      if (r != null) {
        task.process(r);
      }
      progress.incrementAndGet();
      if (++sinceCommit >= TaskThread.GROUP_LIMIT) {
        task.thread.commit();
        sinceCommit = 0;
      }
      if (c.advance()) {
        heads.add(c);
      }
    }
    task.thread.commit();
  }

  /** Pages through one depot partition from an offset, stopping at the boundary. */
  private static final class Cursor {
    private final Storage storage;
    private final DepotInfo depot;
    private final int partition;
    private final long boundarySeq;
    private final byte[] end;
    private long nextOffset;
    private List<KV> page = new ArrayList<>();
    private int index;
    private KV current;

    Cursor(Storage storage, DepotInfo depot, int partition, long from, long boundarySeq) {
      this.storage = storage;
      this.depot = depot;
      this.partition = partition;
      this.boundarySeq = boundarySeq;
      this.end = Keys.depotEnd(depot.id, partition);
      this.nextOffset = from;
    }

    boolean advance() {
      if (index >= page.size()) {
        page = storage.scan(Space.DEPOT, Keys.depot(depot.id, partition, nextOffset), end, PAGE);
        index = 0;
        if (page.isEmpty()) {
          return false;
        }
      }
      current = page.get(index++);
      nextOffset = Keys.depotOffset(current.key()) + 1;
      return Keys.valueSeq(current.value()) < boundarySeq;
    }

    long offset() {
      return Keys.depotOffset(current.key());
    }

    long seq() {
      return Keys.valueSeq(current.value());
    }

    Work.Record record() {
      long offset = Keys.depotOffset(current.key());
      byte[] v = current.value();
      Object value = depot.decode(Keys.valuePayload(v), partition, offset);
      return new Work.Record(partition, depot, offset, Keys.valueTime(v), value, null);
    }
  }
}
