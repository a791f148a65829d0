package coedit.engine.storage;

/** The key spaces of a module's storage (RocksDB column families). */
public enum Space {
  /** Partition count, name-to-id registry, processed-offset marks, bases and depot starts. */
  META,
  /** Depot records: {@code [depotId:2][partition:2][offset:8] -> [seq:8][time:8][payload]}. */
  DEPOT,
  /** PState entries: {@code [pstateId:2][partition:2][keyLength:4][key]...}. */
  PSTATE,
  /**
   * Bases, the PStates of a partition as of a depot offset, kept so that the depot records
   * below it can be trimmed: {@code [partition:2][generation:8][tag:1][...]}; see the
   * engine's {@code Bases}.
   */
  BASE
}
