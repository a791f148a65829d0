package coedit.engine.kafka;

import java.util.Map;
import org.apache.kafka.streams.state.RocksDBConfigSetter;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.Cache;
import org.rocksdb.LRUCache;
import org.rocksdb.Options;
import org.rocksdb.WriteBufferManager;

/**
 * Bounds the memory of every RocksDB state store in this JVM together: one 64 MiB block
 * cache, of which memtables may take 32 MiB, shared by all stores, instead of Streams'
 * default of a 50 MiB cache and up to 48 MiB of memtables per store. A module has a store
 * per PState per task, so the default grows with partitions; this does not.
 */
public final class BoundedRocks implements RocksDBConfigSetter {

  private static final long CACHE = 64L << 20;
  private static final long MEMTABLES = 32L << 20;
  private static final Cache SHARED_CACHE = new LRUCache(CACHE);
  private static final WriteBufferManager WRITE_BUFFERS =
      new WriteBufferManager(MEMTABLES, SHARED_CACHE);

  @Override
  public void setConfig(String storeName, Options options, Map<String, Object> configs) {
    BlockBasedTableConfig table = (BlockBasedTableConfig) options.tableFormatConfig();
    table.setBlockCache(SHARED_CACHE);
    table.setCacheIndexAndFilterBlocks(true);
    options.setWriteBufferManager(WRITE_BUFFERS);
    options.setWriteBufferSize(4L << 20);
    options.setMaxWriteBufferNumber(2);
    options.setTableFormatConfig(table);
  }

  @Override
  public void close(String storeName, Options options) {
    // The cache and write buffer manager are shared by every store: never closed here.
  }
}
