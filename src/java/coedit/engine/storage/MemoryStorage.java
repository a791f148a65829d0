package coedit.engine.storage;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * Heap storage with the same semantics as {@link RocksStorage} except durability: for fast
 * tests, and as the smallest example of the SPI. A read-write lock makes batches atomic for
 * readers.
 */
public final class MemoryStorage implements Storage {

  private final Map<Space, ConcurrentSkipListMap<byte[], byte[]>> spaces =
      new EnumMap<>(Space.class);
  private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
  private volatile boolean closed;

  public MemoryStorage() {
    for (Space s : Space.values()) {
      spaces.put(s, new ConcurrentSkipListMap<>(Arrays::compareUnsigned));
    }
  }

  @Override
  public byte[] get(Space space, byte[] key) {
    lock.readLock().lock();
    try {
      checkOpen();
      return spaces.get(space).get(key);
    } finally {
      lock.readLock().unlock();
    }
  }

  @Override
  public List<KV> scan(Space space, byte[] from, byte[] to, int limit) {
    lock.readLock().lock();
    try {
      checkOpen();
      return scan(spaces.get(space), from, to, limit);
    } finally {
      lock.readLock().unlock();
    }
  }

  private static List<KV> scan(NavigableMap<byte[], byte[]> m, byte[] from, byte[] to, int limit) {
    if (to != null && Arrays.compareUnsigned(from, to) >= 0) {
      return List.of();
    }
    NavigableMap<byte[], byte[]> sub =
        to == null ? m.tailMap(from, true) : m.subMap(from, true, to, false);
    List<KV> out = new ArrayList<>(Math.min(limit, 64));
    for (Map.Entry<byte[], byte[]> e : sub.entrySet()) {
      if (out.size() >= limit) {
        break;
      }
      out.add(new KV(e.getKey(), e.getValue()));
    }
    return out;
  }

  @Override
  public KV last(Space space, byte[] from, byte[] to) {
    lock.readLock().lock();
    try {
      checkOpen();
      Map.Entry<byte[], byte[]> e = spaces.get(space).lowerEntry(to);
      if (e == null || Arrays.compareUnsigned(e.getKey(), from) < 0) {
        return null;
      }
      return new KV(e.getKey(), e.getValue());
    } finally {
      lock.readLock().unlock();
    }
  }

  @Override
  public Batch newBatch() {
    return new MemoryBatch();
  }

  @Override
  public void write(Batch batch, boolean sync) {
    MemoryBatch b = (MemoryBatch) batch;
    lock.writeLock().lock();
    try {
      checkOpen();
      for (MemoryBatch.Op op : b.ops) {
        ConcurrentSkipListMap<byte[], byte[]> m = spaces.get(op.space());
        if (op.to() != null) {
          m.subMap(op.key(), true, op.to(), false).clear();
        } else if (op.value() == null) {
          m.remove(op.key());
        } else {
          m.put(op.key(), op.value());
        }
      }
    } finally {
      lock.writeLock().unlock();
    }
  }

  /** A copy of every space, taken under the read lock (O(size): this is test storage). */
  @Override
  public Snapshot snapshot() {
    Map<Space, ConcurrentSkipListMap<byte[], byte[]>> copy = new EnumMap<>(Space.class);
    lock.readLock().lock();
    try {
      checkOpen();
      spaces.forEach((space, m) -> copy.put(space, m.clone()));
    } finally {
      lock.readLock().unlock();
    }
    return new Snapshot() {
      @Override
      public byte[] get(Space space, byte[] key) {
        return copy.get(space).get(key);
      }

      @Override
      public List<KV> scan(Space space, byte[] from, byte[] to, int limit) {
        return MemoryStorage.scan(copy.get(space), from, to, limit);
      }

      @Override
      public void close() {
        copy.clear();
      }
    };
  }

  /** Nothing to reclaim: deleted entries are gone from the heap at once. */
  @Override
  public void compact(Space space, byte[] from, byte[] to) {
    checkOpen();
  }

  @Override
  public boolean durable() {
    return false;
  }

  @Override
  public void close() {
    lock.writeLock().lock();
    try {
      closed = true;
      spaces.values().forEach(Map::clear);
    } finally {
      lock.writeLock().unlock();
    }
  }

  private void checkOpen() {
    if (closed) {
      throw new StorageException("storage is closed");
    }
  }

  /** Operations recorded in order, applied under the write lock. */
  private static final class MemoryBatch implements Batch {
    record Op(Space space, byte[] key, byte[] value, byte[] to) {}

    final List<Op> ops = new ArrayList<>();

    @Override
    public void put(Space space, byte[] key, byte[] value) {
      ops.add(new Op(space, key, value, null));
    }

    @Override
    public void delete(Space space, byte[] key) {
      ops.add(new Op(space, key, null, null));
    }

    @Override
    public void deleteRange(Space space, byte[] from, byte[] to) {
      ops.add(new Op(space, from, null, to));
    }

    @Override
    public int size() {
      return ops.size();
    }

    @Override
    public void close() {
      // Heap only: nothing to release.
    }
  }

  @Override
  public void checkpoint(java.nio.file.Path dest) {
    throw new StorageException("in-memory storage holds nothing durable to back up (to " + dest + ")");
  }

  @Override
  public long sizeBytes() {
    lock.readLock().lock();
    try {
      long n = 0;
      for (ConcurrentSkipListMap<byte[], byte[]> m : spaces.values()) {
        for (Map.Entry<byte[], byte[]> e : m.entrySet()) n += e.getKey().length + e.getValue().length;
      }
      return n;
    } finally {
      lock.readLock().unlock();
    }
  }
}
