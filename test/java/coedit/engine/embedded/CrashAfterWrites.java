package coedit.engine.embedded;

import coedit.engine.storage.Batch;
import coedit.engine.storage.Storage;

/**
 * Storage that dies as a killed process would: once armed with {@code n}, it applies the
 * next {@code n} writes and then refuses that one and every later one, so what is stored
 * is exactly what a {@code kill -9} between two writes leaves (unsynced writes survive a
 * killed process: they reached the OS).
 */
final class CrashAfterWrites extends FaultyStorage {
  private int left = -1;

  CrashAfterWrites(Storage delegate) {
    super(delegate);
  }

  synchronized void arm(int writes) {
    left = writes;
  }

  /** True when the armed crash happened. */
  synchronized boolean crashed() {
    return failWrites;
  }

  @Override
  public synchronized void write(Batch batch, boolean sync) {
    if (left == 0) failWrites = true;
    if (left > 0) left--;
    super.write(batch, sync);
  }
}
