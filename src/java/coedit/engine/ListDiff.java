package coedit.engine;

/** A change of one key's subindexed list. */
public sealed interface ListDiff<V> permits ListDiff.Appended, ListDiff.ElementSet,
    ListDiff.Truncated {

  /** {@code element} was appended at {@code index}. */
  record Appended<V>(long index, V element) implements ListDiff<V> {}

  /** Element {@code index} was replaced by {@code element}. */
  record ElementSet<V>(long index, V element) implements ListDiff<V> {}

  /** Elements from {@code newSize} on were dropped. */
  record Truncated<V>(long newSize) implements ListDiff<V> {}
}
