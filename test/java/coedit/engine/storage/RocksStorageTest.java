package coedit.engine.storage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rocksdb.ColumnFamilyDescriptor;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.DBOptions;
import org.rocksdb.RocksDB;

class RocksStorageTest extends StorageConformance {
  @TempDir
  Path dir;

  @Override
  protected Storage open() {
    return new RocksStorage(dir.resolve("db"));
  }

  /** Data written before the BASE space existed (no such column family) is still checkable read-only. */
  @Test
  void aDirectoryWithoutTheBaseSpaceOpensReadOnlyWithItEmpty() throws Exception {
    Path old = dir.resolve("old");
    java.nio.file.Files.createDirectories(old);
    List<ColumnFamilyDescriptor> families = new ArrayList<>();
    families.add(new ColumnFamilyDescriptor(RocksDB.DEFAULT_COLUMN_FAMILY));
    families.add(new ColumnFamilyDescriptor("depot".getBytes(StandardCharsets.UTF_8)));
    families.add(new ColumnFamilyDescriptor("pstate".getBytes(StandardCharsets.UTF_8)));
    List<ColumnFamilyHandle> handles = new ArrayList<>();
    try (DBOptions options = new DBOptions().setCreateIfMissing(true).setCreateMissingColumnFamilies(true);
        RocksDB db = RocksDB.open(options, old.toString(), families, handles)) {
      db.put(handles.get(1), new byte[] {1}, new byte[] {7});
      handles.forEach(ColumnFamilyHandle::close);
    }
    try (RocksStorage s = RocksStorage.readOnly(old)) {
      assertArrayEquals(new byte[] {7}, s.get(Space.DEPOT, new byte[] {1}));
      assertNull(s.get(Space.BASE, new byte[] {1}));
      assertEquals(List.of(), s.scan(Space.BASE, new byte[0], null, 10));
      assertNull(s.last(Space.BASE, new byte[0], new byte[] {(byte) 0xff}));
    }
    try (RocksStorage s = new RocksStorage(old)) {
      Batch b = s.newBatch();
      b.put(Space.BASE, new byte[] {1}, new byte[] {2});
      s.write(b, true);
      assertArrayEquals(new byte[] {2}, s.get(Space.BASE, new byte[] {1}));
    }
  }
}
