/**
 * The Rama programming model as an embedded engine: depots, stream topologies, PStates,
 * query topologies and proxies, for modules written in plain Java.
 *
 * <h2>Writing a module</h2>
 * A {@link coedit.engine.Module} declares, through a {@link coedit.engine.ModuleBuilder},
 * depots ({@code *name}: durable partitioned logs), PStates ({@code $$name}: maps, subindexed
 * lists, subindexed sorted maps), stream topologies (a {@link coedit.engine.Processor} per
 * task, shaped like Kafka Streams' Processor API) and queries. The
 * {@link coedit.engine.TaskContext} is a processor's only door to stores and to other
 * partitions (by appending to a depot); {@link coedit.engine.QueryContext} is its read-only
 * half for queries.
 *
 * <pre>{@code
 * public final class CounterModule implements Module {
 *   public String name() { return "counter"; }
 *   public void define(ModuleBuilder b) {
 *     DepotRef<Incr> incr = b.depot("*incr", INCR_CODEC, Incr::key);      // partitioned by key
 *     MapRef<String, Long> counts = b.map("$$counts", Codecs.string(), Codecs.longs());
 *     b.stream("count", incr, () -> new Processor<Incr>() {
 *       TaskContext ctx;
 *       public void init(TaskContext ctx) { this.ctx = ctx; }
 *       public Object process(DepotRecord<Incr> r) {
 *         // One thread per task: this read-modify-write cannot race.
 *         MapStore<String, Long> c = ctx.store(counts);
 *         long now = c.get(r.value().key()) == null ? r.value().amount()
 *             : c.get(r.value().key()) + r.value().amount();
 *         c.put(r.value().key(), now);
 *         return now;                                                    // the ACK value
 *       }
 *     });
 *     b.query("count", (String key) -> key, (key, ctx) -> ctx.store(counts).get(key));
 *   }
 * }
 *
 * try (Cluster cluster = InProcessCluster.create()) {             // or Engine.open(config)
 *   ModuleInstance m = cluster.launch(new CounterModule());
 *   m.<Incr>depot("*incr").append(new Incr("alice", 5), AckLevel.ACK).ack("count"); // 5
 *   m.query("count").invoke("alice");                                              // 5
 * }
 * }</pre>
 *
 * <p>This package is the runtime-neutral API: modules written against it run on every
 * runtime. {@code coedit.engine.embedded} is the embedded runtime (RocksDB or memory, one
 * machine: {@code Engine.open}, {@code InProcessCluster}). Unit-test processors without a
 * runtime with the tests' {@code coedit.engine.testing.MockTaskContext}; rebuild PStates
 * offline with {@code bin/coedit recompute DATA_DIR}.
 *
 * <h2>Guarantees</h2>
 * <ul>
 *   <li>A module has N partitions; task {@code p} owns partition {@code p} of every depot and
 *       PState. Keys are placed by {@link coedit.engine.Partitioner} (murmur3, documented and
 *       stable); the partition count is stored with the data.</li>
 *   <li>One thread per task at a time: a task runs its events (records, queries, client
 *       reads) one after another, so an event reads and writes its PStates atomically, with
 *       no locks in module code.</li>
 *   <li>An APPEND_ACK or ACK append is durable (fsynced, group-committed) before it is
 *       acknowledged; after {@code kill -9} and relaunch, every depot record's effect is in
 *       the PStates exactly once (writes and the processed-offset mark commit in one atomic
 *       batch; unprocessed records are processed at launch).</li>
 *   <li>After an ACK append completes, every read and query sees its effect.</li>
 *   <li>A processor that throws fails that record's append with a
 *       {@link coedit.engine.ProcessingException}; the record is skipped, never retried.</li>
 *   <li>Bounded memory: each partition admits at most
 *       {@link coedit.engine.EngineConfig#queueCapacity()} unprocessed client records;
 *       further appends wait, then fail with {@link coedit.engine.EngineOverloadedException}.
 *       Proxy subscribers have bounded queues and are resynced, never dropped silently.</li>
 *   <li>Recompute rebuilds every PState from the depots in the original per-task order.</li>
 *   <li>Damaged data is refused, never used silently: a launch on data that lost records
 *       it had (a truncated write-ahead log, files lost from a copy) or that its storage
 *       reports corrupt fails with a {@link coedit.engine.DataDamagedException} naming what
 *       is damaged; a failure at run time (storage write, a dead engine thread) fails the
 *       module once, reported through {@link coedit.engine.Cluster#onFailure} and
 *       {@link coedit.engine.Cluster#health()}.</li>
 *   <li>Client PState reads return committed state, each read atomic; queries and proxy
 *       subscriptions run on the owning task. Proxy updates arrive in commit order, right
 *       after the commit.</li>
 * </ul>
 *
 * <h2>Left out of the SPI</h2>
 * No scheduling or punctuation, no timers, no batch (microbatch) topologies, no global
 * (unpartitioned) PStates, no cross-partition transactions, no schema migration of stored
 * values, no replication: one machine. These keep the same modules portable to Kafka
 * Streams, where a task is a stream task and a PState a state store.
 */
package coedit.engine;



