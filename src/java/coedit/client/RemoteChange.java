package coedit.client;

import coedit.ot.Change;

/**
 * Someone else's accepted change, as just applied to the local text ({@code change} is in
 * local coordinates, after transformation over unacknowledged local edits). A resync that
 * replaced the text has {@code clientId} null and {@code seq} -1.
 */
public record RemoteChange(long version, String clientId, long seq, Change change) {}
