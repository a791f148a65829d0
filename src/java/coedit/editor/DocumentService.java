package coedit.editor;

import coedit.editor.data.DocSnapshot;
import coedit.editor.data.DocText;
import coedit.editor.data.EditSubmission;
import coedit.editor.data.HistoryEntry;
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

  /** Entries with {@code fromExclusive < version <= toInclusive}, clamped to what exists. */
  List<HistoryEntry> history(String docId, long fromExclusive, long toInclusive);

  /** Replays entries after {@code fromVersion}, then every new one, in order. */
  Subscription watch(String docId, long fromVersion, HistoryListener listener);

  /** Whether the editor behind this service runs: RUNNING, or FAILED / CLOSED with why. */
  Health health();

  @Override
  void close();
}
