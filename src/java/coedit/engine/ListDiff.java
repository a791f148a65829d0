package coedit.engine;

/** A change of one key's subindexed list. */
public sealed interface ListDiff<V> permits ListDiff.Appended, ListDiff.ElementSet,
    ListDiff.Truncated, ListDiff.DroppedBefore {

  /** {@code element} was appended at {@code index}. */
  record Appended<V>(long index, V element) implements ListDiff<V> {}

  /** Element {@code index} was replaced by {@code element}. */
  record ElementSet<V>(long index, V element) implements ListDiff<V> {}

  /** Elements from {@code newSize} on were dropped. */
  record Truncated<V>(long newSize) implements ListDiff<V> {}

  /** Elements below {@code start} were dropped; the others kept their indexes. */
  record DroppedBefore<V>(long start) implements ListDiff<V> {}
}
