package coedit.engine;

/** A change of one map key. */
public sealed interface ValueDiff<V> permits ValueDiff.Put, ValueDiff.Removed {

  /** The key was set to {@code value}. */
  record Put<V>(V value) implements ValueDiff<V> {}

  /** The key was removed. */
  record Removed<V>() implements ValueDiff<V> {}
}
