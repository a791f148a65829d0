package coedit.engine.kafka;

import coedit.engine.DepotRef;
import coedit.engine.ListRef;
import coedit.engine.ListStore;
import coedit.engine.MapRef;
import coedit.engine.MapStore;
import coedit.engine.SortedMapRef;
import coedit.engine.SortedMapStore;
import coedit.engine.TaskContext;
import coedit.engine.store.Access;
import coedit.engine.store.ListStoreImpl;
import coedit.engine.store.MapStoreImpl;
import coedit.engine.store.PStateInfo;
import coedit.engine.store.ProxyHub;
import coedit.engine.store.SortedMapStoreImpl;
import coedit.engine.store.StoreBase;
import coedit.engine.topology.Decls;
import coedit.engine.topology.Depots;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.BooleanSupplier;

/**
 * A task's context on the Kafka runtime: writable for processors (over the record's
 * {@link EventBuffer}), read-only for queries (over the stores). Stores are the engine's
 * own implementations over the Kafka state stores, so the key layout, O(1) list sizes,
 * range reads and proxy notices are those of every runtime.
 */
final class KafkaTaskContext implements TaskContext {

  private final ModuleLayout layout;
  private final int partition;
  private final Access access;
  private final ProxyHub hub;
  private final EventBuffer buffer;
  private final BooleanSupplier suppressAppends;
  private final Map<String, StoreBase> stores = new HashMap<>();

  /** A processor's context: writes and appends go to {@code buffer}. */
  KafkaTaskContext(ModuleLayout layout, int partition, EventBuffer buffer, ProxyHub hub,
      BooleanSupplier suppressAppends) {
    this.layout = layout;
    this.partition = partition;
    this.access = buffer;
    this.hub = hub;
    this.buffer = buffer;
    this.suppressAppends = suppressAppends;
  }

  /** A query's context: reads only. */
  KafkaTaskContext(ModuleLayout layout, int partition, Access access) {
    this.layout = layout;
    this.partition = partition;
    this.access = access;
    this.hub = null;
    this.buffer = null;
    this.suppressAppends = () -> true;
  }

  @Override
  public int partition() {
    return partition;
  }

  @Override
  public int partitions() {
    return layout.partitions;
  }

  private StoreBase store(String name, Decls.Kind kind) {
    StoreBase s = stores.get(name);
    if (s == null || s.info.kind != kind) {
      PStateInfo info = layout.pstate(name, kind);
      boolean writable = buffer != null;
      int n = layout.partitions;
      s = switch (kind) {
        case MAP -> new MapStoreImpl<>(info, access, hub, partition, n, writable);
        case LIST -> new ListStoreImpl<>(info, access, hub, partition, n, writable);
        case SORTED_MAP -> new SortedMapStoreImpl<>(info, access, hub, partition, n, writable);
      };
      stores.put(name, s);
    }
    return s;
  }

  @Override
  @SuppressWarnings("unchecked")
  public <K, V> MapStore<K, V> store(MapRef<K, V> ref) {
    return (MapStore<K, V>) store(ref.name(), Decls.Kind.MAP);
  }

  @Override
  @SuppressWarnings("unchecked")
  public <K, V> ListStore<K, V> store(ListRef<K, V> ref) {
    return (ListStore<K, V>) store(ref.name(), Decls.Kind.LIST);
  }

  @Override
  @SuppressWarnings("unchecked")
  public <K, S, V> SortedMapStore<K, S, V> store(SortedMapRef<K, S, V> ref) {
    return (SortedMapStore<K, S, V>) store(ref.name(), Decls.Kind.SORTED_MAP);
  }

  @Override
  public <R> void append(DepotRef<R> depot, R record) {
    if (buffer == null) {
      throw new IllegalStateException("queries cannot append to depots");
    }
    Objects.requireNonNull(depot, "depot");
    Objects.requireNonNull(record, () -> "record appended to " + depot.name());
    DepotRef<?> d = layout.definition.depotNamed(depot.name()).ref();
    if (suppressAppends.getAsBoolean()) {
      return;
    }
    byte[] payload = Depots.encode(d, record);
    Depots.partitionOf(d, record, layout.partitions);
    byte[] key = Depots.keyBytes(d, record);
    buffer.append(new EventBuffer.Append(d.name(), key, payload));
  }

  @Override
  public long nowMillis() {
    return System.currentTimeMillis();
  }
}
