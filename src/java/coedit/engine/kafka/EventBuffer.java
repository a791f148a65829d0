package coedit.engine.kafka;

import coedit.engine.store.Notice;
import coedit.engine.storage.KV;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * One processor call's writes, notices and depot appends, held back until it returns:
 * reads see them over the stores, {@link #keep} applies them to the Kafka stores (which
 * changelog them in the task's transaction) and {@link #drop} forgets them, so a processor
 * that throws changes nothing. Used by the stream thread only.
 */
final class EventBuffer extends StoreAccess {

  /** Marks a deleted key; compared by identity, so stored empty values stay distinct. */
  private static final byte[] TOMBSTONE = new byte[0];

  /** A processor's append to a depot, forwarded to the depot's sink when kept. */
  record Append(String depot, byte[] key, byte[] payload) {}

  private final TreeMap<byte[], byte[]> writes = new TreeMap<>(Arrays::compareUnsigned);
  private final List<Notice> notices = new ArrayList<>();
  private final List<Append> appends = new ArrayList<>();

  EventBuffer(Map<Integer, KeyValueStore<Bytes, byte[]>> stores) {
    super(stores);
  }

  @Override
  public byte[] get(byte[] key) {
    byte[] v = writes.get(key);
    if (v == null) {
      return super.get(key);
    }
    return v == TOMBSTONE ? null : v;
  }

  @Override
  public List<KV> scan(byte[] from, byte[] to, int limit) {
    NavigableMap<byte[], byte[]> over = to == null ? writes.tailMap(from, true)
        : Arrays.compareUnsigned(from, to) >= 0 ? new TreeMap<>()
        : writes.subMap(from, true, to, false);
    if (over.isEmpty()) {
      return super.scan(from, to, limit);
    }
    int tombstones = 0;
    for (byte[] v : over.values()) {
      if (v == TOMBSTONE) {
        tombstones++;
      }
    }
    // Each tombstone hides at most one stored entry, so this many stored entries suffice.
    List<KV> stored = super.scan(from, to, (int) Math.min(Integer.MAX_VALUE, (long) limit + tombstones));
    List<KV> out = new ArrayList<>();
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

  @Override
  public void put(byte[] key, byte[] value) {
    writes.put(key, value);
  }

  @Override
  public void delete(byte[] key) {
    writes.put(key, TOMBSTONE);
  }

  @Override
  public void notice(Notice notice) {
    notices.add(notice);
  }

  void append(Append a) {
    appends.add(a);
  }

  /** Applies the writes to the stores; returns the notices and appends to publish. */
  void keep(List<Notice> noticesOut, List<Append> appendsOut) {
    for (Map.Entry<byte[], byte[]> e : writes.entrySet()) {
      KeyValueStore<Bytes, byte[]> s = store(e.getKey());
      if (e.getValue() == TOMBSTONE) {
        s.delete(Bytes.wrap(e.getKey()));
      } else {
        s.put(Bytes.wrap(e.getKey()), e.getValue());
      }
    }
    noticesOut.addAll(notices);
    appendsOut.addAll(appends);
    drop();
  }

  void drop() {
    writes.clear();
    notices.clear();
    appends.clear();
  }
}
