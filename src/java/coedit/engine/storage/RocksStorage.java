package coedit.engine.storage;

import coedit.engine.DataDamagedException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.rocksdb.Checkpoint;
import org.rocksdb.ColumnFamilyDescriptor;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.ColumnFamilyOptions;
import org.rocksdb.CompressionType;
import org.rocksdb.DBOptions;
import org.rocksdb.ReadOptions;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.Status;
import org.rocksdb.WALRecoveryMode;
import org.rocksdb.WriteBatch;
import org.rocksdb.WriteOptions;

/**
 * One RocksDB database (one directory) with a column family per {@link Space}. Durable:
 * synced writes fsync the write-ahead log; unsynced ones reach the OS before returning, so
 * they survive {@code kill -9}.
 *
 * <p>Damage is reported, never papered over: recovery tolerates only an incomplete last
 * record of the write-ahead log (a crash mid-write, never an acknowledged record), checks
 * are paranoid and every read verifies checksums, and corruption found at open or on a
 * read is a {@link DataDamagedException} naming the directory. (Records lost in a way
 * RocksDB cannot see, such as a truncated log, are caught by the engine's own record of
 * its depots' ends.)
 */
public final class RocksStorage implements Storage {

  static {
    RocksDB.loadLibrary();
  }

  private final Path dir;
  private final DBOptions dbOptions;
  private final ColumnFamilyOptions cfOptions;
  private final RocksDB db;
  private final Map<Space, ColumnFamilyHandle> handles = new EnumMap<>(Space.class);
  private final List<ColumnFamilyHandle> allHandles = new ArrayList<>();
  private final WriteOptions synced = new WriteOptions().setSync(true);
  private final WriteOptions unsynced = new WriteOptions().setSync(false);
  private final boolean readOnly;
  private volatile boolean closed;

  /** Opens or creates the database in {@code dir}. */
  public RocksStorage(Path dir) {
    this(dir, false);
  }

  /**
   * Opens the database in {@code dir} for reading only (it must exist): nothing in the
   * directory changes, not even the recovery of its write-ahead log into data files, and
   * every write fails. For offline checks.
   */
  public static RocksStorage readOnly(Path dir) {
    if (!Files.isDirectory(dir)) throw new StorageException("no RocksDB data in " + dir);
    return new RocksStorage(dir, true);
  }

  private RocksStorage(Path dir, boolean readOnly) {
    this.dir = dir;
    this.readOnly = readOnly;
    try {
      Files.createDirectories(dir);
    } catch (java.io.IOException e) {
      throw new StorageException("cannot create storage directory " + dir + ": " + e, e);
    }
    int cpus = Runtime.getRuntime().availableProcessors();
    dbOptions = new DBOptions()
        .setCreateIfMissing(true)
        .setCreateMissingColumnFamilies(true)
        .setParanoidChecks(true)
        .setWalRecoveryMode(WALRecoveryMode.TolerateCorruptedTailRecords)
        .setMaxBackgroundJobs(Math.max(2, cpus))
        .setKeepLogFileNum(3)
        // A log file is deleted only once every column family's memtable holding its writes
        // is flushed, and META (marks) fills its memtable very slowly: without a cap the
        // logs grow to RocksDB's default of 4x all memtables (gigabytes), whatever trimming
        // deleted. 256 MiB makes the lagging families flush.
        .setMaxTotalWalSize(256L << 20);
    cfOptions = new ColumnFamilyOptions()
        .setWriteBufferSize(64L << 20)
        .setMaxWriteBufferNumber(3)
        .setCompressionType(CompressionType.LZ4_COMPRESSION);
    // Read-only, RocksDB cannot create a column family a directory lacks (data written before
    // that space existed, such as BASE): such a space is opened as absent and reads as empty.
    List<byte[]> existing;
    try {
      existing = readOnly ? existingFamilies(dir) : null;
    } catch (StorageException e) {
      cfOptions.close();
      dbOptions.close();
      throw e;
    }
    List<ColumnFamilyDescriptor> descriptors = new ArrayList<>();
    List<Space> opened = new ArrayList<>();
    descriptors.add(new ColumnFamilyDescriptor(RocksDB.DEFAULT_COLUMN_FAMILY, cfOptions));
    opened.add(Space.META);
    for (Space s : Space.values()) {
      byte[] name = s.name().toLowerCase().getBytes(StandardCharsets.UTF_8);
      if (s != Space.META && (existing == null || existing.stream().anyMatch(e -> Arrays.equals(e, name)))) {
        descriptors.add(new ColumnFamilyDescriptor(name, cfOptions));
        opened.add(s);
      }
    }
    try {
      db = readOnly ? RocksDB.openReadOnly(dbOptions, dir.toString(), descriptors, allHandles)
          : RocksDB.open(dbOptions, dir.toString(), descriptors, allHandles);
    } catch (RocksDBException e) {
      cfOptions.close();
      dbOptions.close();
      if (isCorruption(e)) throw damaged("opening", e);
      throw new StorageException("cannot open RocksDB in " + dir + ": " + e.getMessage(), e);
    }
    for (int i = 0; i < opened.size(); i++) {
      handles.put(opened.get(i), allHandles.get(i));
    }
  }

