package coedit.engine.embedded;

import coedit.engine.AckLevel;
import coedit.engine.AppendResult;
import coedit.engine.EngineException;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import coedit.engine.storage.Batch;
import coedit.engine.storage.Space;
import coedit.engine.storage.Storage;
import coedit.engine.store.Keys;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.LongConsumer;

/**
 * The one thread that appends to depots (group commit). It takes every pending append at
 * once, assigns offsets and a module-wide sequence number, writes them in one batch with
 * one fsync, completes APPEND_ACK appends, then hands the records to their tasks in
 * sequence order. Task commits carrying processor appends come here too, so offsets stay
 * gapless and the appends commit atomically with the task's writes.
 *
 * <p>The sequence number is what makes replay faithful: a task received its records in
 * sequence order, so replaying by sequence reproduces its original order across depots.
 */
final class Writer extends EngineThread {

  /** Items per batch at most: bounds batch memory while staying far above fsync cost. */
  static final int MAX_ITEMS = 16_384;

  private record Commit(Batch batch, List<DerivedAppend> appends, CompletableFuture<Void> done) {}

  private record Fence(LongConsumer atSeq) {}

  private record Stop() {}

  private final ModuleRuntime rt;
  private final Storage storage;
  private final boolean fsync;
  private final LinkedBlockingQueue<Object> queue = new LinkedBlockingQueue<>();
  private long nextSeq;
  private volatile boolean stopped;
  private Timer commits = Timer.builder("coedit.engine.group.commit").register(new SimpleMeterRegistry());
  private DistributionSummary commitRecords =
      DistributionSummary.builder("coedit.engine.group.commit.records").register(new SimpleMeterRegistry());

  /** The group-commit meters: how long each write (with its fsync) took, how many records it carried. */
  void registerMeters(MeterRegistry registry) {
    commits = Timer.builder("coedit.engine.group.commit").description("one group commit: write and fsync")
        .tags("module", rt.name()).publishPercentileHistogram().register(registry);
    commitRecords = DistributionSummary.builder("coedit.engine.group.commit.records")
        .description("depot records written by one group commit").tags("module", rt.name())
        .publishPercentileHistogram().register(registry);
  }

  Writer(ModuleRuntime rt, boolean fsync, long nextSeq) {
    super("coedit-writer-" + rt.name());
    this.rt = rt;
    this.storage = rt.storage;
    this.fsync = fsync;
    this.nextSeq = nextSeq;
  }

  void submit(PendingAppend p) {
    enqueue(p);
  }

  /** Queues an item; one arriving after the thread stopped is failed, never left waiting. */
  private void enqueue(Object item) {
    queue.add(item);
    if (stopped && queue.remove(item)) {
      fail(item, rt.failure() != null ? rt.failure() : rt.closedError());
    }
  }

  /** Writes a task's commit with its processor appends; blocks the task thread until done. */
  void commit(Batch batch, List<DerivedAppend> appends) {
    CompletableFuture<Void> done = new CompletableFuture<>();
    enqueue(new Commit(batch, appends, done));
    try {
      done.join();
    } catch (CompletionException e) {
      throw e.getCause() instanceof RuntimeException re ? re : e;
    }
  }

  /**
   * Runs {@code atSeq} on this thread once everything submitted before has been written and
   * handed to the tasks, with the next sequence number.
   */
  void fence(LongConsumer atSeq) {
    enqueue(new Fence(atSeq));
  }

  void stopAndJoin() throws InterruptedException {
    queue.add(new Stop());
    join();
  }

  @Override
  public void run() {
    List<Object> items = new ArrayList<>();
    try {
      while (!stopped) {
        items.add(queue.take());
        queue.drainTo(items, MAX_ITEMS - 1);
        int start = 0;
        for (int i = 0; i < items.size(); i++) {
          Object item = items.get(i);
          if (item instanceof Fence || item instanceof Stop) {
            write(items.subList(start, i));
            start = i + 1;
            if (item instanceof Fence f) {
              f.atSeq().accept(nextSeq);
            } else {
              stopped = true;
            }
          }
        }
        write(items.subList(start, items.size()));
        items.clear();
      }
    } catch (InterruptedException e) {
      stopped = true;
    } catch (RuntimeException | Error e) {
      stopped = true;
      rt.fail(new EngineException(getName() + " died: " + e, e));
    }
    failRemaining();
  }

