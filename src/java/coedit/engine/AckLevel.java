package coedit.engine;

/** What an append waits for before it completes. */
public enum AckLevel {
  /** Admitted to its partition's queue; not yet durable. Offset in the result is -1. */
  NONE,
  /** Durable in the depot (fsynced under {@link FsyncPolicy#ALWAYS_GROUP_COMMIT}). */
  APPEND_ACK,
  /**
   * Durable, and processed by every stream topology on the depot, whose effects are
   * committed and visible to reads and queries; carries each topology's ack value.
   */
  ACK
}
