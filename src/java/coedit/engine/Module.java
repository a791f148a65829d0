package coedit.engine;

/**
 * A module: depots, stream topologies, PStates and queries, defined in plain Java.
 *
 * <p>{@link #define} only declares; it runs once per launch (and once per recompute) on the
 * launching thread and must not touch the outside world. The name identifies the module's
 * data on disk ({@code dataDir/name}): renaming a module starts it from empty state.
 */
public interface Module {

  /** Stable identifier: 1–64 chars of {@code [A-Za-z0-9._-]}; names the data directory. */
  String name();

  /** Declares everything the module has, through {@code b}. */
  void define(ModuleBuilder b);
}
