package coedit.engine.embedded;

import coedit.engine.DepotRef;
import coedit.engine.ListRef;
import coedit.engine.MapRef;
import coedit.engine.ProcessorSupplier;
import coedit.engine.QueryHandler;
import coedit.engine.SortedMapRef;
import java.util.function.Function;

/** What a module declared, as collected by {@link ModuleDefinition}. */
final class Decls {

  private Decls() {}

  enum Kind {
    MAP("map"), LIST("list"), SORTED_MAP("sorted map");

    final String label;

    Kind(String label) {
      this.label = label;
    }
  }

  record Depot(DepotRef<?> ref) {
    String name() {
      return ref.name();
    }
  }

  /** One PState; exactly one of the refs is set, matching {@code kind}. */
  record PState(String name, Kind kind, MapRef<?, ?> map, ListRef<?, ?> list,
      SortedMapRef<?, ?, ?> sorted) {}

  record Topology(String name, DepotRef<?> depot, ProcessorSupplier<?> supplier) {}

  record Query(
      String name, Function<Object, ?> partitionKey, QueryHandler<Object, Object> handler) {}
}
