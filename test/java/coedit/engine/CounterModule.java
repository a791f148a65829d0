package coedit.engine;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Consumer;

/**
 * A tiny module exercising every engine feature, used by the conformance, durability and
 * benchmark tests. Guarantees it relies on: each {@code Incr} is applied exactly once
 * ({@code $$log} holds each id once), and {@code $$counts} equals the sum of applied amounts.
 *
 * <ul>
 *   <li>{@code *incr}: {@link Incr} partitioned by key; topology {@code count} adds the amount
 *       to {@code $$counts}, appends the id to {@code $$log}, puts id -> amount in
 *       {@code $$byId}, and acks the new count. A negative amount throws (a bad record).
 *       An amount of {@link #WRONG_PARTITION} writes a key of another partition.</li>
 *   <li>{@code *forward}: {@link Incr} partitioned by id; topology {@code forward} re-appends
 *       it to {@code *incr}, which reaches the key's partition.</li>
 *   <li>{@code *drop}: {@link Incr} partitioned by key; topology {@code drop} drops the
 *       elements of the key's {@code $$log} below index {@code id} and acks the list's start.</li>
 *   <li>query {@code summary}: count and log size of a key, read atomically.</li>
 * </ul>
 */
public final class CounterModule implements Module {

  public static final long WRONG_PARTITION = 7_777_777;
  /** An amount whose record makes the processor throw an OutOfMemoryError (engine-failure tests). */
  public static final long OUT_OF_MEMORY = 8_888_888;

  /** Add {@code amount} to {@code key}; {@code id} identifies the event. */
  public record Incr(String key, long amount, long id) {}

  /** Compact codec: [amount:8][id:8][key UTF-8]. */
  public static final Codec<Incr> INCR_CODEC = new Codec<>() {
    @Override
    public byte[] encode(Incr v) {
      byte[] k = v.key().getBytes(StandardCharsets.UTF_8);
      return ByteBuffer.allocate(16 + k.length).putLong(v.amount()).putLong(v.id()).put(k).array();
    }

    @Override
    public Incr decode(byte[] b) {
      ByteBuffer bb = ByteBuffer.wrap(b);
      long amount = bb.getLong();
      long id = bb.getLong();
      return new Incr(new String(b, 16, b.length - 16, StandardCharsets.UTF_8), amount, id);
    }
  };

  private final String name;
  private final Consumer<DepotRecord<Incr>> beforeCount;

  public CounterModule() {
    this("counter");
  }

  public CounterModule(String name) {
    this(name, r -> {});
  }

  /**
   * {@code beforeCount} runs in topology {@code count} before each record is applied, on the
   * task's thread: failover tests see which instance processed a record and slow a task down.
   */
  public CounterModule(String name, Consumer<DepotRecord<Incr>> beforeCount) {
    this.name = name;
    this.beforeCount = beforeCount;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public void define(ModuleBuilder b) {
    DepotRef<Incr> incr = b.depot("*incr", INCR_CODEC, Incr::key);
    DepotRef<Incr> forward = b.depot("*forward", INCR_CODEC, Incr::id);
    DepotRef<Incr> drop = b.depot("*drop", INCR_CODEC, Incr::key);
    MapRef<String, Long> counts = b.map("$$counts", Codecs.string(), Codecs.longs());
    ListRef<String, Long> log = b.list("$$log", Codecs.string(), Codecs.longs());
    SortedMapRef<String, Long, Long> byId =
        b.sortedMap("$$byId", Codecs.string(), Codecs.longs(), Codecs.longs());

    b.stream("count", incr, () -> new Processor<Incr>() {
      private TaskContext ctx;

      @Override
      public void init(TaskContext ctx) {
        this.ctx = ctx;
      }

      @Override
      public Object process(DepotRecord<Incr> r) {
        beforeCount.accept(r);
        Incr e = r.value();
        MapStore<String, Long> c = ctx.store(counts);
        // Written before the check so a failing record proves its writes are dropped.
        ctx.store(log).append(e.key(), e.id());
        if (e.amount() < 0) {
          throw new IllegalArgumentException("negative amount " + e.amount());
        }
        if (e.amount() == OUT_OF_MEMORY) {
          throw new OutOfMemoryError("injected: the processor ran out of heap");
        }
        if (e.amount() == WRONG_PARTITION) {
          for (int i = 0; ; i++) {
            String other = e.key() + "/" + i;
            if (Partitioner.partition(other, ctx.partitions()) != ctx.partition()) {
              c.put(other, 1L);
            }
          }
        }
        Long old = c.get(e.key());
        long now = (old == null ? 0 : old) + e.amount();
        c.put(e.key(), now);
        ctx.store(byId).put(e.key(), e.id(), e.amount());
        // Reads within an event see the event's own writes.
        if (c.get(e.key()) != now || ctx.store(byId).get(e.key(), e.id()) != e.amount()) {
          throw new AssertionError("event does not see its own writes");
        }
        return now;
      }
    });

    b.stream("forward", forward, () -> new Processor<Incr>() {
      private TaskContext ctx;

      @Override
      public void init(TaskContext ctx) {
        this.ctx = ctx;
      }

      @Override
      public Object process(DepotRecord<Incr> r) {
        ctx.append(incr, r.value());
        return "forwarded";
      }
    });

    b.stream("drop", drop, () -> new Processor<Incr>() {
      private TaskContext ctx;

      @Override
      public void init(TaskContext ctx) {
        this.ctx = ctx;
      }

      @Override
      public Object process(DepotRecord<Incr> r) {
        ListStore<String, Long> l = ctx.store(log);
        l.dropBefore(r.value().key(), r.value().id());
        return l.start(r.value().key());
      }
    });

    b.query("summary", (String key) -> key, (String key, QueryContext ctx) -> {
      Long count = ctx.store(counts).get(key);
      return List.of(count == null ? 0L : count, ctx.store(log).size(key));
    });
  }
}
