package coedit.engine;

/** A change of one key's subindexed sorted map. */
public sealed interface SortedMapDiff<S, V> permits SortedMapDiff.Put, SortedMapDiff.Removed {

  /** {@code subkey} was set to {@code value}. */
  record Put<S, V>(S subkey, V value) implements SortedMapDiff<S, V> {}

  /** {@code subkey} was removed. */
  record Removed<S, V>(S subkey) implements SortedMapDiff<S, V> {}
}
