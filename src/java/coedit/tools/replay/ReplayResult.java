package coedit.tools.replay;

/**
 * The outcome of replaying a trace through the editor.
 *
 * @param submissions submissions made (one per txn that changes something)
 * @param nanos       wall-clock time of the replay, from the first submission to the last ack
 * @param finalText   the document as the editor module returns it afterwards
 * @param problem     null when every client agrees with the server; else what went wrong
 * @param stale       submissions made against an older version than the document's, which
 *                    the module transformed over the changes accepted since
 */
public record ReplayResult(long submissions, long nanos, String finalText, String problem, long stale) {

  /** Accepted submissions per second. */
  public double editsPerSecond() {
    return nanos == 0 ? 0 : submissions * 1e9 / nanos;
  }
}
