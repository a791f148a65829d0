package coedit.engine.topology;

import coedit.engine.DepotRef;
import coedit.engine.ListRef;
import coedit.engine.MapRef;
import coedit.engine.ProcessorSupplier;
import coedit.engine.QueryHandler;
import coedit.engine.SortedMapRef;
import java.util.function.Function;

/** What a module declared, as collected by {@link ModuleDefinition}. */
public final class Decls {

  private Decls() {}

  public enum Kind {
    MAP("map"), LIST("list"), SORTED_MAP("sorted map");

    public final String label;

    Kind(String label) {
      this.label = label;
    }
  }

  public record Depot(DepotRef<?> ref) {
    public String name() {
      return ref.name();
    }
  }

  /** One PState; exactly one of the refs is set, matching {@code kind}. */
  public record PState(String name, Kind kind, MapRef<?, ?> map, ListRef<?, ?> list,
      SortedMapRef<?, ?, ?> sorted) {}

  public record Topology(String name, DepotRef<?> depot, ProcessorSupplier<?> supplier) {}

  public record Query(
      String name, Function<Object, ?> partitionKey, QueryHandler<Object, Object> handler) {}
}
