package coedit.engine.embedded;

import coedit.engine.DepotRecord;
import coedit.engine.EngineException;
import coedit.engine.Processor;
import coedit.engine.storage.Batch;
import coedit.engine.storage.Space;
import coedit.engine.storage.Storage;
import coedit.engine.store.Keys;
import coedit.engine.store.ProxyHub;
import java.util.HashMap;
import java.util.Map;

/**
 * One partition of a module: its processors (one per stream topology), its processed-offset
 * marks and its proxy subscriptions. Everything here runs on the owning {@link TaskThread}.
 *
 * <p>Exactly-once: a record is processed by a topology only if its offset is above the
 * topology's mark; the mark advances in the same atomic batch as the record's writes, so
 * after a crash a record is either fully applied with its mark or not at all.
 */
final class Task {

  private static final System.Logger LOG = System.getLogger(Task.class.getName());

  final int partition;
  final Layout layout;
  final TaskThread thread;
  final ProxyHub hub = new ProxyHub();
  final TaskContextImpl context;
  final TaskContextImpl queryContext;
  private final Processor<Object>[] processors;
  private final RuntimeException[] initErrors;
  final long[] marks;
  private final boolean[] dirty;
  private final byte[][] markKeys;
  private boolean anyDirty;
  /** True while recomputing: processor appends are dropped (the depots already hold them). */
  boolean recomputing;
  long errors;
  /** Nanoseconds spent processing records, for the busy-time meter (read from other threads). */
  volatile long busyNanos;

  @SuppressWarnings({"unchecked", "rawtypes"})
  Task(int partition, Layout layout, TaskThread thread, Storage storage) {
    this.partition = partition;
    this.layout = layout;
    this.thread = thread;
    this.context = new TaskContextImpl(this, true);
    this.queryContext = new TaskContextImpl(this, false);
    int n = layout.topologies.size();
    processors = new Processor[n];
    initErrors = new RuntimeException[n];
    marks = new long[n];
    dirty = new boolean[n];
    markKeys = new byte[n][];
    for (TopologyInfo t : layout.topologies) {
      markKeys[t.index()] = Keys.markKey(t.name(), t.depot().name, partition);
    }
    reloadMarks(storage);
  }

  /** Reads the stored marks (at launch, and after a recompute restored a base's). */
  void reloadMarks(Storage storage) {
    for (int i = 0; i < marks.length; i++) {
      byte[] m = storage.get(Space.META, markKeys[i]);
      marks[i] = m == null ? -1 : Keys.getLong(m, 0);
      dirty[i] = false;
    }
    anyDirty = false;
  }

  /** Creates and initializes this task's processors; failures fail their records later. */
  void startProcessors() {
    for (TopologyInfo t : layout.topologies) {
      int i = t.index();
      try {
        Processor<Object> p = t.supplier().get();
        if (p == null) {
          throw new EngineException("processor supplier of " + t.name() + " returned null");
        }
        p.init(context);
        processors[i] = p;
        initErrors[i] = null;
      } catch (RuntimeException e) {
        initErrors[i] = new EngineException("topology " + t.name() + " could not start on"
            + " partition " + partition + ": " + e, e);
        LOG.log(System.Logger.Level.ERROR, initErrors[i].getMessage(), e);
      }
    }
  }

  void closeProcessors() {
    for (int i = 0; i < processors.length; i++) {
      if (processors[i] != null) {
        try {
          processors[i].close();
        } catch (RuntimeException e) {
          LOG.log(System.Logger.Level.WARNING, "processor close failed", e);
        }
        processors[i] = null;
      }
    }
  }

  /**
   * Runs {@code r} through every topology of its depot that has not processed it yet.
   * Each topology's writes are kept only if it returns normally.
   */
  Completion process(Work.Record r) {
    DepotInfo d = r.depot();
    Map<String, Object> acks = null;
    String failedTopology = null;
    Throwable failure = null;
    DepotRecord<Object> record = null;
    for (TopologyInfo t : d.topologies) {
      int i = t.index();
      if (r.offset() <= marks[i]) {
        continue;
      }
      try {
        Processor<Object> p = processors[i];
        if (p == null) {
          throw initErrors[i];
        }
        if (record == null) {
          record = new DepotRecord<>(d.name, partition, r.offset(), r.appendTime(), r.value());
        }
        Object ack = p.process(record);
        thread.overlay.keepEvent();
        if (ack != null) {
          if (acks == null) {
            acks = new HashMap<>(4);
          }
          acks.put(t.name(), ack);
        }
      } catch (Throwable e) {
        if (e instanceof VirtualMachineError && !(e instanceof StackOverflowError)) {
          throw (VirtualMachineError) e;
        }
        thread.overlay.dropEvent();
        errors++;
        if (failure == null) {
          failure = e;
          failedTopology = t.name();
        }
        // Without an appender to tell, the log is the only place this error shows.
        System.Logger.Level level = r.pending() == null && !recomputing
            ? System.Logger.Level.WARNING : System.Logger.Level.DEBUG;
        LOG.log(level,
            () -> "topology " + t.name() + " failed on " + d.name + " partition " + partition
                + " offset " + r.offset() + ": " + e);
      }
      marks[i] = r.offset();
      dirty[i] = true;
      anyDirty = true;
    }
    return r.pending() == null ? null
        : new Completion(r.pending(), acks == null ? Map.of() : acks, failedTopology, failure);
  }

  /** Marks an unreadable record as processed by every topology of its depot. */
  void skip(DepotInfo d, long offset) {
    for (TopologyInfo t : d.topologies) {
      if (offset > marks[t.index()]) {
        marks[t.index()] = offset;
        dirty[t.index()] = true;
        anyDirty = true;
      }
    }
    errors++;
  }

  /** Adds the advanced marks to {@code batch}. */
  void writeMarks(Batch batch) {
    if (!anyDirty) {
      return;
    }
    for (int i = 0; i < dirty.length; i++) {
      if (dirty[i]) {
        batch.put(Space.META, markKeys[i], Keys.longBytes(marks[i]));
        dirty[i] = false;
      }
    }
    anyDirty = false;
  }

  boolean marksDirty() {
    return anyDirty;
  }

  /** Before a recompute: forget every mark (the batch deleting them is written by the caller). */
  void resetMarks(Batch batch) {
    for (int i = 0; i < marks.length; i++) {
      marks[i] = -1;
      dirty[i] = false;
      batch.delete(Space.META, markKeys[i]);
    }
    anyDirty = false;
  }
}
