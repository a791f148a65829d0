package coedit.engine.storage;

import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

/** The reads a {@link Storage} and a {@link Snapshot} of it share. */
public interface Reads {

  /** The value, or null. */
  byte[] get(Space space, byte[] key);

  /**
   * Up to {@code limit} entries with {@code from <= key < to} ascending ({@code to} null:
   * unbounded), read from one consistent state.
   */
  List<KV> scan(Space space, byte[] from, byte[] to, int limit);

  /**
   * Hands every entry with {@code from <= key < to} ({@code to} null: unbounded) to
   * {@code page}, in key order, at most {@code pageSize} at a time, so a range of any size
   * is read (and copied) in bounded memory. Each page is read on its own, so with a
   * storage (not a snapshot) entries written meanwhile may or may not be seen.
   */
  default void forEachPage(Space space, byte[] from, byte[] to, int pageSize, Consumer<List<KV>> page) {
    while (true) {
      List<KV> entries = scan(space, from, to, pageSize);
      if (entries.isEmpty()) return;
      page.accept(entries);
      if (entries.size() < pageSize) return;
      byte[] last = entries.get(entries.size() - 1).key();
      from = Arrays.copyOf(last, last.length + 1); // the smallest key after it
    }
  }
}
