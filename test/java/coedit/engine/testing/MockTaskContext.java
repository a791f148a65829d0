package coedit.engine.testing;

import coedit.engine.Codec;
import coedit.engine.DepotRef;
import coedit.engine.ListRef;
import coedit.engine.ListStore;
import coedit.engine.MapRef;
import coedit.engine.MapStore;
import coedit.engine.SortedMapRef;
import coedit.engine.SortedMapStore;
import coedit.engine.TaskContext;
import java.nio.ByteBuffer;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A {@link TaskContext} for unit tests of processors, after Kafka Streams'
 * MockProcessorContext: it takes no automated actions; it keeps stores in memory and
 * captures appends. Keys are compared by their encoded bytes and sorted-map subkeys ordered
 * by them, as in the engine; the partition rule is not enforced (set
 * {@link #partition(int)} if a processor reads it). Values are stored as objects, so
 * codecs are not exercised: test codecs separately.
 *
 * <pre>
 * MockTaskContext ctx = new MockTaskContext();
 * processor.init(ctx);
 * Object ack = processor.process(new DepotRecord&lt;&gt;("*editDepot", 0, 0, 1000, edit));
 * assertEquals(1L, ctx.store(historyRef).size("doc1"));
 * assertEquals(List.of(), ctx.appended());
 * </pre>
 */
public final class MockTaskContext implements TaskContext {

  /** One captured {@link TaskContext#append}. */
  public record Appended(String depot, Object record) {}

  private final Map<String, Object> stores = new HashMap<>();
  private final List<Appended> appended = new ArrayList<>();
  private int partition;
  private int partitions = 1;
  private long nowMillis;

  public MockTaskContext partition(int partition, int partitions) {
    this.partition = partition;
    this.partitions = partitions;
    return this;
  }

  public MockTaskContext partition(int partition) {
    return partition(partition, Math.max(partitions, partition + 1));
  }

  /** Sets what {@link #nowMillis()} returns (0 by default). */
  public MockTaskContext nowMillis(long millis) {
    this.nowMillis = millis;
    return this;
  }

  /** Every append so far, in order. */
  public List<Appended> appended() {
    return List.copyOf(appended);
  }

  public void clearAppended() {
    appended.clear();
  }

  @Override
  public int partition() {
    return partition;
  }

  @Override
  public int partitions() {
    return partitions;
  }

  @Override
  public long nowMillis() {
    return nowMillis;
  }

  @Override
  public <R> void append(DepotRef<R> depot, R record) {
    Objects.requireNonNull(record, "record");
    appended.add(new Appended(depot.name(), record));
  }

  @Override
  @SuppressWarnings("unchecked")
  public <K, V> MapStore<K, V> store(MapRef<K, V> ref) {
    return (MapStore<K, V>) stores.computeIfAbsent(ref.name(), n -> new MockMap<>(ref.keyCodec()));
  }

  @Override
  @SuppressWarnings("unchecked")
  public <K, V> ListStore<K, V> store(ListRef<K, V> ref) {
    return (ListStore<K, V>) stores.computeIfAbsent(ref.name(),
        n -> new MockList<>(ref.keyCodec()));
  }

  @Override
  @SuppressWarnings("unchecked")
  public <K, S, V> SortedMapStore<K, S, V> store(SortedMapRef<K, S, V> ref) {
    return (SortedMapStore<K, S, V>) stores.computeIfAbsent(ref.name(),
        n -> new MockSorted<>(ref.keyCodec(), ref.subkeyCodec()));
  }

  private static ByteBuffer bytes(Codec<Object> codec, Object v) {
    return ByteBuffer.wrap(codec.encode(Objects.requireNonNull(v, "key")));
  }

  @SuppressWarnings("unchecked")
  private static <T> Codec<Object> erase(Codec<T> c) {
    return (Codec<Object>) c;
  }

  private static final class MockMap<K, V> implements MapStore<K, V> {
    private final Codec<Object> keys;
    private final Map<ByteBuffer, V> data = new HashMap<>();

    MockMap(Codec<K> keys) {
      this.keys = erase(keys);
    }

    @Override
    public V get(K key) {
      return data.get(bytes(keys, key));
    }

    @Override
    public void put(K key, V value) {
      data.put(bytes(keys, key), Objects.requireNonNull(value, "value"));
    }

    @Override
    public void remove(K key) {
      data.remove(bytes(keys, key));
    }
  }

  /** A list as a start index plus the held elements: indexes stay put when the front is dropped. */
  private static final class MockList<K, V> implements ListStore<K, V> {
    private final Codec<Object> keys;
    private final Map<ByteBuffer, List<V>> data = new HashMap<>();
    private final Map<ByteBuffer, Long> starts = new HashMap<>();

    MockList(Codec<K> keys) {
      this.keys = erase(keys);
    }

    private List<V> list(K key) {
      return data.computeIfAbsent(bytes(keys, key), k -> new ArrayList<>());
    }

    @Override
    public long start(K key) {
      return starts.getOrDefault(bytes(keys, key), 0L);
    }

    @Override
    public long size(K key) {
      return start(key) + list(key).size();
    }

    @Override
    public V get(K key, long index) {
      long start = start(key);
      if (index < start || index >= size(key)) {
        throw new IndexOutOfBoundsException("index " + index + " outside [" + start + ", " + size(key) + ")");
      }
      return list(key).get(Math.toIntExact(index - start));
    }

    @Override
    public List<V> range(K key, long from, long to) {
      long start = start(key);
      List<V> l = list(key);
      int begin = (int) (Math.max(from, start) - start);
      int end = (int) (Math.min(to, size(key)) - start);
      return begin >= end ? List.of() : List.copyOf(l.subList(begin, end));
    }

    @Override
    public long append(K key, V element) {
      list(key).add(Objects.requireNonNull(element, "element"));
      return size(key) - 1;
    }

    @Override
    public void set(K key, long index, V element) {
      get(key, index);
      list(key).set(Math.toIntExact(index - start(key)), Objects.requireNonNull(element, "element"));
    }

    @Override
    public void truncate(K key, long newSize) {
      long size = size(key);
      if (newSize < 0 || newSize > size) {
        throw new IndexOutOfBoundsException("truncate to " + newSize + " outside [0, " + size + "]");
      }
      long start = start(key);
      List<V> l = list(key);
      if (newSize < start) {
        l.clear();
        starts.put(bytes(keys, key), newSize);
      } else {
        l.subList(Math.toIntExact(newSize - start), l.size()).clear();
      }
    }

    @Override
    public void dropBefore(K key, long index) {
      long start = start(key);
      if (index <= start) return;
      List<V> l = list(key);
      l.subList(0, (int) Math.min(l.size(), index - start)).clear();
      starts.put(bytes(keys, key), index);
    }
  }

  private static final class MockSorted<K, S, V> implements SortedMapStore<K, S, V> {
    private final Codec<Object> keys;
    private final Codec<Object> subkeys;
    private final Map<ByteBuffer, TreeMap<byte[], Map.Entry<S, V>>> data = new HashMap<>();

    MockSorted(Codec<K> keys, Codec<S> subkeys) {
      this.keys = erase(keys);
      this.subkeys = erase(subkeys);
    }

    private TreeMap<byte[], Map.Entry<S, V>> map(K key) {
      return data.computeIfAbsent(bytes(keys, key), k -> new TreeMap<>(Arrays::compareUnsigned));
    }

    @Override
    public V get(K key, S subkey) {
      Map.Entry<S, V> e = map(key).get(subkeys.encode(subkey));
      return e == null ? null : e.getValue();
    }

    @Override
    public long size(K key) {
      return map(key).size();
    }

    @Override
    public List<Map.Entry<S, V>> range(K key, S fromInclusive, S toExclusive, int limit) {
      var m = map(key);
      var sub = fromInclusive == null && toExclusive == null ? m
          : fromInclusive == null ? m.headMap(subkeys.encode(toExclusive), false)
          : toExclusive == null ? m.tailMap(subkeys.encode(fromInclusive), true)
          : m.subMap(subkeys.encode(fromInclusive), true, subkeys.encode(toExclusive), false);
      return sub.values().stream().limit(limit).toList();
    }

    @Override
    public void put(K key, S subkey, V value) {
      map(key).put(subkeys.encode(subkey),
          new AbstractMap.SimpleImmutableEntry<>(subkey, Objects.requireNonNull(value, "value")));
    }

    @Override
    public void remove(K key, S subkey) {
      map(key).remove(subkeys.encode(subkey));
    }
  }
}
