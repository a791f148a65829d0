package coedit.editor.data;

import coedit.ot.Change;

/**
 * One accepted submission. Entry {@code version} is the submission that produced that
 * version (versions start at 1); {@code change} is as transformed by the server, so applying
 * entries 1..v in order to the empty document gives the text at version v. {@code author}
 * is the authenticated user who submitted it, null without authentication (and in entries
 * stored before authors were recorded).
 */
public record HistoryEntry(long version, String clientId, long seq, long timeMillis, Change change, String author) {

  /** An entry without an author. */
  public HistoryEntry(long version, String clientId, long seq, long timeMillis, Change change) {
    this(version, clientId, seq, timeMillis, change, null);
  }
}
