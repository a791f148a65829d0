package coedit.engine.storage;

import java.util.List;

/** The reads a {@link Storage} and a {@link Snapshot} of it share. */
public interface Reads {

  /** The value, or null. */
  byte[] get(Space space, byte[] key);

  /**
   * Up to {@code limit} entries with {@code from <= key < to} ascending ({@code to} null:
   * unbounded), read from one consistent state.
   */
  List<KV> scan(Space space, byte[] from, byte[] to, int limit);
}
