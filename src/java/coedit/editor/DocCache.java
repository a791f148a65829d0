package coedit.editor;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One task's hot documents, least recently used first out, bounded by document count and
 * total {@link Document#weight() weight} (code points of text plus the held history). Used
 * only from its task's thread, so it needs no locks. Eviction loses nothing: every hot
 * document can be rebuilt from its snapshot and history tail.
 */
final class DocCache {
  private final long maxCodePoints;
  private final int maxDocuments;
  private final LinkedHashMap<String, Document> docs = new LinkedHashMap<>(64, 0.75f, true);
  private final EditorStats stats;
  private long weight; // of the documents held

  DocCache(long maxCodePoints, int maxDocuments, EditorStats stats) {
    this.maxCodePoints = maxCodePoints;
    this.maxDocuments = maxDocuments;
    this.stats = stats;
  }

  /** The hot document, marked most recently used; null when not in memory. */
  Document get(String docId) {
    return docs.get(docId);
  }

  /** Adds a freshly loaded document, then evicts the coldest others until within bounds. */
  void put(String docId, Document doc) {
    Document old = docs.put(docId, doc);
    if (old != null) weight -= old.weight();
    weight += doc.weight();
    trim();
  }

  /** Records that a hot document's weight changed by {@code delta}, then trims. */
  void resized(long delta) {
    weight += delta;
    trim();
  }

  /** Forgets a document (its in-memory state may no longer match the PStates). */
  void evict(String docId) {
    Document old = docs.remove(docId);
    if (old != null) weight -= old.weight();
  }

  int size() {
    return docs.size();
  }

  long weight() {
    return weight;
  }

  /** Evicts least recently used documents, but never the most recent one (in use). */
  private void trim() {
    Iterator<Map.Entry<String, Document>> it = docs.entrySet().iterator();
    while ((docs.size() > maxDocuments || weight > maxCodePoints) && docs.size() > 1) {
      Document coldest = it.next().getValue();
      weight -= coldest.weight();
      it.remove();
      stats.evicted();
    }
  }
}