  private static List<byte[]> existingFamilies(Path dir) {
    try (org.rocksdb.Options options = new org.rocksdb.Options()) {
      return RocksDB.listColumnFamilies(options, dir.toString());
    } catch (RocksDBException e) {
      throw new StorageException("cannot open RocksDB in " + dir + ": " + e.getMessage(), e);
    }
  }

  @Override
  public byte[] get(Space space, byte[] key) {
    checkOpen();
    return get(space, key, null);
  }

  private byte[] get(Space space, byte[] key, ReadOptions ro) {
    ColumnFamilyHandle h = handles.get(space);
    if (h == null) return null;
    try {
      return ro == null ? db.get(h, key) : db.get(h, ro, key);
    } catch (RocksDBException e) {
      if (isCorruption(e)) throw damaged("reading", e);
      throw new StorageException("read failed in " + dir + ": " + e.getMessage(), e);
    }
  }

  @Override
  public List<KV> scan(Space space, byte[] from, byte[] to, int limit) {
    checkOpen();
    try (ReadOptions ro = new ReadOptions()) {
      return scan(space, from, to, limit, ro);
    }
  }

  private List<KV> scan(Space space, byte[] from, byte[] to, int limit, ReadOptions ro) {
    List<KV> out = new ArrayList<>(Math.min(limit, 64));
    ColumnFamilyHandle h = handles.get(space);
    if (h == null) return out;
    try (RocksIterator it = db.newIterator(h, ro)) {
      for (it.seek(from); it.isValid() && out.size() < limit; it.next()) {
        byte[] k = it.key();
        if (to != null && Arrays.compareUnsigned(k, to) >= 0) {
          break;
        }
        out.add(new KV(k, it.value()));
      }
      it.status();
    } catch (RocksDBException e) {
      if (isCorruption(e)) throw damaged("scanning", e);
      throw new StorageException("scan failed in " + dir + ": " + e.getMessage(), e);
    }
    return out;
  }

  @Override
  public KV last(Space space, byte[] from, byte[] to) {
    checkOpen();
    ColumnFamilyHandle h = handles.get(space);
    if (h == null) return null;
    try (RocksIterator it = db.newIterator(h)) {
      it.seekForPrev(to);
      if (it.isValid() && Arrays.equals(it.key(), to)) {
        it.prev();
      }
      if (!it.isValid()) {
        it.status();
        return null;
      }
      byte[] k = it.key();
      return Arrays.compareUnsigned(k, from) < 0 ? null : new KV(k, it.value());
    } catch (RocksDBException e) {
      throw new StorageException("seek failed in " + dir + ": " + e.getMessage(), e);
    }
  }

  @Override
  public Batch newBatch() {
    return new RocksBatch();
  }

  @Override
  public void write(Batch batch, boolean sync) {
    checkOpen();
    if (readOnly) {
      batch.close();
      throw new StorageException("storage " + dir + " is open for reading only");
    }
    RocksBatch b = (RocksBatch) batch;
    try (WriteBatch wb = b.wb) {
      db.write(sync ? synced : unsynced, wb);
    } catch (RocksDBException e) {
      throw new StorageException("write of " + b.size + " operations failed in " + dir + ": "
          + e.getMessage(), e);
    }
  }

  @Override
  public Snapshot snapshot() {
    checkOpen();
    return new RocksSnapshot();
  }

