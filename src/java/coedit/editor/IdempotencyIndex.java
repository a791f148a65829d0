package coedit.editor;

import coedit.editor.data.ClientSeq;
import coedit.engine.SortedMapStore;
import java.util.List;
import java.util.Map;

/**
 * Reads and writes {@code $$submissions} (docId -> (clientId, seq) -> version) without a
 * disk read for the common case, a client's next seq. A hot document remembers per client an
 * upper bound of the seqs the index holds; a larger seq cannot be in the index. The bound
 * is learned with one range read per client per load and kept exact by {@link #record}.
 */
final class IdempotencyIndex {
  private IdempotencyIndex() {}

  /** The version {@code key} was accepted at, or null when it never was. */
  static Long versionOf(SortedMapStore<String, ClientSeq, Long> index, HotDoc doc, String docId,
      ClientSeq key) {
    Long bound = doc.latestSeq.get(key.clientId());
    if (bound != null) return key.seq() > bound ? null : index.get(docId, key);
    // Subkeys sort by (clientId, seq): the first entry at or after key is key itself, a later
    // seq of the same client, or nothing (then every seq of this client is below key's).
    List<Map.Entry<ClientSeq, Long>> next =
        index.range(docId, key, new ClientSeq(key.clientId(), Long.MAX_VALUE), 1);
    if (next.isEmpty()) {
      doc.latestSeq.put(key.clientId(), key.seq() - 1);
      return null;
    }
    return next.get(0).getKey().seq() == key.seq() ? next.get(0).getValue() : null;
  }

  /** Records that {@code key} was accepted at {@code version}. */
  static void record(SortedMapStore<String, ClientSeq, Long> index, HotDoc doc, String docId,
      ClientSeq key, long version) {
    index.put(docId, key, version);
    doc.latestSeq.computeIfPresent(key.clientId(), (id, bound) -> Math.max(bound, key.seq()));
  }
}
