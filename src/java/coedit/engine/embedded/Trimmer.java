package coedit.engine.embedded;

import coedit.engine.DepotTrimming;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Decides when a partition gets a new base and its depots are trimmed ({@link BaseBuild}),
 * on its own thread so that neither the writer nor a task ever waits for it. The rule is
 * {@link DepotTrimming}'s: a partition is due once the records above its base (read from
 * the writer's next offsets, a moment stale at worst, which only delays a build) number at
 * least max(minRecords, the base's entries).
 *
 * <p>Builds and recomputes exclude each other ({@link #lock}): a recompute resets the
 * PStates and marks to the base, which must not change under it, and a base taken from a
 * half-recomputed partition would be consistent but made partly by another code version.
 */
final class Trimmer {
  private static final System.Logger LOG = System.getLogger(Trimmer.class.getName());

  private final ModuleRuntime rt;
  private final DepotTrimming policy;
  /** Held while a base is built or the module recomputes. */
  final ReentrantLock lock = new ReentrantLock();
  private Thread thread;
  private volatile boolean stopped;
  /** Depot records deleted and bases built since launch, for the meters. */
  volatile long trimmed;
  volatile long builds;

  Trimmer(ModuleRuntime rt, DepotTrimming policy) {
    this.rt = rt;
    this.policy = policy;
  }

  /** Starts looking, every {@code checkEvery}, when the policy is enabled. */
  void start() {
    if (!policy.enabled()) return;
    thread = new Thread(this::loop, "coedit-trim-" + rt.name());
    thread.setDaemon(true);
    thread.start();
  }

  /** Stops the thread (waiting for a build under way to finish, so storage can close). */
  void stop() {
    stopped = true;
    Thread t = thread;
    if (t == null) return;
    t.interrupt();
    try {
      t.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void loop() {
    while (!stopped) {
      try {
        Thread.sleep(policy.checkEvery().toMillis());
      } catch (InterruptedException e) {
        return;
      }
      if (rt.failure() != null) continue;
      try {
        pass(false);
      } catch (RuntimeException e) {
        if (stopped) return;
        // Nothing is lost: a build that fails keeps the old base and every record; the next look retries.
        LOG.log(System.Logger.Level.ERROR, "module " + rt.name() + ": trimming failed (every record is kept;"
            + " retried in " + policy.checkEvery() + "): " + e, e);
      }
    }
  }

  /**
   * Builds a base for, and trims, every partition that is due (every partition with
   * {@code force}); returns what was done. Runs on the caller's thread.
   */
  List<BaseBuild.Result> pass(boolean force) {
    List<BaseBuild.Result> done = new ArrayList<>();
    for (int p = 0; p < rt.partitions() && !stopped; p++) {
      lock.lock();
      try {
        if (force || due(p)) {
          BaseBuild.Result r = BaseBuild.run(rt.storage, rt.layout, p);
          trimmed += r.trimmed();
          builds++;
          done.add(r);
        }
      } finally {
        lock.unlock();
      }
    }
    return done;
  }

  private boolean due(int p) {
    long above = 0;
    for (DepotInfo d : rt.layout.depots.values()) {
      if (!d.topologies.isEmpty()) above += d.nextOffset[p] - Bases.depotStart(rt.storage, d, p);
    }
    return above >= Math.max(policy.minRecords(), Bases.read(rt.storage, p).entries());
  }
}
