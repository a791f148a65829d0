package coedit.editor;

import coedit.editor.data.DocSnapshot;
import coedit.editor.data.DocText;
import coedit.editor.data.EditSubmission;
import coedit.editor.data.HistoryEntry;
import coedit.editor.data.Rejoin;
import coedit.editor.data.SubmitResult;
import coedit.engine.Health;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * What the server and clients need from the collaborative editor, whatever engine runs it.
 * Guarantees: submissions to one document are applied one at a time in a total order; a
 * submission's future completes only once it is durably applied; reads are atomic.
 */
public interface DocumentService extends AutoCloseable {

  /** Submit; completes when durably applied (or rejected). Never applies part of a change. */
  CompletableFuture<SubmitResult> submit(EditSubmission submission);

  /** Text and version read atomically; a never-edited document is {@code ""} at version 0. */
  DocSnapshot read(String docId);

  /**
   * Text and version read atomically, the text as an immutable snapshot: cheap whatever
   * the document's length (its characters are copied only by whoever reads them).
   */
  DocText snapshot(String docId);

  /**
   * Entries with {@code fromExclusive < version <= toInclusive}, clamped to what exists.
   *
   * @throws HistoryCompactedException {@code fromExclusive} is below the history horizon
   */
  List<HistoryEntry> history(String docId, long fromExclusive, long toInclusive);

  /** The history horizon: entries after it are held, those up to it were compacted away (0: none). */
  long horizon(String docId);

  /**
   * For a client whose version fell below the horizon: text, version, horizon and the
   * highest accepted seq of that client of {@code author} (null: the anonymous user), read
   * atomically.
   */
  Rejoin rejoin(String docId, String author, String clientId);

  /**
   * Replays entries after {@code fromVersion}, then every new one, in order. When entries it
   * should replay were compacted away, the listener hears {@link HistoryListener#onResync}
   * instead and delivery goes on after it.
   */
  Subscription watch(String docId, long fromVersion, HistoryListener listener);

  /** Whether the editor behind this service runs: RUNNING, or FAILED / CLOSED with why. */
  Health health();

  @Override
  void close();
}
