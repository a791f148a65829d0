package coedit.engine.kafka;

import coedit.engine.EngineException;
import coedit.engine.Partitioner;
import coedit.engine.store.PStateInfo;
import coedit.engine.topology.Decls;
import coedit.engine.topology.ModuleDefinition;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A module's declarations as the Kafka runtime lays them out: each PState is its own state
 * store, and its id (the first two bytes of every stored key) is derived from its name, so
 * declaring PStates in another order or adding one never moves stored data.
 */
final class ModuleLayout {

  final ModuleDefinition definition;
  final String module;
  final int partitions;
  final Map<String, PStateInfo> pstates = new LinkedHashMap<>();
  final Map<Integer, String> storeById = new HashMap<>();
  /** Topologies by the depot they consume, in declaration order. */
  final Map<String, List<Decls.Topology>> topologiesByDepot = new LinkedHashMap<>();

  ModuleLayout(ModuleDefinition definition, int partitions) {
    this.definition = definition;
    this.module = definition.moduleName;
    this.partitions = partitions;
    for (Decls.PState p : definition.pstates.values()) {
      int id = idOf(p.name());
      String clash = storeById.put(id, Names.store(p.name()));
      if (clash != null) {
        throw new EngineException("module " + module + ": PStates " + p.name() + " and "
            + clash + " hash to the same id " + id + "; rename one of them");
      }
      pstates.put(p.name(), new PStateInfo(p, id));
    }
    for (Decls.Topology t : definition.topologies.values()) {
      topologiesByDepot.computeIfAbsent(t.depot().name(), d -> new ArrayList<>()).add(t);
    }
  }

  /** 1..65535 from the name's murmur3: stable across launches, instances and versions. */
  static int idOf(String pstate) {
    return Math.floorMod(Partitioner.murmur3(pstate.getBytes(StandardCharsets.UTF_8)), 65535) + 1;
  }

  PStateInfo pstate(String name, Decls.Kind kind) {
    definition.pstateNamed(name, kind);
    return pstates.get(name);
  }
}
