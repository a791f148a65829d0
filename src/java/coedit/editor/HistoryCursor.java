package coedit.editor;

import coedit.editor.data.HistoryEntry;
import java.util.List;

/**
 * A reader's place in a document's history, paging forward from a version: the one way
 * coedit replays history before going live. Service subscriptions ({@link HistoryWatch},
 * which the Clojure layer's {@code watch-doc!} uses too) and the live server's
 * per-connection catch-up read through it. Not thread-safe: its reader owns it.
 */
public final class HistoryCursor {

  /** Reads entries {@code fromExclusive + 1 .. toInclusive}, clamped to what exists. */
  @FunctionalInterface
  public interface Pages {
    List<HistoryEntry> read(long fromExclusive, long toInclusive);
  }

  private final Pages pages;
  private long position;

  /** A cursor after {@code version}: the next entry it reads is {@code version + 1}. */
  public HistoryCursor(Pages pages, long version) {
    this.pages = pages;
    this.position = version;
  }

  /** The version of the last entry read (or skipped to). */
  public long position() {
    return position;
  }

  /**
   * Up to {@code max} entries after {@link #position()}, in version order, moving past
   * them; empty when the durable history ends at the position.
   */
  public List<HistoryEntry> next(int max) {
    List<HistoryEntry> page = pages.read(position, position + max);
    if (!page.isEmpty()) position = page.get(page.size() - 1).version();
    return page;
  }

  /** Moves to {@code version} (entries up to it were seen another way); never backwards. */
  public void skipTo(long version) {
    position = Math.max(position, version);
  }
}
