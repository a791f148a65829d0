package coedit.ot;

import java.util.List;

/**
 * A change: edits applied one after another, in list order, each against the document as
 * the edits before it left it. The list is an immutable copy and never null; it never holds
 * a null edit.
 */
public record Change(List<Edit> edits) {

  /** The change that changes nothing. */
  public static final Change EMPTY = new Change(List.of());

  public Change {
    if (edits == null) {
      throw new InvalidChangeException("a change needs a list of edits, got null");
    }
    for (int i = 0; i < edits.size(); i++) {
      if (edits.get(i) == null) {
        throw new InvalidChangeException("edit " + i + " of the change is null");
      }
    }
    edits = List.copyOf(edits);
  }

  /** The change applying {@code edits} in order. */
  public static Change of(Edit... edits) {
    if (edits == null) {
      throw new InvalidChangeException("a change needs a list of edits, got null");
    }
    return new Change(java.util.Arrays.asList(edits));
  }

  /** True when the change has no edits (applying it leaves any document as it is). */
  public boolean isEmpty() {
    return edits.isEmpty();
  }

  /**
   * How applying this change alters a document's length, in code points: the sum of its
   * edits' {@link Edit#lengthDelta}. For a valid change, {@code length(apply(d, c)) ==
   * length(d) + c.lengthDelta()}.
   */
  public long lengthDelta() {
    long delta = 0;
    for (Edit e : edits) delta += e.lengthDelta();
    return delta;
  }

  /** Code points this change inserts, summed over its inserts. */
  public long insertedCodePoints() {
    long n = 0;
    for (Edit e : edits) if (e instanceof Insert) n += e.lengthDelta();
    return n;
  }

  /** Code points this change deletes, summed over its deletes. */
  public long deletedCodePoints() {
    long n = 0;
    for (Edit e : edits) if (e instanceof Delete d) n += d.length();
    return n;
  }

  @Override
  public String toString() {
    return "Change" + edits;
  }
}
