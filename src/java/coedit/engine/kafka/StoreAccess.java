package coedit.engine.kafka;

import coedit.engine.store.Access;
import coedit.engine.store.Keys;
import coedit.engine.store.Notice;
import coedit.engine.storage.KV;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Read-only access to a task's Kafka state stores in the engine's key layout: the first two
 * bytes of a key (the PState id) pick the store. Used by queries and client reads, under
 * the task's lock.
 */
class StoreAccess implements Access {

  private final Map<Integer, KeyValueStore<Bytes, byte[]>> stores;

  StoreAccess(Map<Integer, KeyValueStore<Bytes, byte[]>> stores) {
    this.stores = stores;
  }

  final KeyValueStore<Bytes, byte[]> store(byte[] key) {
    int id = (key[0] & 0xff) << 8 | (key[1] & 0xff);
    KeyValueStore<Bytes, byte[]> s = stores.get(id);
    if (s == null) {
      throw new IllegalStateException("no state store for PState id " + id);
    }
    return s;
  }

  @Override
  public byte[] get(byte[] key) {
    return store(key).get(Bytes.wrap(key));
  }

  /** Ascending entries with {@code from <= key < to} ({@code to} null: to the end). */
  @Override
  public List<KV> scan(byte[] from, byte[] to, int limit) {
    List<KV> out = new ArrayList<>();
    if (limit <= 0 || (to != null && Arrays.compareUnsigned(from, to) >= 0)) {
      return out;
    }
    // Kafka's range is inclusive at both ends; an open end stops at the PState's id range.
    byte[] end = to != null ? to : Keys.prefixEnd(Arrays.copyOf(from, 2));
    try (KeyValueIterator<Bytes, byte[]> it = store(from).range(Bytes.wrap(from),
        end == null ? null : Bytes.wrap(end))) {
      while (it.hasNext() && out.size() < limit) {
        var kv = it.next();
        byte[] k = kv.key.get();
        if (end != null && Arrays.compareUnsigned(k, end) >= 0) {
          break;
        }
        out.add(new KV(k, kv.value));
      }
    }
    return out;
  }

  @Override
  public void put(byte[] key, byte[] value) {
    throw new IllegalStateException("PStates are written only by stream topologies");
  }

  @Override
  public void delete(byte[] key) {
    throw new IllegalStateException("PStates are written only by stream topologies");
  }

  @Override
  public void notice(Notice notice) {
    throw new IllegalStateException("PStates are written only by stream topologies");
  }
}
