package coedit.engine.storage;

/**
 * A read-only view of a {@link Storage} fixed at the moment it was taken: writes made later
 * are not seen, so several reads of it see one consistent state (every batch applied before
 * it whole, none after it at all). For reading much data in pieces while writes go on, as
 * the engine does when it copies a partition's PStates into a base. Close it: it pins the
 * data it sees.
 */
public interface Snapshot extends Reads, AutoCloseable {

  /** Releases the view; idempotent. */
  @Override
  void close();
}
