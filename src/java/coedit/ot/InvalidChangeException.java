package coedit.ot;

/**
 * The one exception type for invalid edits and changes. The message names the edit (its
 * index in the change and its value), what is wrong with it, and the length of the document
 * it was checked against, e.g. {@code edit 1 Delete(5, 10): range [5, 15) runs past the end
 * of the document; document length 12 code points when this edit applies}.
 */
public final class InvalidChangeException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  private final int editIndex;
  private final long documentLength;

  /** A problem with a change as a whole (no single edit, no document). */
  InvalidChangeException(String message) {
    super(message);
    this.editIndex = -1;
    this.documentLength = -1;
  }

  private InvalidChangeException(String message, int editIndex, long documentLength) {
    super(message);
    this.editIndex = editIndex;
    this.documentLength = documentLength;
  }

  /**
   * Edit {@code index} (or a lone edit when {@code index < 0}) is wrong; {@code documentLength}
   * is the length it was checked against, negative when no document is involved.
   */
  static InvalidChangeException of(int index, Edit edit, String problem, long documentLength) {
    StringBuilder m = new StringBuilder();
    m.append(index >= 0 ? "edit " + index + " " : "edit ").append(edit).append(": ").append(problem);
    if (documentLength >= 0) {
      m.append("; document length ").append(documentLength).append(" code points");
      if (index > 0) m.append(" when this edit applies");
    }
    return new InvalidChangeException(m.toString(), index, documentLength);
  }

  /** Index of the offending edit in its change, or -1 when the problem is not one edit's. */
  public int editIndex() {
    return editIndex;
  }

  /** Length in code points of the document the edit was checked against, or -1 if none. */
  public long documentLength() {
    return documentLength;
  }
}
