package coedit.editor;

import coedit.editor.data.DocSnapshot;
import coedit.editor.data.EditSubmission;
import coedit.editor.data.HistoryEntry;
import coedit.editor.data.SubmitResult;
import coedit.editor.data.SubmitResult.Accepted;
import coedit.editor.data.SubmitResult.Rejected;
import coedit.ot.Change;
import coedit.ot.InvalidChangeException;
import coedit.ot.Ot;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The model the module is checked against: ot.js's server.js in a few lines, in memory, no
 * durability, no idempotency, no size limits. {@code receiveOperation(version, change)}
 * transforms over the history since {@code version} and appends.
 */
final class PlainDocumentService implements DocumentService {
  private final Map<String, List<HistoryEntry>> histories = new HashMap<>();
  private final Map<String, String> texts = new HashMap<>();

  @Override
  public synchronized CompletableFuture<SubmitResult> submit(EditSubmission s) {
    List<HistoryEntry> history = histories.computeIfAbsent(s.docId(), d -> new ArrayList<>());
    if (s.version() > history.size()) return CompletableFuture.completedFuture(new Rejected("ahead"));
    List<Change> since = new ArrayList<>();
    for (HistoryEntry e : history.subList((int) s.version(), history.size())) since.add(e.change());
    try {
      String base = "";
      for (HistoryEntry e : history.subList(0, (int) s.version())) base = Ot.apply(base, e.change());
      Ot.validate(base.codePointCount(0, base.length()), s.change());
      Change change = since.isEmpty() ? s.change() : Ot.transformOverHistory(s.change(), since);
      texts.put(s.docId(), Ot.apply(texts.getOrDefault(s.docId(), ""), change));
      history.add(new HistoryEntry(history.size() + 1, s.clientId(), s.seq(), 0, change));
      return CompletableFuture.completedFuture(new Accepted(history.size(), change, false));
    } catch (InvalidChangeException e) {
      return CompletableFuture.completedFuture(new Rejected(e.getMessage()));
    }
  }

  @Override
  public synchronized DocSnapshot read(String docId) {
    return new DocSnapshot(docId, texts.getOrDefault(docId, ""), histories.getOrDefault(docId, List.of()).size());
  }

  @Override
  public synchronized List<HistoryEntry> history(String docId, long fromExclusive, long toInclusive) {
    List<HistoryEntry> h = histories.getOrDefault(docId, List.of());
    int to = (int) Math.min(h.size(), toInclusive);
    int from = (int) Math.max(0, fromExclusive);
    return from >= to ? List.of() : List.copyOf(h.subList(from, to));
  }

  @Override
  public Subscription watch(String docId, long fromVersion, HistoryListener listener) {
    throw new IllegalStateException("the plain model has no subscriptions");
  }

  @Override
  public void close() {}
}
