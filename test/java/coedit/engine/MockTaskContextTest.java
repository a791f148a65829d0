package coedit.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import coedit.engine.CounterModule.Incr;
import coedit.engine.testing.MockTaskContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Unit-testing a processor without the engine: capture its writes and appends. */
class MockTaskContextTest {

  /** Collects the module's declarations so its processors can be driven by hand. */
  private static final class Capture implements ModuleBuilder {
    final List<ProcessorSupplier<?>> suppliers = new ArrayList<>();
    final Map<String, Object> refs = new java.util.HashMap<>();

    @Override
    public <R> DepotRef<R> depot(String name, Codec<R> codec, java.util.function.Function<? super R, ?> key) {
      DepotRef<R> r = new DepotRef<>(name, codec, key);
      refs.put(name, r);
      return r;
    }

    @Override
    public <K, V> MapRef<K, V> map(String name, Codec<K> k, Codec<V> v) {
      MapRef<K, V> r = new MapRef<>(name, k, v);
      refs.put(name, r);
      return r;
    }

    @Override
    public <K, V> ListRef<K, V> list(String name, Codec<K> k, Codec<V> v) {
      ListRef<K, V> r = new ListRef<>(name, k, v);
      refs.put(name, r);
      return r;
    }

    @Override
    public <K, S, V> SortedMapRef<K, S, V> sortedMap(String name, Codec<K> k, Codec<S> s, Codec<V> v) {
      SortedMapRef<K, S, V> r = new SortedMapRef<>(name, k, s, v);
      refs.put(name, r);
      return r;
    }

    @Override
    public <R> void stream(String topology, DepotRef<R> depot, ProcessorSupplier<R> supplier) {
      suppliers.add(supplier);
    }

    @Override
    public <A, T> QueryRef<A, T> query(String name, java.util.function.Function<? super A, ?> key,
        QueryHandler<A, T> handler) {
      return new QueryRef<>(name);
    }
  }

  @Test
  @SuppressWarnings("unchecked")
  void aProcessorRunsAgainstTheMockAndItsEffectsAreVisible() {
    Capture b = new Capture();
    new CounterModule().define(b);
    MockTaskContext ctx = new MockTaskContext();
    Processor<Incr> count = (Processor<Incr>) b.suppliers.get(0).get();
    Processor<Incr> forward = (Processor<Incr>) b.suppliers.get(1).get();
    count.init(ctx);
    forward.init(ctx);
    assertEquals(3L, count.process(new DepotRecord<>("*incr", 0, 0, 0, new Incr("a", 3, 1))));
    assertEquals(5L, count.process(new DepotRecord<>("*incr", 0, 1, 0, new Incr("a", 2, 2))));
    assertEquals(List.of(1L, 2L),
        ctx.store((ListRef<String, Long>) b.refs.get("$$log")).range("a", 0, 10));
    assertEquals(List.of(Map.entry(2L, 2L)), ctx.store(
        (SortedMapRef<String, Long, Long>) b.refs.get("$$byId")).range("a", 2L, null, 10));
    forward.process(new DepotRecord<>("*forward", 0, 0, 0, new Incr("b", 1, 3)));
    assertEquals(List.of(new MockTaskContext.Appended("*incr", new Incr("b", 1, 3))),
        ctx.appended());
  }
}
