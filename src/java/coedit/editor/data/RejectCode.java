package coedit.editor.data;

/**
 * Why a submission was rejected: a closed set, one value per distinct thing a client can do
 * about it. {@link #wireName} is the error code of docs/protocol.md, so servers map codes to
 * statuses and messages without reading any message text.
 */
public enum RejectCode {
  /** The document or client id breaks the id rules. Fix the id. */
  BAD_ID("bad_id"),
  /** A number is out of range, or the record could not be read. Fix the request. */
  BAD_MESSAGE("bad_message"),
  /** The change does not fit the document at its base version, or is empty. Re-sync. */
  INVALID_CHANGE("invalid_change"),
  /** The base version is ahead of the document: the client saw a future. Re-sync. */
  VERSION_AHEAD("version_ahead"),
  /**
   * The base version is below the document's history horizon: the entries after it were
   * compacted away, so the change cannot be transformed. Read the current text, rebase the
   * change onto it (a text diff from the base text, then the usual transform), submit again.
   */
  HISTORY_COMPACTED("history_compacted"),
  /** The change, or the document it would make, is over a limit. Make it smaller. */
  TOO_LARGE("too_large"),
  /**
   * The (author, client, seq) was already accepted with a different base version or change:
   * the client reused a seq. Nothing was applied; the client's numbering is broken. Re-sync
   * under a new client id or a seq never used.
   */
  SEQ_CONFLICT("seq_conflict"),
  /** The module failed on this submission (a bug); nothing was applied. Retry later. */
  INTERNAL("internal");

  private final String wireName;

  RejectCode(String wireName) {
    this.wireName = wireName;
  }

  /** The protocol's error code for this rejection, e.g. {@code "invalid_change"}. */
  public String wireName() {
    return wireName;
  }
}
