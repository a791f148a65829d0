package coedit.editor;

import coedit.editor.data.HistoryEntry;
import coedit.engine.ListDiff;
import coedit.engine.ListPState;
import coedit.engine.Proxy;
import coedit.engine.ProxyListener;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * One {@link DocumentService#watch} subscription: a proxy on the size of a document's
 * {@code $$history} list. Guarantees: the listener gets every entry after the start version
 * exactly once, in version order, one call at a time. Entries committed while the initial
 * replay runs are held back and delivered after it; a gap (the proxy resynced a slow
 * subscriber) is filled from the durable history. Only when a gap exceeds
 * {@link #CATCH_UP_LIMIT} entries, or when entries it needs were compacted away, is the
 * listener told {@link HistoryListener#onResync} and delivery continues after it, so one
 * slow listener cannot pin memory or a proxy thread.
 * A listener that throws ends its subscription.
 */
final class HistoryWatch implements Subscription, ProxyListener<Long, ListDiff<HistoryEntry>> {
  static final long CATCH_UP_LIMIT = 10_000;
  private static final int CHUNK = 1_000;

  private final ListPState<String, HistoryEntry> history;
  private final String docId;
  private final HistoryListener listener;
  private final Consumer<HistoryWatch> onClose;
  private final List<HistoryEntry> pending = new ArrayList<>();
  private long delivered;
  private long resyncedTo;
  private boolean live;
  private boolean closed;
  private Proxy<Long> proxy;

  HistoryWatch(ListPState<String, HistoryEntry> history, String docId, long fromVersion,
      HistoryListener listener, Consumer<HistoryWatch> onClose) {
    this.history = history;
    this.docId = docId;
    this.delivered = fromVersion;
    this.listener = listener;
    this.onClose = onClose;
  }

  /** Subscribes, replays what exists after the start version, then goes live. */
  void start() {
    Proxy<Long> p = history.watch(docId, this);
    long size;
    synchronized (this) {
      proxy = p;
      size = p.initialValue();
    }
    // Outside the lock: updates meanwhile only queue up in pending.
    catchUp(size, false);
    synchronized (this) {
      if (closed) return;
      catchUp(resyncedTo, false);
      for (HistoryEntry e : pending) deliver(e);
      pending.clear();
      live = true;
    }
  }

  @Override
  public synchronized void onUpdate(Long newSize, ListDiff<HistoryEntry> diff, Long oldSize) {
    if (closed || !(diff instanceof ListDiff.Appended<HistoryEntry> appended)) return;
    if (live) {
      deliver(appended.element());
    } else {
      pending.add(appended.element());
    }
  }

  @Override
  public synchronized void onResync(Long current) {
    if (closed) return;
    if (live) {
      catchUp(current, true);
    } else {
      resyncedTo = Math.max(resyncedTo, current);
    }
  }

  @Override
  public void close() {
    Proxy<Long> p;
    synchronized (this) {
      if (closed) return;
      closed = true;
      p = proxy;
    }
    if (p != null) p.close();
    onClose.accept(this);
  }

  /** Delivers {@code e} unless already delivered, first filling any gap before it. */
  private void deliver(HistoryEntry e) {
    if (e.version() <= delivered) return;
    if (e.version() > delivered + 1) catchUp(e.version() - 1, true);
    if (e.version() != delivered + 1) return;
    call(e);
  }

  /** Delivers entries up to {@code version} from the durable history, a page at a time. */
  private void catchUp(long version, boolean limited) {
    if (limited && version - delivered > CATCH_UP_LIMIT) {
      delivered = version;
      listener.onResync(version);
      return;
    }
    HistoryCursor cursor = new HistoryCursor(
        (from, to) -> EngineDocumentService.read(history, docId, from, Math.min(version, to)), delivered);
    try {
      while (delivered < version && !closedNow()) {
        List<HistoryEntry> page = cursor.next(CHUNK);
        if (page.isEmpty()) return;
        for (HistoryEntry e : page) call(e);
      }
    } catch (HistoryCompactedException e) {
      // The entries are gone for good: the listener re-reads the document instead.
      delivered = version;
      listener.onResync(version);
    }
  }

  private void call(HistoryEntry e) {
    try {
      listener.onEntry(e);
      delivered = e.version();
    } catch (RuntimeException failure) {
      close();
      throw failure;
    }
  }

  private synchronized boolean closedNow() {
    return closed;
  }
}
