package coedit.client;

import coedit.ot.Change;

/**
 * Someone else's accepted change, as just applied to the local text ({@code change} is in
 * local coordinates, after transformation over unacknowledged local edits). A resync that
 * replaced the text has {@code clientId} null and {@code seq} -1. A submission of ours the
 * server refused, taken back out of the local text, has our own {@code clientId} and the
 * refused {@code seq} (see {@link SessionListener#onRefused}).
 */
public record RemoteChange(long version, String clientId, long seq, Change change) {}
