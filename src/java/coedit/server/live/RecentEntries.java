package coedit.server.live;

import coedit.editor.data.HistoryEntry;

/**
 * The last few entries of a document with their wire form, so joining connections and
 * late presence updates rarely need the history, and each entry is serialised once per
 * room instead of once per connection. Holds versions {@code first()..last()} contiguously.
 */
final class RecentEntries {
  /** An entry and its {@code entry} message text. */
  record Item(HistoryEntry entry, String entryJson) {}

  private final Item[] ring;
  private long last;
  private int size;

  /** Empty, positioned after {@code version} (the next entry must be {@code version + 1}). */
  RecentEntries(int capacity, long version) {
    ring = new Item[capacity];
    last = version;
  }

  /** Appends the next entry; its version must be {@code last() + 1}. */
  void add(Item item) {
    if (item.entry().version() != last + 1) {
      throw new IllegalArgumentException("entry " + item.entry().version() + " does not follow " + last);
    }
    last++;
    ring[(int) (last % ring.length)] = item;
    if (size < ring.length) size++;
  }

  /** The oldest version held (last() + 1 when empty). */
  long first() {
    return last - size + 1;
  }

  long last() {
    return last;
  }

  /** True when every version after {@code version} up to last() is held. */
  boolean covers(long version) {
    return version >= first() - 1;
  }

  /** The entry at {@code version}; requires {@code first() <= version <= last()}. */
  Item get(long version) {
    if (version < first() || version > last) throw new IllegalArgumentException("version " + version + " not held");
    return ring[(int) (version % ring.length)];
  }
}
