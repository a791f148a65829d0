package coedit.engine.topology;

import coedit.engine.Codec;
import coedit.engine.DepotRef;
import coedit.engine.ListRef;
import coedit.engine.MapRef;
import coedit.engine.Module;
import coedit.engine.ModuleBuilder;
import coedit.engine.ProcessorSupplier;
import coedit.engine.QueryHandler;
import coedit.engine.QueryRef;
import coedit.engine.SortedMapRef;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.regex.Pattern;

/** Runs {@link Module#define} and checks names; the result is read-only afterwards. */
public final class ModuleDefinition implements ModuleBuilder {

  private static final Pattern SIMPLE = Pattern.compile("[A-Za-z0-9._-]{1,64}");

  public final String moduleName;
  public final Map<String, Decls.Depot> depots = new LinkedHashMap<>();
  public final Map<String, Decls.PState> pstates = new LinkedHashMap<>();
  public final Map<String, Decls.Topology> topologies = new LinkedHashMap<>();
  public final Map<String, Decls.Query> queries = new LinkedHashMap<>();

  private ModuleDefinition(String moduleName) {
    this.moduleName = moduleName;
  }

  public static ModuleDefinition of(Module module) {
    Objects.requireNonNull(module, "module");
    String name = module.name();
    if (name == null || !SIMPLE.matcher(name).matches()) {
      throw new IllegalArgumentException("module name must be 1-64 chars of [A-Za-z0-9._-], got "
          + (name == null ? "null" : "\"" + name + "\"") + " from " + module.getClass().getName());
    }
    ModuleDefinition d = new ModuleDefinition(name);
    module.define(d);
    return d;
  }

  @Override
  public <R> DepotRef<R> depot(String name, Codec<R> codec, Function<? super R, ?> partitionKey) {
    checkName(name, "*", "depot");
    if (depots.containsKey(name)) {
      throw new IllegalArgumentException(moduleName + ": depot " + name + " declared twice");
    }
    DepotRef<R> ref = new DepotRef<>(name, codec, partitionKey);
    depots.put(name, new Decls.Depot(ref));
    return ref;
  }

  @Override
  public <K, V> MapRef<K, V> map(String name, Codec<K> keyCodec, Codec<V> valueCodec) {
    MapRef<K, V> ref = new MapRef<>(name, keyCodec, valueCodec);
    addPState(new Decls.PState(name, Decls.Kind.MAP, ref, null, null));
    return ref;
  }

  @Override
  public <K, V> ListRef<K, V> list(String name, Codec<K> keyCodec, Codec<V> elementCodec) {
    ListRef<K, V> ref = new ListRef<>(name, keyCodec, elementCodec);
    addPState(new Decls.PState(name, Decls.Kind.LIST, null, ref, null));
    return ref;
  }

  @Override
  public <K, S, V> SortedMapRef<K, S, V> sortedMap(
      String name, Codec<K> keyCodec, Codec<S> subkeyCodec, Codec<V> valueCodec) {
    SortedMapRef<K, S, V> ref = new SortedMapRef<>(name, keyCodec, subkeyCodec, valueCodec);
    addPState(new Decls.PState(name, Decls.Kind.SORTED_MAP, null, null, ref));
    return ref;
  }

  @Override
  public <R> void stream(String topology, DepotRef<R> depot, ProcessorSupplier<R> supplier) {
    checkName(topology, "", "stream topology");
    Objects.requireNonNull(depot, "depot of topology " + topology);
    Objects.requireNonNull(supplier, "processor supplier of topology " + topology);
    if (topologies.containsKey(topology)) {
      throw new IllegalArgumentException(moduleName + ": stream topology " + topology
          + " declared twice");
    }
    Decls.Depot d = depots.get(depot.name());
    if (d == null || !d.ref().equals(depot)) {
      throw new IllegalArgumentException(moduleName + ": stream topology " + topology
          + " subscribes to " + depot.name() + ", which this module did not declare");
    }
    topologies.put(topology, new Decls.Topology(topology, depot, supplier));
  }

  @Override
  @SuppressWarnings("unchecked")
  public <A, T> QueryRef<A, T> query(
      String name, Function<? super A, ?> partitionKey, QueryHandler<A, T> handler) {
    checkName(name, "", "query");
    Objects.requireNonNull(partitionKey, "partition key of query " + name);
    Objects.requireNonNull(handler, "handler of query " + name);
    if (queries.containsKey(name)) {
      throw new IllegalArgumentException(moduleName + ": query " + name + " declared twice");
    }
    queries.put(name, new Decls.Query(name, (Function<Object, ?>) partitionKey,
        (QueryHandler<Object, Object>) handler));
    return new QueryRef<>(name);
  }

  private void addPState(Decls.PState p) {
    checkName(p.name(), "$$", "PState");
    if (pstates.containsKey(p.name())) {
      throw new IllegalArgumentException(moduleName + ": PState " + p.name() + " declared twice");
    }
    pstates.put(p.name(), p);
  }

  private void checkName(String name, String prefix, String kind) {
    if (name == null || !name.startsWith(prefix)
        || !SIMPLE.matcher(name.substring(prefix.length())).matches()) {
      throw new IllegalArgumentException(moduleName + ": " + kind + " name must be " + prefix
          + " followed by 1-64 chars of [A-Za-z0-9._-], got "
          + (name == null ? "null" : "\"" + name + "\""));
    }
  }

  /** The declared depot {@code name}; {@link IllegalArgumentException} listing the depots. */
  public Decls.Depot depotNamed(String name) {
    Decls.Depot d = depots.get(name);
    if (d == null) {
      throw new IllegalArgumentException("module " + moduleName + " has no depot " + name
          + "; its depots: " + depots.keySet());
    }
    return d;
  }

  /** The declared PState {@code name} of shape {@code kind}; a clear error otherwise. */
  public Decls.PState pstateNamed(String name, Decls.Kind kind) {
    Decls.PState p = pstates.get(name);
    if (p == null) {
      throw new IllegalArgumentException("module " + moduleName + " has no PState " + name
          + "; its PStates: " + pstates.keySet());
    }
    if (p.kind() != kind) {
      throw new IllegalArgumentException("PState " + name + " of module " + moduleName
          + " is a " + p.kind().label + ", not a " + kind.label);
    }
    return p;
  }

  /** The declared query {@code name}; {@link IllegalArgumentException} listing the queries. */
  public Decls.Query queryNamed(String name) {
    Decls.Query q = queries.get(name);
    if (q == null) {
      throw new IllegalArgumentException("module " + moduleName + " has no query " + name
          + "; its queries: " + queries.keySet());
    }
    return q;
  }
}
