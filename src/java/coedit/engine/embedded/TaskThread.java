package coedit.engine.embedded;

import coedit.engine.AckLevel;
import coedit.engine.AppendResult;
import coedit.engine.EngineException;
import coedit.engine.ProcessingException;
import coedit.engine.storage.Batch;
import coedit.engine.store.Notice;
import coedit.engine.store.ProxyHub;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs the tasks of some partitions ({@code p % taskThreads == index}), one event at a
 * time. Records are processed in groups; a group's PState writes, marks and processor
 * appends are committed in one atomic batch without fsync (the depot records are already
 * durable; a lost group is reprocessed at launch). Only after the commit are ACK appends
 * completed, permits released and proxies notified, so nothing uncommitted is ever seen.
 */
final class TaskThread extends EngineThread {

  private static final System.Logger LOG = System.getLogger(TaskThread.class.getName());

  /** Records per commit at most: bounds commit size and ACK latency under load. */
  static final int GROUP_LIMIT = 2048;

  final ModuleRuntime rt;
  final Inbox inbox = new Inbox();
  final Overlay overlay;
  private final List<Task> tasks = new ArrayList<>();
  private final List<Completion> completions = new ArrayList<>();
  /** The record being processed, so a thread dying on it can fail its appender. */
  private Work.Record current;
  private int uncommitted;

  TaskThread(ModuleRuntime rt, int index) {
    super("coedit-task-" + rt.name() + "-" + index);
    this.rt = rt;
    this.overlay = new Overlay(rt.storage);
  }

  void addTask(Task t) {
    tasks.add(t);
  }

  @Override
  public void run() {
    try {
      tasks.forEach(Task::startProcessors);
      while (true) {
        for (Work w : inbox.takeAll()) {
          if (w instanceof Work.Record r) {
            record(r);
          } else if (w instanceof Work.Call c) {
            commit();
            runCall(c);
          } else {
            commit();
            tasks.forEach(Task::closeProcessors);
            return;
          }
        }
        commit();
      }
    } catch (InterruptedException e) {
      tasks.forEach(Task::closeProcessors);
    } catch (Throwable e) {
      EngineException failure = new EngineException(getName() + " died: " + e, e);
      rt.fail(failure);
      failUntilStopped(failure);
    }
  }

  /**
   * After the thread's work died with it (an Error, a bug): fails the record it was on, the
   * processed but uncommitted ones, and then everything queued until the module stops, so
   * no appender or reader is left waiting on a task that will never answer. The records
   * stay durable; a relaunch processes them.
   */
  private void failUntilStopped(EngineException failure) {
    if (current != null && current.pending() != null && !current.pending().future.isDone()) {
      current.pending().future.completeExceptionally(failure);
      rt.admission.release(current.partition());
    }
    for (Completion c : completions) {
      c.pending().future.completeExceptionally(failure);
      rt.admission.release(c.pending().partition);
    }
    completions.clear();
    overlay.clear();
    try {
      while (true) {
        List<Work> ws = inbox.takeAll();
        for (Work w : ws) {
          if (w instanceof Work.Stop) {
            failWork(inbox.drain(), failure);
            return;
          }
        }
        failWork(ws, failure);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void failWork(List<Work> ws, RuntimeException error) {
    for (Work w : ws) {
      if (w instanceof Work.Record r && r.pending() != null) {
        r.pending().future.completeExceptionally(error);
        rt.admission.release(r.partition());
      } else if (w instanceof Work.Call c && c.future() != null) {
        c.future().completeExceptionally(error);
      }
    }
  }

  private void record(Work.Record r) {
    if (rt.failure() != null) {
      if (r.pending() != null) {
        r.pending().future.completeExceptionally(rt.failure());
        rt.admission.release(r.partition());
      }
      return;
    }
    current = r;
    Task task = rt.task(r.partition());
    long started = System.nanoTime();
    Completion c = task.process(r);
    task.busyNanos += System.nanoTime() - started;
    current = null;
    if (c != null) {
      completions.add(c);
    }
    if (++uncommitted >= GROUP_LIMIT) {
      commit();
    }
  }

  private void runCall(Work.Call c) {
    try {
      c.body().accept(rt.task(c.partition()));
    } catch (RuntimeException e) {
      LOG.log(System.Logger.Level.ERROR, "engine call failed on partition " + c.partition(), e);
    }
  }

  /** After the thread ended: fails what is still queued (its records stay durable). */
  void failLeftovers(RuntimeException error) {
    for (Work w : inbox.drain()) {
      if (w instanceof Work.Record r && r.pending() != null) {
        r.pending().future.completeExceptionally(new EngineException(error.getMessage()
            + " before record " + r.depot().name + "/" + r.partition() + "/" + r.offset()
            + " was processed; it is durable and will be processed at the next launch"));
        rt.admission.release(r.partition());
      } else if (w instanceof Work.Call c && c.future() != null) {
        c.future().completeExceptionally(error);
      }
    }
  }

  /** Commits the group: writes, marks and processor appends atomically, then acknowledges. */
  void commit() {
    uncommitted = 0;
    boolean marks = false;
    for (Task t : tasks) {
      marks |= t.marksDirty();
    }
    if (!marks && !overlay.groupHasWrites() && completions.isEmpty()) {
      return;
    }
    List<DerivedAppend> appends = overlay.takeAppends();
    List<Notice> notices = overlay.takeNotices();
    Batch batch = rt.storage.newBatch();
    try {
      overlay.drainWritesInto(batch);
      for (Task t : tasks) {
        t.writeMarks(batch);
      }
      if (appends.isEmpty()) {
        rt.storage.write(batch, false);
      } else {
        rt.writer.commit(batch, appends);
      }
    } catch (RuntimeException e) {
      batch.close();
      overlay.clear();
      EngineException failure = new EngineException("module " + rt.name()
          + ": committing processed records failed; relaunch to recover: " + e, e);
      rt.fail(failure);
      for (Completion c : completions) {
        rt.admission.release(c.pending().partition);
        c.pending().future.completeExceptionally(failure);
      }
      completions.clear();
      return;
    }
    for (Completion c : completions) {
      PendingAppend p = c.pending();
      // The permit goes back before the ACK completes, so whoever the ACK wakes sees the
      // record gone from its partition's queue (the queue-depth gauge, a waiting appender).
      rt.admission.release(p.partition);
      if (p.level == AckLevel.ACK) {
        if (c.failure() != null) {
          p.future.completeExceptionally(new ProcessingException(c.failedTopology(), p.depot.name,
              p.partition, p.offset, c.acks(), c.failure()));
        } else {
          p.future.complete(new AppendResult(p.partition, p.offset, c.acks()));
        }
      }
    }
    completions.clear();
    ProxyHub.publish(notices);
  }
}
