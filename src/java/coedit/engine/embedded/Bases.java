package coedit.engine.embedded;

import coedit.engine.storage.KV;
import coedit.engine.storage.Reads;
import coedit.engine.storage.Space;
import coedit.engine.store.Keys;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

/**
 * Where bases and trimmed depot starts are stored. A <em>base</em> of partition {@code p} is
 * a copy of every PState entry of {@code p} together with every topology's processed mark,
 * all read from one consistent state: the PStates as of those depot offsets. With a base,
 * depot records at or below the marks it holds are no longer needed, so they may be
 * deleted (trimmed); a recompute starts from the base instead of from empty PStates.
 *
 * <pre>
 * BASE  [partition:2][generation:8][0][markKey]     -> mark (8 bytes), one per topology that had one
 *       [partition:2][generation:8][1][pstateKey]   -> the PState entry's value
 * META  "base/PARTITION"        -> [generation:8][entries:8]: the partition's base (absent: none)
 *       "start/DEPOT/PARTITION" -> first offset the depot partition still holds (absent: 0)
 *       "seq-floor"             -> sequence numbers below it were handed out (to trimmed records)
 *       "restoring/PARTITION"   -> present while a recompute copies the base into the PStates
 *       "recomputing/PARTITION" -> the boundary sequence number of a recompute not finished yet
 * </pre>
 *
 * Generations only grow; entries of another generation than the recorded one are leftovers
 * of a build that died (removed by the next build) or of a base already replaced.
 */
final class Bases {
  static final byte MARK_TAG = 0;
  static final byte ENTRY_TAG = 1;

  private Bases() {}

  /** A partition's base: {@code generation} 0 means none. */
  record Base(long generation, long entries) {
    static final Base NONE = new Base(0, 0);

    boolean exists() {
      return generation > 0;
    }
  }

  static Base read(Reads r, int partition) {
    byte[] v = r.get(Space.META, baseKey(partition));
    return v == null ? Base.NONE : new Base(Keys.getLong(v, 0), Keys.getLong(v, 8));
  }

  static byte[] baseKey(int partition) {
    return Keys.meta("base/" + partition);
  }

  static byte[] baseValue(Base base) {
    byte[] v = new byte[16];
    Keys.putLong(v, 0, base.generation());
    Keys.putLong(v, 8, base.entries());
    return v;
  }

  /** The first offset depot {@code d} holds on {@code partition} after trimming (0 if never trimmed). */
  static long depotStart(Reads r, DepotInfo d, int partition) {
    byte[] v = r.get(Space.META, startKey(d, partition));
    return v == null ? 0 : Keys.getLong(v, 0);
  }

  static byte[] startKey(DepotInfo d, int partition) {
    return Keys.meta("start/" + d.name + "/" + partition);
  }

  static final byte[] SEQ_FLOOR = Keys.meta("seq-floor");

  static long seqFloor(Reads r) {
    byte[] v = r.get(Space.META, SEQ_FLOOR);
    return v == null ? 0 : Keys.getLong(v, 0);
  }

  static byte[] restoringKey(int partition) {
    return Keys.meta("restoring/" + partition);
  }

  static byte[] recomputingKey(int partition) {
    return Keys.meta("recomputing/" + partition);
  }

  /** Topology {@code t}'s mark as copied into {@code base} of {@code partition}: -1 when it had none (or no base). */
  static long mark(Reads r, int partition, Base base, TopologyInfo t) {
    if (!base.exists()) return -1;
    byte[] m = r.get(Space.BASE, tagged(partition, base.generation(), MARK_TAG,
        Keys.markKey(t.name(), t.depot().name, partition)));
    return m == null ? -1 : Keys.getLong(m, 0);
  }

  /**
   * Hands the BASE entries with {@code tag} of {@code generation} of {@code partition} to
   * {@code page}, {@link BaseBuild#CHUNK} at a time, in key order.
   */
  static void forEachPage(Reads r, int partition, long generation, byte tag, Consumer<List<KV>> page) {
    r.forEachPage(Space.BASE, tagged(partition, generation, tag, new byte[0]), tagEnd(partition, generation, tag),
        BaseBuild.CHUNK, page);
  }

  /** First BASE key of {@code generation} of {@code partition}. */
  static byte[] generation(int partition, long generation) {
    byte[] k = new byte[10];
    Keys.putShort(k, 0, partition);
    Keys.putLong(k, 2, generation);
    return k;
  }

  /** First BASE key of {@code partition}. */
  static byte[] partitionStart(int partition) {
    byte[] k = new byte[2];
    Keys.putShort(k, 0, partition);
    return k;
  }

  /** First BASE key after the entries with {@code tag} of a generation. */
  static byte[] tagEnd(int partition, long generation, byte tag) {
    return tagged(partition, generation, (byte) (tag + 1), new byte[0]);
  }

  static byte[] tagged(int partition, long generation, byte tag, byte[] rest) {
    byte[] k = new byte[11 + rest.length];
    Keys.putShort(k, 0, partition);
    Keys.putLong(k, 2, generation);
    k[10] = tag;
    System.arraycopy(rest, 0, k, 11, rest.length);
    return k;
  }

  /** The key a BASE entry copies (a mark key or a PState key). */
  static byte[] copiedKey(byte[] baseKey) {
    return Arrays.copyOfRange(baseKey, 11, baseKey.length);
  }
}
