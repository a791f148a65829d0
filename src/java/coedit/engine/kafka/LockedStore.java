package coedit.engine.kafka;

import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.IntFunction;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.processor.StateStoreContext;
import org.apache.kafka.streams.state.KeyValueBytesStoreSupplier;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.internals.WrappedStateStore;

/**
 * A RocksDB state store whose commit, flush and close take the task's lock. Transactional
 * stores (KIP-892) keep a record's uncommitted writes in a write buffer that a commit moves
 * into RocksDB; the lock keeps readers on other threads (queries, client reads) from
 * reading while that happens, or while the store closes. Everything else is delegated.
 */
final class LockedStore extends WrappedStateStore<KeyValueStore<Bytes, byte[]>, Bytes, byte[]>
    implements KeyValueStore<Bytes, byte[]> {

  private final IntFunction<ReentrantLock> lockOfPartition;
  private ReentrantLock lock = new ReentrantLock();

  private LockedStore(KeyValueStore<Bytes, byte[]> inner,
      IntFunction<ReentrantLock> lockOfPartition) {
    super(inner);
    this.lockOfPartition = lockOfPartition;
  }

  /** A persistent store named {@code name} whose task locks come from {@code locks}. */
  static KeyValueBytesStoreSupplier supplier(String name, IntFunction<ReentrantLock> locks) {
    KeyValueBytesStoreSupplier rocks = Stores.persistentKeyValueStore(name);
    return new KeyValueBytesStoreSupplier() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public KeyValueStore<Bytes, byte[]> get() {
        return new LockedStore(rocks.get(), locks);
      }

      @Override
      public String metricsScope() {
        return rocks.metricsScope();
      }
    };
  }

  @Override
  public void init(StateStoreContext context, StateStore root) {
    lock = lockOfPartition.apply(context.taskId().partition());
    super.init(context, root);
  }

  @Override
  public void commit(Map<TopicPartition, Long> changelogOffsets) {
    lock.lock();
    try {
      super.commit(changelogOffsets);
    } finally {
      lock.unlock();
    }
  }

  @Override
  @SuppressWarnings("deprecation")
  public void flush() {
    lock.lock();
    try {
      wrapped().flush();
    } finally {
      lock.unlock();
    }
  }

  @Override
  public void close() {
    lock.lock();
    try {
      super.close();
    } finally {
      lock.unlock();
    }
  }

  @Override
  public void put(Bytes key, byte[] value) {
    wrapped().put(key, value);
  }

  @Override
  public byte[] putIfAbsent(Bytes key, byte[] value) {
    return wrapped().putIfAbsent(key, value);
  }

  @Override
  public void putAll(List<KeyValue<Bytes, byte[]>> entries) {
    wrapped().putAll(entries);
  }

  @Override
  public byte[] delete(Bytes key) {
    return wrapped().delete(key);
  }

  @Override
  public byte[] get(Bytes key) {
    return wrapped().get(key);
  }

  @Override
  public KeyValueIterator<Bytes, byte[]> range(Bytes from, Bytes to) {
    return wrapped().range(from, to);
  }

  @Override
  public KeyValueIterator<Bytes, byte[]> reverseRange(Bytes from, Bytes to) {
    return wrapped().reverseRange(from, to);
  }

  @Override
  public KeyValueIterator<Bytes, byte[]> all() {
    return wrapped().all();
  }

  @Override
  public KeyValueIterator<Bytes, byte[]> reverseAll() {
    return wrapped().reverseAll();
  }

  @Override
  public <PS extends Serializer<P>, P> KeyValueIterator<Bytes, byte[]> prefixScan(
      P prefix, PS prefixKeySerializer) {
    return wrapped().prefixScan(prefix, prefixKeySerializer);
  }

  @Override
  public long approximateNumEntries() {
    return wrapped().approximateNumEntries();
  }
}
