package coedit.editor;

import java.util.concurrent.atomic.LongAdder;

/**
 * What the editor module's tasks have done with their hot documents, summed over the tasks
 * of one module object in this process: for tests and metrics. Counting costs an uncontended
 * add per event.
 */
public final class EditorStats {
  private final LongAdder loads = new LongAdder();
  private final LongAdder evictions = new LongAdder();
  private final LongAdder historyReads = new LongAdder();

  /** Documents rebuilt from their PStates (snapshot plus history tail) by the topology. */
  public long documentLoads() {
    return loads.sum();
  }

  /** Hot documents dropped from memory to stay within the cache bounds. */
  public long evictions() {
    return evictions.sum();
  }

  /**
   * Stale submissions that had to read {@code $$history} because the document did not hold
   * the changes since their version in memory (it holds them afterwards).
   */
  public long historyReads() {
    return historyReads.sum();
  }

  void loaded() {
    loads.increment();
  }

  void evicted() {
    evictions.increment();
  }

  void historyRead() {
    historyReads.increment();
  }
}
