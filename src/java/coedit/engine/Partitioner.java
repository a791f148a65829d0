package coedit.engine;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * The one partitioning function of the engine, stable across restarts, machines and versions:
 * {@code partition = floorMod(murmur3_32(seed 0, canonicalBytes(key)), partitions)}.
 *
 * <p>Canonical bytes: String as UTF-8; Long as 8 big-endian bytes; Integer as 4 big-endian
 * bytes; UUID as 16 big-endian bytes (most significant half first); byte[] as itself.
 * Depot partition keys must be one of these types. A PState key of another type is
 * partitioned by its codec's encoding.
 *
 * <p>The partition count is stored with the module's data; reopening it with another count
 * is an error, since every key would move.
 */
public final class Partitioner {

  private Partitioner() {}

  /** The partition of a depot partition key. */
  public static int partition(Object key, int partitions) {
    return Math.floorMod(murmur3(canonicalBytes(key)), partitions);
  }

  /** The partition of a PState key: canonical bytes when defined, else {@code codec}'s bytes. */
  public static <K> int partitionOfKey(K key, Codec<K> codec, int partitions) {
    byte[] bytes = hasCanonicalBytes(key) ? canonicalBytes(key) : codec.encode(key);
    return Math.floorMod(murmur3(bytes), partitions);
  }

  public static boolean hasCanonicalBytes(Object key) {
    return key instanceof String || key instanceof Long || key instanceof Integer
        || key instanceof UUID || key instanceof byte[];
  }

  /** See the class comment; {@link IllegalArgumentException} for null or other types. */
  public static byte[] canonicalBytes(Object key) {
    if (key instanceof String s) {
      return s.getBytes(StandardCharsets.UTF_8);
    } else if (key instanceof Long l) {
      return ByteBuffer.allocate(8).putLong(l).array();
    } else if (key instanceof Integer i) {
      return ByteBuffer.allocate(4).putInt(i).array();
    } else if (key instanceof UUID u) {
      return ByteBuffer.allocate(16).putLong(u.getMostSignificantBits())
          .putLong(u.getLeastSignificantBits()).array();
    } else if (key instanceof byte[] b) {
      return b;
    }
    throw new IllegalArgumentException("partition key must be a String, Long, Integer, UUID or"
        + " byte[], got " + (key == null ? "null" : key.getClass().getName()));
  }

  /** MurmurHash3 x86_32 with seed 0. */
  public static int murmur3(byte[] data) {
    final int c1 = 0xcc9e2d51;
    final int c2 = 0x1b873593;
    int h = 0;
    int len = data.length;
    int blocks = len & ~3;
    for (int i = 0; i < blocks; i += 4) {
      int k = (data[i] & 0xff) | (data[i + 1] & 0xff) << 8 | (data[i + 2] & 0xff) << 16
          | (data[i + 3] & 0xff) << 24;
      k *= c1;
      k = Integer.rotateLeft(k, 15);
      k *= c2;
      h ^= k;
      h = Integer.rotateLeft(h, 13);
      h = h * 5 + 0xe6546b64;
    }
    int tail = len & 3;
    if (tail > 0) {
      int k = 0;
      if (tail == 3) {
        k ^= (data[blocks + 2] & 0xff) << 16;
      }
      if (tail >= 2) {
        k ^= (data[blocks + 1] & 0xff) << 8;
      }
      k ^= data[blocks] & 0xff;
      k *= c1;
      k = Integer.rotateLeft(k, 15);
      k *= c2;
      h ^= k;
    }
    h ^= len;
    h ^= h >>> 16;
    h *= 0x85ebca6b;
    h ^= h >>> 13;
    h *= 0xc2b2ae35;
    h ^= h >>> 16;
    return h;
  }
}
