package coedit.engine.embedded;

import coedit.engine.DepotRef;
import coedit.engine.ListRef;
import coedit.engine.ListStore;
import coedit.engine.MapRef;
import coedit.engine.MapStore;
import coedit.engine.SortedMapRef;
import coedit.engine.SortedMapStore;
import coedit.engine.TaskContext;
import coedit.engine.store.ListStoreImpl;
import coedit.engine.store.MapStoreImpl;
import coedit.engine.store.PStateInfo;
import coedit.engine.store.SortedMapStoreImpl;
import coedit.engine.store.StoreBase;
import coedit.engine.topology.Decls;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A task's context, in two modes: writable for processors, read-only for queries. Stores
 * are created once per task and PState and read through the task thread's overlay.
 */
final class TaskContextImpl implements TaskContext {

  private final Task task;
  private final boolean writable;
  private final Map<String, StoreBase> stores = new HashMap<>();

  TaskContextImpl(Task task, boolean writable) {
    this.task = task;
    this.writable = writable;
  }

  @Override
  public int partition() {
    return task.partition;
  }

  @Override
  public int partitions() {
    return task.layout.partitions;
  }

  private StoreBase store(String name, Decls.Kind kind) {
    StoreBase s = stores.get(name);
    if (s == null || s.info.kind != kind) {
      PStateInfo info = task.layout.pstate(name, kind);
      Overlay o = task.thread.overlay;
      int p = task.partition;
      int n = task.layout.partitions;
      s = switch (kind) {
        case MAP -> new MapStoreImpl<>(info, o, task.hub, p, n, writable);
        case LIST -> new ListStoreImpl<>(info, o, task.hub, p, n, writable);
        case SORTED_MAP -> new SortedMapStoreImpl<>(info, o, task.hub, p, n, writable);
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
    if (!writable) {
      throw new IllegalStateException("queries cannot append to depots");
    }
    Objects.requireNonNull(depot, "depot");
    Objects.requireNonNull(record, () -> "record appended to " + depot.name());
    DepotInfo d = task.layout.depot(depot.name());
    if (task.recomputing) {
      return;
    }
    byte[] payload = d.encode(record);
    int p = d.partitionOf(record, task.layout.partitions);
    task.thread.overlay.append(new DerivedAppend(d, p, payload, record, nowMillis()));
  }

  @Override
  public long nowMillis() {
    return System.currentTimeMillis();
  }
}
