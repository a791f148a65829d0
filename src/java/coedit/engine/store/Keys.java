package coedit.engine.store;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Byte layout of everything stored. Integers are big-endian so that byte order is numeric
 * order and a prefix scan covers exactly one depot partition, PState partition or key.
 *
 * <pre>
 * DEPOT   [depotId:2][partition:2][offset:8]            -> [seq:8][appendTime:8][payload]
 * PSTATE  [pstateId:2][partition:2][len:4][key]          -> map value
 *         ... [key][0]                                   -> list / sorted map size (8 bytes)
 *         ... [key][1][index:8]                          -> list element
 *         ... [key][1][subkey]                           -> sorted map value
 *         ... [key][2]                                   -> list start, when not 0 (8 bytes)
 * META    UTF-8 strings: "partitions", "id/depot/NAME", "id/pstate/NAME", "id/next",
 *         "mark/TOPOLOGY/DEPOT/PARTITION" -> last processed offset (8 bytes)
 * </pre>
 */
public final class Keys {

  private Keys() {}

  public static final byte SIZE_TAG = 0;
  public static final byte ENTRY_TAG = 1;
  public static final byte START_TAG = 2;

  public static byte[] depot(int depotId, int partition, long offset) {
    byte[] k = new byte[12];
    putShort(k, 0, depotId);
    putShort(k, 2, partition);
    putLong(k, 4, offset);
    return k;
  }

  /** First key after every record of {@code (depotId, partition)}. */
  public static byte[] depotEnd(int depotId, int partition) {
    return depot(depotId, partition + 1, 0);
  }

  public static long depotOffset(byte[] key) {
    return getLong(key, 4);
  }

  public static byte[] depotValue(long seq, long appendTime, byte[] payload) {
    byte[] v = new byte[16 + payload.length];
    putLong(v, 0, seq);
    putLong(v, 8, appendTime);
    System.arraycopy(payload, 0, v, 16, payload.length);
    return v;
  }

  public static long valueSeq(byte[] v) {
    return getLong(v, 0);
  }

  public static long valueTime(byte[] v) {
    return getLong(v, 8);
  }

  public static byte[] valuePayload(byte[] v) {
    return Arrays.copyOfRange(v, 16, v.length);
  }

  /** The key of a map entry, and the prefix of a list's or sorted map's entries. */
  public static byte[] pstateKey(int pstateId, int partition, byte[] key) {
    byte[] k = new byte[8 + key.length];
    putShort(k, 0, pstateId);
    putShort(k, 2, partition);
    putInt(k, 4, key.length);
    System.arraycopy(key, 0, k, 8, key.length);
    return k;
  }

  public static byte[] pstatePartitionStart(int pstateId, int partition) {
    byte[] k = new byte[4];
    putShort(k, 0, pstateId);
    putShort(k, 2, partition);
    return k;
  }

  public static byte[] sizeKey(byte[] prefix) {
    byte[] k = Arrays.copyOf(prefix, prefix.length + 1);
    k[prefix.length] = SIZE_TAG;
    return k;
  }

  /** Where a list keeps its start (its first held index) once elements were dropped. */
  public static byte[] startKey(byte[] prefix) {
    byte[] k = Arrays.copyOf(prefix, prefix.length + 1);
    k[prefix.length] = START_TAG;
    return k;
  }

  public static byte[] element(byte[] prefix, long index) {
    byte[] k = Arrays.copyOf(prefix, prefix.length + 9);
    k[prefix.length] = ENTRY_TAG;
    putLong(k, prefix.length + 1, index);
    return k;
  }

  public static long elementIndex(byte[] key) {
    return getLong(key, key.length - 8);
  }

  public static byte[] sub(byte[] prefix, byte[] subkey) {
    byte[] k = Arrays.copyOf(prefix, prefix.length + 1 + subkey.length);
    k[prefix.length] = ENTRY_TAG;
    System.arraycopy(subkey, 0, k, prefix.length + 1, subkey.length);
    return k;
  }

  public static byte[] subkeyOf(byte[] key, int prefixLength) {
    return Arrays.copyOfRange(key, prefixLength + 1, key.length);
  }

  /** First key after every entry of the list or sorted map at {@code prefix}. */
  public static byte[] entriesEnd(byte[] prefix) {
    byte[] k = Arrays.copyOf(prefix, prefix.length + 1);
    k[prefix.length] = ENTRY_TAG + 1;
    return k;
  }

  public static byte[] meta(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  public static byte[] markKey(String topology, String depot, int partition) {
    return meta("mark/" + topology + "/" + depot + "/" + partition);
  }

  public static byte[] markPrefix() {
    return meta("mark/");
  }

  public static byte[] longBytes(long v) {
    byte[] b = new byte[8];
    putLong(b, 0, v);
    return b;
  }

  public static byte[] intBytes(int v) {
    byte[] b = new byte[4];
    putInt(b, 0, v);
    return b;
  }

  public static long getLong(byte[] b, int off) {
    long v = 0;
    for (int i = 0; i < 8; i++) {
      v = (v << 8) | (b[off + i] & 0xff);
    }
    return v;
  }

  public static int getShort(byte[] b, int off) {
    return ((b[off] & 0xff) << 8) | (b[off + 1] & 0xff);
  }

  public static int getInt(byte[] b, int off) {
    return (b[off] & 0xff) << 24 | (b[off + 1] & 0xff) << 16 | (b[off + 2] & 0xff) << 8
        | (b[off + 3] & 0xff);
  }

  public static void putLong(byte[] b, int off, long v) {
    for (int i = 7; i >= 0; i--) {
      b[off + i] = (byte) v;
      v >>>= 8;
    }
  }

  public static void putInt(byte[] b, int off, int v) {
    b[off] = (byte) (v >>> 24);
    b[off + 1] = (byte) (v >>> 16);
    b[off + 2] = (byte) (v >>> 8);
    b[off + 3] = (byte) v;
  }

  public static void putShort(byte[] b, int off, int v) {
    b[off] = (byte) (v >>> 8);
    b[off + 1] = (byte) v;
  }

  /** The smallest key greater than every key starting with {@code prefix}. */
  public static byte[] prefixEnd(byte[] prefix) {
    byte[] k = prefix.clone();
    for (int i = k.length - 1; i >= 0; i--) {
      if (k[i] != (byte) 0xff) {
        k[i]++;
        return Arrays.copyOf(k, i + 1);
      }
    }
    return null;
  }
}
