package coedit.editor;

import java.util.ArrayList;
import java.util.List;
import java.util.function.ToLongFunction;

/**
 * The values of a document's most recent versions, newest last, in a ring bounded by count
 * and by weight: it holds versions {@code first()..last()} contiguously and forgets the
 * oldest as new ones arrive, or when the values' total weight (their size, say) passes the
 * bound; the newest value is always held. The live server keeps the last entries with their
 * wire form in one (joiners rarely page history); the editor keeps its documents' recent
 * changes in a {@link coedit.ot.ComposedHistory} instead, ready to transform. Not
 * thread-safe: its owner guards it.
 */
public final class VersionRing<T> {
  private final Object[] ring;
  private final ToLongFunction<? super T> weigher;
  private final long maxWeight;
  private long last;
  private int size;
  private long weight;

  /** Empty, positioned after {@code version}: the next value added is for {@code version + 1}. */
  public VersionRing(int capacity, long version) {
    this(capacity, version, v -> 0, Long.MAX_VALUE);
  }

  /**
   * As {@link #VersionRing(int, long)}, also holding at most about {@code maxWeight} of
   * {@code weigher}'s weight (the newest value is held whatever it weighs).
   */
  public VersionRing(int capacity, long version, ToLongFunction<? super T> weigher, long maxWeight) {
    if (capacity < 1) throw new IllegalArgumentException("capacity must be at least 1, got " + capacity);
    ring = new Object[capacity];
    last = version;
    this.weigher = weigher;
    this.maxWeight = maxWeight;
  }

  /**
   * Records the value of {@code version}. The next version extends the ring; any other
   * version (a gap, or going back) empties it first, so it never holds a hole.
   */
  public void add(long version, T value) {
    if (version != last + 1) {
      size = 0;
      weight = 0;
    }
    if (size == ring.length) dropOldest();
    last = version;
    ring[slot(version)] = value;
    size++;
    weight += weigher.applyAsLong(value);
    while (weight > maxWeight && size > 1) dropOldest();
  }

  @SuppressWarnings("unchecked")
  private void dropOldest() {
    int s = slot(first());
    weight -= weigher.applyAsLong((T) ring[s]);
    ring[s] = null;
    size--;
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

  /** The value of {@code version}; {@link IllegalArgumentException} unless {@code first() <= version <= last()}. */
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
