package coedit.engine.embedded;

import coedit.engine.storage.Batch;
import coedit.engine.storage.KV;
import coedit.engine.storage.Space;
import coedit.engine.storage.Storage;
import coedit.engine.store.Access;
import coedit.engine.store.Notice;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * A task thread's uncommitted writes in two layers: the current event's (dropped if its
 * processor throws) over the group's (events processed since the last commit). Reads look
 * through both to storage, so an event sees its own and earlier events' writes. Proxy
 * notices and processor appends are buffered the same way, so a failed event leaves no
 * trace. Used by one thread only.
 */
final class Overlay implements Access {

  /** Marks a deleted key; compared by identity, so stored empty values stay distinct. */
  private static final byte[] TOMBSTONE = new byte[0];

  private final Storage storage;
  private final TreeMap<byte[], byte[]> group = new TreeMap<>(Arrays::compareUnsigned);
  private final TreeMap<byte[], byte[]> event = new TreeMap<>(Arrays::compareUnsigned);
  private final List<Notice> groupNotices = new ArrayList<>();
  private final List<Notice> eventNotices = new ArrayList<>();
  private final List<DerivedAppend> groupAppends = new ArrayList<>();
  private final List<DerivedAppend> eventAppends = new ArrayList<>();

  Overlay(Storage storage) {
    this.storage = storage;
  }

  @Override
  public byte[] get(byte[] key) {
    byte[] v = event.get(key);
    if (v == null) {
      v = group.get(key);
    }
    if (v == null) {
      return storage.get(Space.PSTATE, key);
    }
    return v == TOMBSTONE ? null : v;
  }

  @Override
  public List<KV> scan(byte[] from, byte[] to, int limit) {
    if (to != null && Arrays.compareUnsigned(from, to) >= 0) {
      return List.of();
    }
    TreeMap<byte[], byte[]> over = new TreeMap<>(Arrays::compareUnsigned);
    over.putAll(sub(group, from, to));
    over.putAll(sub(event, from, to));
    if (over.isEmpty()) {
      return storage.scan(Space.PSTATE, from, to, limit);
    }
    int tombstones = 0;
    for (byte[] v : over.values()) {
      if (v == TOMBSTONE) {
        tombstones++;
      }
    }
    // Each tombstone hides at most one stored entry, so this many stored entries suffice.
    int fetch = (int) Math.min(Integer.MAX_VALUE, (long) limit + tombstones);
    List<KV> stored = storage.scan(Space.PSTATE, from, to, fetch);
    List<KV> out = new ArrayList<>(Math.min(limit, stored.size() + over.size()));
    var it = over.entrySet().iterator();
    Map.Entry<byte[], byte[]> o = it.hasNext() ? it.next() : null;
    int i = 0;
    while (out.size() < limit && (o != null || i < stored.size())) {
      int c = o == null ? 1 : i >= stored.size() ? -1
          : Arrays.compareUnsigned(o.getKey(), stored.get(i).key());
      if (c <= 0) {
        if (o.getValue() != TOMBSTONE) {
          out.add(new KV(o.getKey(), o.getValue()));
        }
        if (c == 0) {
          i++;
        }
        o = it.hasNext() ? it.next() : null;
      } else {
        out.add(stored.get(i++));
      }
    }
    return out;
  }

  private static NavigableMap<byte[], byte[]> sub(
      TreeMap<byte[], byte[]> m, byte[] from, byte[] to) {
    return to == null ? m.tailMap(from, true) : m.subMap(from, true, to, false);
  }

  @Override
  public void put(byte[] key, byte[] value) {
    event.put(key, value);
  }

  @Override
  public void delete(byte[] key) {
    event.put(key, TOMBSTONE);
  }

  @Override
  public void notice(Notice notice) {
    eventNotices.add(notice);
  }

  void append(DerivedAppend a) {
    eventAppends.add(a);
  }

  /** The current event succeeded: its writes join the group. */
  void keepEvent() {
    group.putAll(event);
    event.clear();
    groupNotices.addAll(eventNotices);
    eventNotices.clear();
    groupAppends.addAll(eventAppends);
    eventAppends.clear();
  }

  /** The current event failed: forget what it did. */
  void dropEvent() {
    event.clear();
    eventNotices.clear();
    eventAppends.clear();
  }

  boolean groupHasWrites() {
    return !group.isEmpty();
  }

  /** Moves the group's writes into {@code batch} and clears them. */
  void drainWritesInto(Batch batch) {
    for (Map.Entry<byte[], byte[]> e : group.entrySet()) {
      if (e.getValue() == TOMBSTONE) {
        batch.delete(Space.PSTATE, e.getKey());
      } else {
        batch.put(Space.PSTATE, e.getKey(), e.getValue());
      }
    }
    group.clear();
  }

  /** The group's appends, handed over and cleared. */
  List<DerivedAppend> takeAppends() {
    if (groupAppends.isEmpty()) {
      return List.of();
    }
    List<DerivedAppend> out = new ArrayList<>(groupAppends);
    groupAppends.clear();
    return out;
  }

  /** The group's notices, handed over and cleared. */
  List<Notice> takeNotices() {
    if (groupNotices.isEmpty()) {
      return List.of();
    }
    List<Notice> out = new ArrayList<>(groupNotices);
    groupNotices.clear();
    return out;
  }

  /** Forgets everything uncommitted (after a failed commit). */
  void clear() {
    dropEvent();
    group.clear();
    groupNotices.clear();
    groupAppends.clear();
  }
}
