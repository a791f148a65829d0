package coedit.engine;

/** When depot appends reach the disk. */
public enum FsyncPolicy {
  /**
   * Every acknowledged append ({@link AckLevel#APPEND_ACK} or {@link AckLevel#ACK}) is
   * fsynced before it is acknowledged; concurrent appends share one fsync (group commit).
   * Survives a machine crash.
   */
  ALWAYS_GROUP_COMMIT,
  /**
   * Appends are written to the write-ahead log without fsync: they survive a killed
   * process ({@code kill -9}) but not a machine crash or power loss.
   */
  NEVER
}
