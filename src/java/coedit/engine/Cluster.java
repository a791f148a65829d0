package coedit.engine;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * A running engine: launches modules and owns their threads and storage. Each runtime
 * implements it: the embedded engine ({@code coedit.engine.embedded.Engine.open(config)},
 * or {@code InProcessCluster.create()} for tests: a temporary directory deleted on close,
 * same semantics).
 */
public interface Cluster extends AutoCloseable, MeterBinder {

  EngineConfig config();

  /**
   * Defines {@code module}, opens (or creates) its data, processes every depot record not
   * yet processed (so state after a crash is exactly-once), then starts accepting appends.
   * A module name can be launched once per cluster.
   */
  ModuleInstance launch(Module module);

  /** A launched module by name; {@link IllegalArgumentException} listing the launched names. */
  ModuleInstance module(String name);

  /**
   * RUNNING while every launched module runs; FAILED once any module failed (the first
   * failure is the detail); CLOSED after {@link #close()}.
   */
  Health health();

  /**
   * Calls {@code listener} once, on an engine thread, when a module fails in a way it cannot
   * recover from in this process: a storage write failed (disk full, I/O error), or an
   * engine thread died (an OutOfMemoryError, a bug). The failed module then refuses every
   * append and read with an {@link EngineException}; its data is as durable as before the
   * failure, and launching it again (in a new process) recovers it. A server reacts by
   * exiting so that its supervisor restarts it. Registered after a failure, the listener is
   * called at once.
   */
  void onFailure(java.util.function.Consumer<EngineException> listener);

  /**
   * Sends the engine's metrics to {@code registry} from now on (Micrometer's
   * {@link MeterBinder}): per partition the queue depth and the task's busy time, and what the
   * runtime adds (the embedded engine's group commits and storage size; Kafka Streams' own
   * metrics on Kafka). Names start with {@code coedit.engine} (Prometheus:
   * {@code coedit_engine_...}); docs/operations.md lists them. Call it any time, several
   * registries are fine.
   */
  @Override
  void bindTo(MeterRegistry registry);

  /**
   * Stops accepting appends, finishes what was admitted, stops the tasks (calling
   * {@link Processor#close()}), and closes storage. Idempotent.
   */
  @Override
  void close();
}
