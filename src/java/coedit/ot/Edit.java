package coedit.ot;

/**
 * One positional edit of a plain-text document. Offsets and lengths count Unicode code
 * points, never UTF-16 units, so no edit can split a surrogate pair.
 *
 * <p>Edits are plain values: an invalid one (negative offset, null text, ...) can be built,
 * and is rejected with an {@link InvalidChangeException} by {@link Ot#validate} before
 * anything is applied.
 */
public sealed interface Edit permits Insert, Delete {
  /** Where the edit applies, in code points from the start of the document. */
  int offset();
}
