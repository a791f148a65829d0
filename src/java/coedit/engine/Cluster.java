package coedit.engine;

/**
 * A running engine: launches modules and owns their threads and storage. Each runtime
 * implements it: the embedded engine ({@code coedit.engine.embedded.Engine.open(config)},
 * or {@code InProcessCluster.create()} for tests: a temporary directory deleted on close,
 * same semantics).
 */
public interface Cluster extends AutoCloseable {

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
   * Stops accepting appends, finishes what was admitted, stops the tasks (calling
   * {@link Processor#close()}), and closes storage. Idempotent.
   */
  @Override
  void close();
}
