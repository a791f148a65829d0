package coedit.engine;

/** Where depots and PStates live. */
public enum StorageKind {
  /** One RocksDB database per module instance under {@code dataDir/moduleName}. */
  ROCKSDB,
  /** Heap only, lost on close; same semantics otherwise. For tests. */
  IN_MEMORY
}