  private void write(List<Object> segment) {
    if (segment.isEmpty()) {
      return;
    }
    if (rt.failure() != null) {
      segment.forEach(item -> fail(item, rt.failure()));
      return;
    }
    long seqBefore = nextSeq;
    Batch batch = storage.newBatch();
    boolean sync = false;
    List<Work>[] dispatch = rt.newDispatchLists();
    try {
      for (Object item : segment) {
        if (item instanceof PendingAppend p) {
          p.offset = p.depot.nextOffset[p.partition]++;
          batch.put(Space.DEPOT, Keys.depot(p.depot.id, p.partition, p.offset),
              Keys.depotValue(nextSeq++, p.appendTime, p.payload));
          sync |= p.level != AckLevel.NONE;
          dispatch[rt.threadIndex(p.partition)].add(new Work.Record(p.partition, p.depot,
              p.offset, p.appendTime, p.value, p));
        } else {
          Commit c = (Commit) item;
          for (DerivedAppend a : c.appends()) {
            long offset = a.depot().nextOffset[a.partition()]++;
            c.batch().put(Space.DEPOT, Keys.depot(a.depot().id, a.partition(), offset),
                Keys.depotValue(nextSeq++, a.appendTime(), a.payload()));
            dispatch[rt.threadIndex(a.partition())].add(new Work.Record(a.partition(),
                a.depot(), offset, a.appendTime(), a.value(), null));
          }
        }
      }
      if (batch.size() > 0) {
        int records = batch.size();
        long started = System.nanoTime();
        storage.write(batch, sync && fsync);
        commits.record(System.nanoTime() - started, java.util.concurrent.TimeUnit.NANOSECONDS);
        commitRecords.record(records);
      } else {
        batch.close();
      }
      for (Object item : segment) {
        if (item instanceof Commit c) {
          storage.write(c.batch(), false);
        }
      }
      // After the records are in storage (and fsynced when they had to be): the depots'
      // own record of their ends never runs ahead of what is durable.
      if (rt.depotEnds != null && nextSeq != seqBefore) rt.depotEnds.record(rt.layout.depots.values(), false);
    } catch (RuntimeException e) {
      batch.close();
      rollBack(segment, seqBefore);
      EngineException failure = new EngineException("module " + rt.name()
          + ": depot write failed; relaunch to recover: " + e, e);
      rt.fail(failure);
      segment.forEach(item -> fail(item, failure));
      return;
    }
    for (Object item : segment) {
      if (item instanceof PendingAppend p && p.level == AckLevel.APPEND_ACK) {
        p.future.complete(new AppendResult(p.partition, p.offset, Map.of()));
      }
    }
    rt.dispatch(dispatch);
    for (Object item : segment) {
      if (item instanceof Commit c) {
        c.done().complete(null);
      }
    }
  }

  /** Nothing of the segment was written: give its offsets back. */
  private void rollBack(List<Object> segment, long seqBefore) {
    nextSeq = seqBefore;
    for (int i = segment.size() - 1; i >= 0; i--) {
      if (segment.get(i) instanceof PendingAppend p) {
        p.depot.nextOffset[p.partition]--;
      } else {
        for (DerivedAppend a : ((Commit) segment.get(i)).appends()) {
          a.depot().nextOffset[a.partition()]--;
        }
      }
    }
  }

  private void fail(Object item, RuntimeException e) {
    if (item instanceof PendingAppend p) {
      failAppend(p, e);
    } else if (item instanceof Commit c) {
      c.batch().close();
      c.done().completeExceptionally(e);
    } else if (item instanceof Fence f) {
      f.atSeq().accept(nextSeq);
    }
  }

  private void failAppend(PendingAppend p, RuntimeException e) {
    p.future.completeExceptionally(e);
    rt.admission.release(p.partition);
  }

  private void failRemaining() {
    List<Object> rest = new ArrayList<>();
    queue.drainTo(rest);
    EngineException closed = rt.closedError();
    rest.forEach(item -> fail(item, closed));
  }
}
