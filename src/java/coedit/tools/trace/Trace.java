package coedit.tools.trace;



/**
 * A recorded editing session from Joseph Gentle's {@code editing-traces} data set (the
 * automerge-paper trace prepared by Martin Kleppmann), CC BY 4.0. Replaying it must end at
 * {@link #endContent()}.
 */
public sealed interface Trace permits SequentialTrace, ConcurrentTrace {
  String endContent();
}
