package coedit.editor;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One task's hot documents, least recently used first out, bounded by document count and
 * total code points. Used only from its task's thread, so it needs no locks. Eviction loses
 * nothing: every hot document can be rebuilt from its snapshot and history tail.
 */
final class DocCache {
  private final long maxCodePoints;
  private final int maxDocuments;
  private final LinkedHashMap<String, HotDoc> docs = new LinkedHashMap<>(64, 0.75f, true);
  private long codePoints;
  private long evictions;

  DocCache(long maxCodePoints, int maxDocuments) {
    this.maxCodePoints = maxCodePoints;
    this.maxDocuments = maxDocuments;
  }

  /** The hot document, marked most recently used; null when not in memory. */
  HotDoc get(String docId) {
    return docs.get(docId);
  }

  /** Adds a freshly loaded document, then evicts the coldest others until within bounds. */
  void put(String docId, HotDoc doc) {
    HotDoc old = docs.put(docId, doc);
    if (old != null) codePoints -= old.text.length();
    codePoints += doc.text.length();
    trim();
  }

  /** Records that a hot document's length changed by {@code delta}, then trims. */
  void resized(long delta) {
    codePoints += delta;
    trim();
  }

  /** Forgets a document (its in-memory state may no longer match the PStates). */
  void evict(String docId) {
    HotDoc old = docs.remove(docId);
    if (old != null) codePoints -= old.text.length();
  }

  int size() {
    return docs.size();
  }

  long codePoints() {
    return codePoints;
  }

  long evictions() {
    return evictions;
  }

  /** Evicts least recently used documents, but never the most recent one (in use). */
  private void trim() {
    Iterator<Map.Entry<String, HotDoc>> it = docs.entrySet().iterator();
    while ((docs.size() > maxDocuments || codePoints > maxCodePoints) && docs.size() > 1) {
      HotDoc coldest = it.next().getValue();
      codePoints -= coldest.text.length();
      it.remove();
      evictions++;
    }
  }
}
