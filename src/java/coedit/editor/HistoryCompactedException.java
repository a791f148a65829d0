package coedit.editor;

/**
 * History was asked for from a version below the document's history horizon: the entries
 * up to the horizon were compacted away (see {@link HistoryRetention}). The text is still
 * there: read the document and go on from its version.
 */
public final class HistoryCompactedException extends RuntimeException {
  private final String docId;
  private final long horizon;

  public HistoryCompactedException(String docId, long fromVersion, long horizon) {
    super("the history of document " + docId + " after version " + fromVersion + " was compacted away: it starts after"
        + " version " + horizon + "; read the document and continue from its version", null, false, false);
    this.docId = docId;
    this.horizon = horizon;
  }

  public String docId() {
    return docId;
  }

  /** The version after which the history is held: entries {@code horizon + 1 ..} exist. */
  public long horizon() {
    return horizon;
  }
}
