package coedit.editor;

/**
 * Tuning of {@link CollaborativeDocumentEditorModule}. None of it changes texts: a module
 * recomputed with other values yields the same texts and versions, except that the limits
 * decide which submissions count as too large, and the retention decides which history is
 * kept (so which stale submissions are refused as compacted). Recompute with the values the
 * server ran with to get the same PStates.
 *
 * @param snapshotEvery         fewest versions between two snapshots of a document in
 *                              {@code $$snapshots}
 * @param snapshotCharsPerEdit  a document of n code points is snapshotted at most every
 *                              n / snapshotCharsPerEdit versions, so writing snapshots costs
 *                              at most about this many code points per edit, amortized,
 *                              whatever the document's length
 * @param cacheCodePoints       per task: total code points of hot documents kept in memory
 *                              before the least recently used are evicted (each document's
 *                              held history counts too, by its weight)
 * @param cacheDocuments        per task: most hot documents kept in memory
 * @param maxEdits              most edits in one submitted change
 * @param maxInsertCodePoints   most code points one submitted change may insert (and never
 *                              more than a document may hold)
 * @param maxDocumentCodePoints most code points a document may grow to (a change that
 *                              would make it longer is rejected; shrinking is always allowed)
 * @param retention             how much history is kept ({@link HistoryRetention#KEEP_ALL}:
 *                              all of it)
 */
public record EditorConfig(
    int snapshotEvery,
    int snapshotCharsPerEdit,
    long cacheCodePoints,
    int cacheDocuments,
    int maxEdits,
    int maxInsertCodePoints,
    long maxDocumentCodePoints,
    HistoryRetention retention) {

  public EditorConfig {
    positive("snapshotEvery", snapshotEvery);
    positive("snapshotCharsPerEdit", snapshotCharsPerEdit);
    positive("cacheCodePoints", cacheCodePoints);
    positive("cacheDocuments", cacheDocuments);
    positive("maxEdits", maxEdits);
    positive("maxInsertCodePoints", maxInsertCodePoints);
    positive("maxDocumentCodePoints", maxDocumentCodePoints);
    java.util.Objects.requireNonNull(retention, "retention");
  }

  /**
   * Snapshots every 1,000 versions or more (at most ~64 code points per edit), 16 Mi code
   * points and 4,096 documents hot per task, changes of at most 10,000 edits inserting at
   * most 1 Mi code points, documents of at most 10,000,000 code points, all history kept.
   */
  public static EditorConfig defaults() {
    return new EditorConfig(1000, 64, 16L << 20, 4096, 10_000, 1 << 20, 10_000_000, HistoryRetention.KEEP_ALL);
  }

  public EditorConfig withRetention(HistoryRetention r) {
    return new EditorConfig(snapshotEvery, snapshotCharsPerEdit, cacheCodePoints, cacheDocuments, maxEdits,
        maxInsertCodePoints, maxDocumentCodePoints, r);
  }

  public EditorConfig withSnapshotEvery(int versions) {
    return withSnapshots(versions, snapshotCharsPerEdit);
  }

  public EditorConfig withSnapshots(int every, int charsPerEdit) {
    return new EditorConfig(every, charsPerEdit, cacheCodePoints, cacheDocuments, maxEdits,
        maxInsertCodePoints, maxDocumentCodePoints, retention);
  }

  public EditorConfig withCache(long codePoints, int documents) {
    return new EditorConfig(snapshotEvery, snapshotCharsPerEdit, codePoints, documents,
        maxEdits, maxInsertCodePoints, maxDocumentCodePoints, retention);
  }

  public EditorConfig withLimits(int edits, int insertCodePoints) {
    return new EditorConfig(snapshotEvery, snapshotCharsPerEdit, cacheCodePoints,
        cacheDocuments, edits, insertCodePoints, maxDocumentCodePoints, retention);
  }

  /**
   * Most code points one change may insert and delete in all: enough to replace a whole
   * document of the largest size with the largest insert, so no legitimate edit is refused.
   */
  public long maxChangeCodePoints() {
    return maxInsertCodePoints + maxDocumentCodePoints;
  }

  public EditorConfig withMaxDocumentCodePoints(long codePoints) {
    return new EditorConfig(snapshotEvery, snapshotCharsPerEdit, cacheCodePoints,
        cacheDocuments, maxEdits, maxInsertCodePoints, codePoints, retention);
  }

  private static void positive(String name, long value) {
    if (value < 1) throw new IllegalArgumentException(name + " must be at least 1, got " + value);
  }
}
