package coedit.engine.storage;

/** The key spaces of a module's storage (RocksDB column families). */
public enum Space {
  /** Partition count, name-to-id registry, processed-offset marks. */
  META,
  /** Depot records: {@code [depotId:2][partition:2][offset:8] -> [seq:8][time:8][payload]}. */
  DEPOT,
  /** PState entries: {@code [pstateId:2][partition:2][keyLength:4][key]...}. */
  PSTATE
}
