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

  /**
   * How applying this edit changes a document's length, in code points: the inserted text's
   * length for an insert (0 for a null text, which validation rejects), minus the length
   * for a delete.
   */
  long lengthDelta();
}
