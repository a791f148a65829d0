package coedit.client;

/**
 * Callbacks of a {@link DocumentSession}. They run on the session's network thread, in
 * order, while the session is locked: keep them short and do not block.
 */
public interface SessionListener {
  /**
   * A remote change was applied to the local text. Changes come in order, each in the
   * coordinates the previous one left; when a frame brought several, the text already holds
   * all of them by the first call.
   */
  default void onRemoteChange(RemoteChange change) {}

  /** Submission {@code seq} was sent for the first time (resends after reconnecting are not reported). */
  default void onSubmitted(long seq) {}

  /** Submission {@code seq} was acknowledged: accepted as {@code version}. */
  default void onAcknowledged(long seq, long version) {}

  /** Connectivity or the pending count changed. */
  default void onStatus(Status status) {}

  /** A participant appeared, moved their cursor or renamed; or left ({@code gone}). */
  default void onPresence(RemotePresence presence, boolean gone) {}

  /** The server refused something (code and message as in docs/protocol.md). */
  default void onError(String code, String message) {}

  /**
   * The server refused our submission {@code seq} ({@code code} and {@code message} as in
   * docs/protocol.md) and applied none of it. When {@code keptTheRest} is true exactly that
   * change was taken out of the local text (reported just before through
   * {@link #onRemoteChange}) and the later local edits were kept and submitted next; when
   * false the local text could no longer be trusted, so every unacknowledged edit was
   * dropped and the server's text replaces ours on rejoining. Either way the session goes on.
   */
  default void onRefused(long seq, String code, String message, boolean keptTheRest) {}

  SessionListener NONE = new SessionListener() {};
}
