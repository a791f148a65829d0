package coedit.editor;

import coedit.editor.data.DocClient;
import coedit.editor.data.DocSnapshot;
import coedit.editor.data.DocText;
import coedit.editor.data.EditSubmission;
import coedit.editor.data.HistoryEntry;
import coedit.editor.data.RejectCode;
import coedit.editor.data.Rejoin;
import coedit.editor.data.SubmitResult;
import coedit.editor.data.SubmitResult.Rejected;
import coedit.engine.AckLevel;
import coedit.engine.AppendResult;
import coedit.engine.Cluster;
import coedit.engine.CodecException;
import coedit.engine.Depot;
import coedit.engine.EngineException;
import coedit.engine.Health;
import coedit.engine.ListPState;
import coedit.engine.ModuleInstance;
import coedit.engine.ProcessingException;
import coedit.engine.Query;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@link DocumentService} over a launched {@link CollaborativeDocumentEditorModule}: submit is
 * an {@link AckLevel#ACK} append to {@code *editDepot} (so it completes once the submission
 * is durable and applied), read is the {@code doc-text} query (an O(1) snapshot on the task,
 * materialised by the caller), history is a range read of {@code $$history} (refused below
 * its start, the horizon), rejoin the {@code doc-rejoin} query, and watch is a proxy on the
 * size of a document's history list.
 *
 * <p>Errors: an invalid docId given to read, history or watch is an
 * {@link IllegalArgumentException} naming it. A submission the module rejects completes
 * with {@link Rejected}; one the engine cannot take (overloaded, closed) completes
 * exceptionally with the engine's exception, and nothing was applied.
 */
public final class EngineDocumentService implements DocumentService {
  private final Depot<EditSubmission> depot;
  private final Query<String, DocText> textQuery;
  private final Query<DocClient, Rejoin> rejoinQuery;
  private final ListPState<String, HistoryEntry> history;
  private final Set<HistoryWatch> watches = ConcurrentHashMap.newKeySet();
  private final ModuleInstance module;

  /** A service over {@code module}, an instance of {@link CollaborativeDocumentEditorModule}. */
  public EngineDocumentService(ModuleInstance module) {
    this.module = module;
    this.depot = module.depot(CollaborativeDocumentEditorModule.EDIT_DEPOT);
    this.textQuery = module.query(CollaborativeDocumentEditorModule.TEXT_QUERY);
    this.rejoinQuery = module.query(CollaborativeDocumentEditorModule.REJOIN_QUERY);
    this.history = module.list(CollaborativeDocumentEditorModule.HISTORY);
  }

  /** Launches the editor module on {@code cluster} and returns a service over it. */
  public static EngineDocumentService launch(Cluster cluster, EditorConfig config) {
    return new EngineDocumentService(cluster.launch(new CollaborativeDocumentEditorModule(config)));
  }

  @Override
  public CompletableFuture<SubmitResult> submit(EditSubmission submission) {
    CompletableFuture<AppendResult> append;
    try {
      append = depot.appendAsync(submission, AckLevel.ACK);
    } catch (CodecException e) {
      return CompletableFuture.completedFuture(new Rejected(RejectCode.BAD_MESSAGE, "malformed submission: " + e.getMessage()));
    } catch (EngineException e) {
      // Overloaded or closed: nothing was appended; the caller may retry later.
      return CompletableFuture.failedFuture(e);
    }
    return append.handle((result, error) -> {
      if (error == null) return result.<SubmitResult>ack(CollaborativeDocumentEditorModule.APPLY_EDITS);
      Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
      if (cause instanceof CodecException) return new Rejected(RejectCode.BAD_MESSAGE, "malformed submission: " + cause.getMessage());
      if (cause instanceof ProcessingException p) {
        return new Rejected(RejectCode.INTERNAL, "the editor failed on this submission and applied nothing: " + p.getCause());
      }
      throw cause instanceof RuntimeException r ? r : new CompletionException(cause);
    });
  }

  @Override
  public DocSnapshot read(String docId) {
    // The task hands over a snapshot in O(1); its text is copied here, off the task.
    return snapshot(docId).materialize();
  }

  @Override
  public DocText snapshot(String docId) {
    return textQuery.invoke(Ids.validate("docId", docId));
  }

  @Override
  public List<HistoryEntry> history(String docId, long fromExclusive, long toInclusive) {
    Ids.validate("docId", docId);
    return read(history, docId, fromExclusive, toInclusive);
  }

  /** Entries (from, to] of the list, or {@link HistoryCompactedException} when some of them were dropped. */
  static List<HistoryEntry> read(ListPState<String, HistoryEntry> history, String docId, long fromExclusive,
      long toInclusive) {
    long from = Math.max(0, fromExclusive);
    if (toInclusive <= from) return List.of();
    // Entry v sits at index v - 1: versions (from, to] are indexes [from, to). Dropped
    // entries have no index, so a range starting below the horizon starts late.
    List<HistoryEntry> out = history.range(docId, from, toInclusive);
    if (out.isEmpty() ? history.start(docId) > from : out.get(0).version() != from + 1) {
      throw new HistoryCompactedException(docId, from, history.start(docId));
    }
    return out;
  }

  @Override
  public long horizon(String docId) {
    return history.start(Ids.validate("docId", docId));
  }

  @Override
  public Rejoin rejoin(String docId, String author, String clientId) {
    return rejoinQuery.invoke(new DocClient(Ids.validate("docId", docId), author, Ids.validate("clientId", clientId)));
  }

  @Override
  public Subscription watch(String docId, long fromVersion, HistoryListener listener) {
    Ids.validate("docId", docId);
    if (listener == null) throw new IllegalArgumentException("listener is null");
    HistoryWatch w = new HistoryWatch(history, docId, Math.max(0, fromVersion), listener, watches::remove);
    watches.add(w);
    w.start();
    return w;
  }

  @Override
  public Health health() {
    return module.health();
  }

  /** Closes the subscriptions this service opened; the cluster stays up (its owner closes it). */
  @Override
  public void close() {
    for (HistoryWatch w : List.copyOf(watches)) w.close();
  }
}
