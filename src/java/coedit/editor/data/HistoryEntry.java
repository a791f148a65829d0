package coedit.editor.data;

import coedit.ot.Change;

/**
 * One accepted submission. Entry {@code version} is the submission that produced that
 * version (versions start at 1); {@code change} is as transformed by the server, so applying
 * entries 1..v in order to the empty document gives the text at version v.
 */
public record HistoryEntry(long version, String clientId, long seq, long timeMillis, Change change) {}
