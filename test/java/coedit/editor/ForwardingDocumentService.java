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

/** A {@link DocumentService} passing every call to another: tests override the calls they watch or slow down. */
public abstract class ForwardingDocumentService implements DocumentService {
  protected final DocumentService editor;

  protected ForwardingDocumentService(DocumentService editor) {
    this.editor = editor;
  }

  @Override
  public CompletableFuture<SubmitResult> submit(EditSubmission submission) {
    return editor.submit(submission);
  }

  @Override
  public DocSnapshot read(String docId) {
    return editor.read(docId);
  }

  @Override
  public DocText snapshot(String docId) {
    return editor.snapshot(docId);
  }

  @Override
  public List<HistoryEntry> history(String docId, long fromExclusive, long toInclusive) {
    return editor.history(docId, fromExclusive, toInclusive);
  }

  @Override
  public long horizon(String docId) {
    return editor.horizon(docId);
  }

  @Override
  public Rejoin rejoin(String docId, String author, String clientId) {
    return editor.rejoin(docId, author, clientId);
  }

  @Override
  public Subscription watch(String docId, long fromVersion, HistoryListener listener) {
    return editor.watch(docId, fromVersion, listener);
  }

  @Override
  public Health health() {
    return editor.health();
  }

  @Override
  public void close() {
    editor.close();
  }
}