  @Override
  public void compact(Space space, byte[] from, byte[] to) {
    checkOpen();
    if (readOnly || handles.get(space) == null) return;
    try {
      db.compactRange(handles.get(space), from, to);
    } catch (RocksDBException e) {
      throw new StorageException("compaction failed in " + dir + ": " + e.getMessage(), e);
    }
  }

  @Override
  public boolean durable() {
    return true;
  }

  /** SST files, live write-ahead logs and memtables, from RocksDB's own properties. */
  @Override
  public long sizeBytes() {
    if (closed) return 0;
    long n = 0;
    try {
      for (ColumnFamilyHandle h : allHandles) {
        n += db.getLongProperty(h, "rocksdb.total-sst-files-size");
        n += db.getLongProperty(h, "rocksdb.cur-size-all-mem-tables");
      }
      n += db.getLongProperty("rocksdb.live-wal-files-size") ;
    } catch (RocksDBException e) {
      // A property RocksDB cannot answer counts as nothing; this is a gauge, not a check.
    }
    return n;
  }

  /** A RocksDB checkpoint: hard links to the immutable data files plus a flushed memtable. */
  @Override
  public void checkpoint(Path dest) {
    checkOpen();
    try (Checkpoint checkpoint = Checkpoint.create(db)) {
      checkpoint.createCheckpoint(dest.toString());
    } catch (RocksDBException e) {
      throw new StorageException("cannot checkpoint " + dir + " into " + dest + ": " + e.getMessage(), e);
    }
  }

  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      if (!readOnly) db.syncWal();
    } catch (RocksDBException e) {
      // Closing anyway: synced appends are already durable, the rest is reprocessed.
    }
    allHandles.forEach(ColumnFamilyHandle::close);
    db.close();
    synced.close();
    unsynced.close();
    cfOptions.close();
    dbOptions.close();
  }

  private static boolean isCorruption(RocksDBException e) {
    return e.getStatus() != null && e.getStatus().getCode() == Status.Code.Corruption;
  }

  private DataDamagedException damaged(String doing, RocksDBException e) {
    return new DataDamagedException("the data in " + dir + " is damaged: RocksDB reports " + e.getMessage()
        + " while " + doing + ". Restore the data directory from a backup (bin/coedit restore BACKUP"
        + " DATA_DIR); bin/coedit check DATA_DIR shows what is readable.", e);
  }

  private void checkOpen() {
    if (closed) {
      throw new StorageException("storage " + dir + " is closed");
    }
  }

  /** A RocksDB snapshot: reads through it see the sequence number it was taken at. */
  private final class RocksSnapshot implements Snapshot {
    private final org.rocksdb.Snapshot snapshot = db.getSnapshot();
    private final ReadOptions ro = new ReadOptions().setSnapshot(snapshot);
    private boolean released;

    @Override
    public byte[] get(Space space, byte[] key) {
      checkOpen();
      return RocksStorage.this.get(space, key, ro);
    }

    @Override
    public List<KV> scan(Space space, byte[] from, byte[] to, int limit) {
      checkOpen();
      return RocksStorage.this.scan(space, from, to, limit, ro);
    }

    @Override
    public synchronized void close() {
      if (released) return;
      released = true;
      ro.close();
      if (!closed) db.releaseSnapshot(snapshot);
    }
  }

  /** A native WriteBatch filled directly, so the writer thread copies each record once. */
  private final class RocksBatch implements Batch {
    final WriteBatch wb = new WriteBatch();
    int size;

    @Override
    public void put(Space space, byte[] key, byte[] value) {
      try {
        wb.put(handles.get(space), key, value);
      } catch (RocksDBException e) {
        throw new StorageException("batch put failed: " + e.getMessage(), e);
      }
      size++;
    }

    @Override
    public void delete(Space space, byte[] key) {
      try {
        wb.delete(handles.get(space), key);
      } catch (RocksDBException e) {
        throw new StorageException("batch delete failed: " + e.getMessage(), e);
      }
      size++;
    }

    @Override
    public void deleteRange(Space space, byte[] from, byte[] to) {
      try {
        wb.deleteRange(handles.get(space), from, to);
      } catch (RocksDBException e) {
        throw new StorageException("batch deleteRange failed: " + e.getMessage(), e);
      }
      size++;
    }

    @Override
    public int size() {
      return size;
    }

    @Override
    public void close() {
      wb.close();
    }
  }
}
