package coedit.engine.embedded;

import coedit.engine.EngineException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.Map;
import java.util.zip.CRC32C;

/**
 * The depots' own record of how far they reached, kept beside RocksDB in a small file
 * ({@code depot-ends}), so that data lost from RocksDB is noticed instead of silently
 * handing out its offsets (and the editor's version numbers) again. After every group
 * commit the writer records each depot partition's end here, after the commit is in
 * RocksDB; the file is fsynced about once a second and at close (with fsync on, the depot
 * write itself was fsynced first, so the record is never ahead of durable data).
 *
 * <p>At launch, a depot partition whose data ends before its recorded end has lost
 * records: the engine refuses to start, naming them. What this catches: any loss of
 * RocksDB data (a truncated or deleted write-ahead log, files lost from a copy) that took
 * records recorded here, which is every record acknowledged before the last second before
 * a power loss, and every record at all after a process crash or when a copy was damaged.
 * Damage RocksDB itself detects (checksums) fails the open in any case.
 *
 * <p>Format: two slots, written alternately, each {@code [magic:4][seq:8][count:4]
 * ([depotId:4][partition:4][end:8])*count [crc32c:4]}; the valid slot with the higher seq
 * wins, so a torn write leaves the previous record.
 */
final class DepotEnds implements AutoCloseable {
  static final String FILE = "depot-ends";
  private static final int MAGIC = 0x434f4445; // "CODE"
  private static final long SYNC_EVERY_NANOS = 1_000_000_000L;

  private final Path file;
  private final FileChannel channel;
  private final int slotSize;
  private final ByteBuffer buffer;
  private long seq;
  private long lastSync = System.nanoTime();
  private boolean dirty;

  /** What the file recorded: (depotId, partition) -> end offset; empty when there is none. */
  record Recorded(Map<Long, Long> ends, boolean readable) {
    static long key(int depotId, int partition) {
      return ((long) depotId << 32) | (partition & 0xffffffffL);
    }

    long end(int depotId, int partition) {
      return ends.getOrDefault(key(depotId, partition), 0L);
    }
  }

  private DepotEnds(Path file, FileChannel channel, int entries, long seq) {
    this.file = file;
    this.channel = channel;
    this.slotSize = 16 + 16 * entries + 4;
    this.buffer = ByteBuffer.allocate(slotSize);
    this.seq = seq;
  }

  /** Reads what {@code dir/depot-ends} recorded (nothing when absent). */
  static Recorded read(Path dir) {
    Path file = dir.resolve(FILE);
    if (!Files.exists(file)) return new Recorded(Map.of(), true);
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (IOException e) {
      throw new EngineException("cannot read " + file + ": " + e.getMessage(), e);
    }
    Map<Long, Long> best = null;
    long bestSeq = -1;
    // Two slots of one size: the file is exactly two slots long.
    int size = bytes.length / 2;
    for (int start = 0; bytes.length % 2 == 0 && start + size <= bytes.length && size >= 20; start += size) {
      ByteBuffer b = ByteBuffer.wrap(bytes, start, size);
      if (b.getInt() != MAGIC) continue;
      long s = b.getLong();
      int count = b.getInt();
      if (count < 0 || 16 + 16L * count + 4 != size) continue;
      CRC32C crc = new CRC32C();
      crc.update(bytes, start, size - 4);
      Map<Long, Long> ends = new HashMap<>();
      for (int i = 0; i < count; i++) ends.put(Recorded.key(b.getInt(), b.getInt()), b.getLong());
      if ((int) crc.getValue() == b.getInt() && s > bestSeq) {
        best = ends;
        bestSeq = s;
      }
    }
    return best == null ? new Recorded(Map.of(), bytes.length == 0) : new Recorded(best, true);
  }

  /**
   * Starts the file afresh for {@code depots} (after launch checked the old record): both
   * slots hold the current ends, fsynced.
   */
  static DepotEnds open(Path dir, Iterable<DepotInfo> depots) {
    Path file = dir.resolve(FILE);
    int entries = 0;
    for (DepotInfo d : depots) entries += d.nextOffset.length;
    try {
      FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
          StandardOpenOption.READ, StandardOpenOption.TRUNCATE_EXISTING);
      DepotEnds ends = new DepotEnds(file, ch, entries, 0);
      ends.record(depots, false);
      ends.record(depots, true);
      return ends;
    } catch (IOException e) {
      throw new EngineException("cannot open " + file + ": " + e.getMessage(), e);
    }
  }

  /**
   * Records the ends of every depot partition (on the writer thread, after a commit); the
   * file is fsynced when the last sync is a second old, or {@code force}.
   */
  void record(Iterable<DepotInfo> depots, boolean force) {
    seq++;
    buffer.clear();
    buffer.putInt(MAGIC).putLong(seq);
    int countAt = buffer.position();
    buffer.putInt(0);
    int count = 0;
    for (DepotInfo d : depots) {
      for (int p = 0; p < d.nextOffset.length; p++) {
        buffer.putInt(d.id).putInt(p).putLong(d.nextOffset[p]);
        count++;
      }
    }
    buffer.putInt(countAt, count);
    CRC32C crc = new CRC32C();
    crc.update(buffer.array(), 0, buffer.position());
    buffer.putInt((int) crc.getValue());
    buffer.flip();
    try {
      long at = (seq & 1) * slotSize;
      while (buffer.hasRemaining()) at += channel.write(buffer, at);
      dirty = true;
      long now = System.nanoTime();
      if (force || now - lastSync >= SYNC_EVERY_NANOS) {
        channel.force(false);
        lastSync = now;
        dirty = false;
      }
    } catch (IOException e) {
      throw new EngineException("cannot record depot ends in " + file + ": " + e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    try {
      if (dirty) channel.force(false);
      channel.close();
    } catch (IOException e) {
      throw new EngineException("cannot close " + file + ": " + e.getMessage(), e);
    }
  }
}
