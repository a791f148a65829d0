package coedit.engine.embedded;

import coedit.engine.EngineException;
import coedit.engine.ProcessorSupplier;
import coedit.engine.storage.Batch;
import coedit.engine.storage.Space;
import coedit.engine.storage.Storage;
import coedit.engine.store.Keys;
import coedit.engine.store.PStateInfo;
import coedit.engine.topology.Decls;
import coedit.engine.topology.ModuleDefinition;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A module's declarations bound to its storage: ids come from a registry in META (names
 * keep their ids across launches, so declaring a new depot or PState never moves old
 * data), and the stored partition count must match the configured one.
 */
final class Layout {

  final String module;
  final int partitions;
  final Map<String, DepotInfo> depots = new LinkedHashMap<>();
  final Map<String, PStateInfo> pstates = new LinkedHashMap<>();
  final List<TopologyInfo> topologies = new ArrayList<>();
  final Map<String, Decls.Query> queries;

  @SuppressWarnings("unchecked")
  Layout(ModuleDefinition def, Storage storage, int partitions, String where) {
    this.module = def.moduleName;
    this.partitions = partitions;
    this.queries = def.queries;
    try (Batch batch = storage.newBatch()) {
      checkPartitions(storage, batch, where);
      int[] next = {readInt(storage, "id/next", 1)};
      for (Decls.Depot d : def.depots.values()) {
        depots.put(d.name(), new DepotInfo(d.ref(), id(storage, batch, "depot", d.name(), next),
            partitions));
      }
      for (Decls.PState p : def.pstates.values()) {
        pstates.put(p.name(), new PStateInfo(p, id(storage, batch, "pstate", p.name(), next)));
      }
      if (next[0] > 0xffff) {
        throw new EngineException(module + ": more than 65535 depots and PStates ever declared");
      }
      batch.put(Space.META, Keys.meta("id/next"), Keys.intBytes(next[0]));
      storage.write(batch, true);
    }
    for (Decls.Topology t : def.topologies.values()) {
      DepotInfo d = depots.get(t.depot().name());
      TopologyInfo info = new TopologyInfo(t.name(), topologies.size(), d,
          (ProcessorSupplier<Object>) t.supplier());
      topologies.add(info);
      d.topologies.add(info);
    }
  }

  private void checkPartitions(Storage storage, Batch batch, String where) {
    byte[] stored = storage.get(Space.META, Keys.meta("partitions"));
    if (stored == null) {
      batch.put(Space.META, Keys.meta("partitions"), Keys.intBytes(partitions));
    } else if (Keys.getInt(stored, 0) != partitions) {
      throw new EngineException("module " + module + " in " + where + " was created with "
          + Keys.getInt(stored, 0) + " partitions, but the engine is configured with "
          + partitions + ". The partition count is fixed for the life of a module's data "
          + "(every key would move): configure " + Keys.getInt(stored, 0) + " partitions.");
    }
  }

  private static int id(Storage storage, Batch batch, String kind, String name, int[] next) {
    byte[] key = Keys.meta("id/" + kind + "/" + name);
    byte[] stored = storage.get(Space.META, key);
    if (stored != null) {
      return Keys.getInt(stored, 0);
    }
    int id = next[0]++;
    batch.put(Space.META, key, Keys.intBytes(id));
    return id;
  }

  private static int readInt(Storage storage, String key, int absent) {
    byte[] v = storage.get(Space.META, Keys.meta(key));
    return v == null ? absent : Keys.getInt(v, 0);
  }

  /** The partition count stored with a module's data, or -1 for a new module. */
  static int storedPartitions(Storage storage) {
    return readInt(storage, "partitions", -1);
  }

  DepotInfo depot(String name) {
    DepotInfo d = depots.get(name);
    if (d == null) {
      throw new IllegalArgumentException("module " + module + " has no depot " + name
          + "; its depots: " + depots.keySet());
    }
    return d;
  }

  PStateInfo pstate(String name, Decls.Kind kind) {
    PStateInfo p = pstates.get(name);
    if (p == null) {
      throw new IllegalArgumentException("module " + module + " has no PState " + name
          + "; its PStates: " + pstates.keySet());
    }
    if (p.kind != kind) {
      throw new IllegalArgumentException("PState " + name + " of module " + module + " is a "
          + p.kind.label + ", not a " + kind.label);
    }
    return p;
  }

  Decls.Query query(String name) {
    Decls.Query q = queries.get(name);
    if (q == null) {
      throw new IllegalArgumentException("module " + module + " has no query " + name
          + "; its queries: " + queries.keySet());
    }
    return q;
  }
}
