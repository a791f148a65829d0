package coedit.editor;

import java.util.ArrayList;
import java.util.List;

/**
 * The values of a document's most recent versions, newest last, in a fixed-size ring: it
 * holds versions {@code first()..last()} contiguously and forgets the oldest as new ones
 * arrive. The editor keeps the last accepted changes in one (stale submissions rarely read
 * {@code $$history}); the live server keeps the last entries with their wire form in one
 * (joiners rarely page history). Not thread-safe: its owner guards it.
 */
public final class VersionRing<T> {
  private final Object[] ring;
  private long last;
  private int size;

  /** Empty, positioned after {@code version}: the next value added is for {@code version + 1}. */
  public VersionRing(int capacity, long version) {
    if (capacity < 1) throw new IllegalArgumentException("capacity must be at least 1, got " + capacity);
    ring = new Object[capacity];
    last = version;
  }

  /**
   * Records the value of {@code version}. The next version extends the ring; any other
   * version (a gap, or going back) empties it first, so it never holds a hole.
   */
  public void add(long version, T value) {
    if (version != last + 1) size = 0;
    last = version;
    ring[slot(version)] = value;
    if (size < ring.length) size++;
  }

  /** The newest version held, or the version the ring is positioned after when empty. */
  public long last() {
    return last;
  }

  /** The oldest version held ({@code last() + 1} when empty). */
  public long first() {
    return last - size + 1;
  }

  /**
   * True when every version after {@code version}, up to {@code last()}, is held (also when
   * {@code version >= last()}: there is nothing after it to hold).
   */
  public boolean covers(long version) {
    return version >= first() - 1;
  }

  /** The value of {@code version}; {@link IllegalArgumentException} unless first() <= version <= last(). */
  @SuppressWarnings("unchecked")
  public T get(long version) {
    if (version < first() || version > last) {
      throw new IllegalArgumentException("version " + version + " is not held (" + first() + ".." + last + ")");
    }
    return (T) ring[slot(version)];
  }

  /** The values of versions {@code base + 1 .. last()}, or null when not all are held. */
  public List<T> since(long base) {
    if (!covers(base) || base > last) return null;
    List<T> out = new ArrayList<>((int) (last - base));
    for (long v = base + 1; v <= last; v++) out.add(get(v));
    return out;
  }

  private int slot(long version) {
    return (int) Math.floorMod(version, (long) ring.length);
  }
}
