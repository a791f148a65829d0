package coedit.engine.kafka;

import coedit.engine.store.ProxyHub;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.ReentrantLock;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The tasks of one module on this instance. Locks and proxy hubs live as long as the module
 * (stores are initialized before processors, and subscribers outlive owners); a
 * {@link TaskState} lives as long as this instance owns the task.
 */
final class Tasks {

  private final ReentrantLock[] locks;
  private final ProxyHub[] hubs;
  private final TaskState[] owned;

  Tasks(int partitions) {
    locks = new ReentrantLock[partitions];
    hubs = new ProxyHub[partitions];
    owned = new TaskState[partitions];
    for (int p = 0; p < partitions; p++) {
      locks[p] = new ReentrantLock();
      hubs[p] = new ProxyHub();
    }
  }

  ReentrantLock lock(int partition) {
    return locks[partition];
  }

  ProxyHub hub(int partition) {
    return hubs[partition];
  }

  /** The task's state here, or null when another instance (or nobody yet) owns it. */
  synchronized TaskState owned(int partition) {
    return owned[partition];
  }

  /**
   * A processor node of {@code partition} starts here: the first one takes ownership, with
   * a gate waiting for a barrier in every consumed depot and the task's stores.
   */
  synchronized TaskState open(int partition, Set<String> consumedDepots,
      Map<Integer, KeyValueStore<Bytes, byte[]>> stores) {
    TaskState t = owned[partition];
    if (t == null) {
      t = new TaskState(partition, locks[partition], hubs[partition],
          ThreadLocalRandom.current().nextLong());
      for (String d : consumedDepots) {
        t.await(d, Long.MAX_VALUE);
      }
      t.stores.putAll(stores);
      owned[partition] = t;
    }
    t.openNodes++;
    return t;
  }

  /** A processor node of {@code partition} closed: the last one ends ownership. */
  synchronized boolean close(TaskState t) {
    if (--t.openNodes > 0) {
      return false;
    }
    t.active = false;
    if (owned[t.partition] == t) {
      owned[t.partition] = null;
    }
    return true;
  }

  int partitions() {
    return locks.length;
  }
}
