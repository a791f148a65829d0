/**
 * The Rama programming model: depots, stream topologies, PStates, query topologies and
 * proxies, for modules written in plain Java, on two runtimes: an embedded engine (one
 * machine) and Kafka Streams (replicated, several machines, automatic failover).
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
 * <p>This package is the runtime-neutral API: modules written against it run unchanged on
 * every runtime. {@code coedit.engine.embedded} is the embedded runtime (RocksDB or memory,
 * one machine: {@code Engine.open}, {@code InProcessCluster}); {@code coedit.engine.kafka}
 * runs modules as Kafka Streams applications ({@code KafkaCluster.open}, docs/kafka.md).
 * What both share lives in {@code coedit.engine.topology} (what a module declared) and
 * {@code coedit.engine.store} (the key layout and the store implementations over bytes).
 * Unit-test processors without a runtime with the tests' {@code
 * coedit.engine.testing.MockTaskContext}; rebuild PStates offline with
 * {@code bin/coedit recompute DATA_DIR}.
 *
 * <h2>Guarantees (every runtime; the Kafka runtime's differences follow)</h2>
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
 * <h2>On the Kafka runtime</h2>
 * A depot is a topic (one partition per task, kept forever, replicated), a PState a
 * changelogged RocksDB state store in the same key layout, a task a Kafka Streams task
 * owning partition {@code p} of every depot and PState. Every guarantee above holds, with
 * these precise differences:
 * <ul>
 *   <li><b>Durability is replication.</b> APPEND_ACK means the record is replicated to
 *       {@code min.insync.replicas} brokers (default 2 of 3), not fsynced; a machine crash
 *       loses nothing while that many replicas survive.</li>
 *   <li><b>Offsets may have gaps.</b> {@link coedit.engine.DepotRecord#offset()} is the
 *       Kafka offset: increasing, but transaction markers (of processor appends) and the
 *       runtime's own barrier records take offsets that processors never see.
 *       {@link coedit.engine.DepotRecord#appendTimeMillis()} is the broker's append time.</li>
 *   <li><b>Exactly-once</b> is Kafka's {@code exactly_once_v2} with transactional state
 *       stores: a record's store writes, its processor appends and the input offset commit
 *       together, so after any crash each record's effect is in the PStates exactly once.</li>
 *   <li><b>ACK before commit.</b> An ACK append completes when the owner has processed the
 *       record, before its transaction commits (waiting for the commit would cost the
 *       commit interval plus the commit, tens of milliseconds). This is sound because
 *       (1) the depot record was durable before it was processed ({@code acks=all}),
 *       (2) processors are deterministic, so if the owner dies before committing, the next
 *       owner reprocesses the record to the same state and ack, and (3) a new owner answers
 *       no read, query or subscription until it has processed past the end offset each of
 *       its input partitions had when it took the task over (a barrier record stands in
 *       when that offset holds a transaction marker); every ACK an earlier owner gave was
 *       for a record below it. So a read after an ACK sees the effect, on any instance,
 *       also across failovers ({@code KafkaAckBeforeCommitTest} kills an owner the moment
 *       it acknowledges, before any commit can follow; {@code KafkaFailoverTest} SIGKILLs
 *       instances and brokers under load). Proxy notices are sent at the same point. It
 *       relies on an owner not processing after it lost its task; a "zombie" instance cut
 *       off from the group but still reachable by its appenders could, for up to its
 *       session timeout, acknowledge records that its successor serves reads without.</li>
 *   <li><b>Reads, queries and proxies run on the owner</b> from any instance, routed
 *       through the node-to-node endpoint; during a rebalance or failover they wait
 *       (bounded by the request timeout, then {@link coedit.engine.EngineException}).
 *       Ack values, query arguments and results and watched values cross instances as
 *       data (records, enums, strings, boxed primitives, byte[], lists, sets, maps).</li>
 *   <li><b>Failover.</b> When an instance dies its tasks move to another (standby replicas
 *       keep that short): writes to its partitions stall for the session timeout plus the
 *       dead instance's transaction timeout (seconds; docs/benchmarks.md), nothing
 *       acknowledged is lost or applied twice, and subscribers on other instances get
 *       {@link coedit.engine.ProxyListener#onResync} with the value at the new owner.</li>
 *   <li><b>Order across depots.</b> Within a task, records of different depots are
 *       processed in append-time order; a reprocess after a failover may interleave two
 *       depots' records differently where their append times tie. Within one depot
 *       partition the order is always the offset order.</li>
 *   <li><b>Health.</b> An instance whose Streams application stopped with an error reports
 *       FAILED and tells its {@code onFailure} listeners; its tasks move to the other
 *       instances, and appends and reads made through it still work while its endpoint and
 *       producer do (they are served by the new owners). Restart it.</li>
 *   <li><b>Backpressure is per instance:</b> each instance admits at most
 *       {@code queueCapacity} of its own unprocessed appends per partition.</li>
 *   <li><b>Recompute</b> starts a new generation of the module's Streams application on
 *       every instance, reading the depots from the start (processor appends dropped below
 *       the offsets the old generation had committed), then drops the old generation.</li>
 * </ul>
 *
 * <h2>Left out of the SPI</h2>
 * No scheduling or punctuation, no timers, no batch (microbatch) topologies, no global
 * (unpartitioned) PStates, no cross-partition transactions, no schema migration of stored
 * values. These keep the same modules portable across the runtimes: on Kafka Streams a task
 * is a stream task and a PState a state store.
 */
package coedit.engine;



