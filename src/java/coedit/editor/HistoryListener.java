package coedit.editor;

import coedit.editor.data.HistoryEntry;

/** Receives a document's accepted submissions in version order. */
public interface HistoryListener {
  void onEntry(HistoryEntry entry);

  /**
   * The subscription fell behind and skipped entries; the listener should re-read the
   * document (or history) from its last version. Entries after {@code version} follow.
   */
  default void onResync(long version) {}
}
