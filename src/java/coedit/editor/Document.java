package coedit.editor;

import coedit.editor.data.Snapshot;
import coedit.ot.Change;
import coedit.ot.Ot;
import coedit.ot.Rope;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A document as the task that owns it holds it in memory: its text at {@link #version()}
 * as a rope, the version of its last stored snapshot, its last accepted changes, and per
 * client an upper bound of the seqs the idempotency index holds. It mirrors committed
 * PState data, so it can always be rebuilt from the PStates ({@link DocLoader}).
 *
 * <p>Its one mutator is {@link #advance}, which {@link DocumentStep} calls once it has
 * accepted a submission; everything else only reads. A document is used linearly: the state
 * after a step is this object advanced. If the engine then fails the record, the caller
 * drops the object (the engine discards the record's writes, and a rebuilt document matches
 * the PStates again).
 */
final class Document {
  /** Accepted changes kept in memory for transforming stale submissions. */
  static final int RECENT_CHANGES = 64;

  private final Rope text;
  private long version;
  private long snapshotVersion;
  private final VersionRing<Change> recent;
  /** clientId -> the highest seq of that client in {@code $$submissions}; absent: unknown. */
  private final Map<String, Long> seqBounds = new HashMap<>();

  /** The document at {@code version}: {@code text}, with {@code recent} holding its last changes. */
  Document(Rope text, long version, long snapshotVersion, VersionRing<Change> recent) {
    if (recent.last() != version) {
      throw new IllegalArgumentException("recent changes end at " + recent.last() + ", not " + version);
    }
    this.text = text;
    this.version = version;
    this.snapshotVersion = snapshotVersion;
    this.recent = recent;
  }

  /** A document never edited. */
  static Document empty() {
    return new Document(new Rope(""), 0, 0, new VersionRing<>(RECENT_CHANGES, 0));
  }

  /** Number of accepted submissions. */
  long version() {
    return version;
  }

  /** Length in code points. */
  long length() {
    return text.length();
  }

  /** The text (a copy: O(length)). */
  String text() {
    return text.toString();
  }

  /** The changes of versions {@code base + 1 .. version()} if held in memory, else null. */
  List<Change> changesSince(long base) {
    return recent.since(base);
  }

  /** The highest seq of {@code clientId} the idempotency index holds, if known; else null. */
  Long seqBound(String clientId) {
    return seqBounds.get(clientId);
  }

  /**
   * The one mutator: applies the accepted, transformed {@code change} as the next version,
   * submitted by {@code clientId} as {@code seq}. {@code seqBound} is the client's seq bound
   * the step knew or learned (null: unknown), so the index need not be read for the client's
   * next seq. Returns the snapshot to store when one is due at the new version, else null:
   * due every max(snapshotEvery, length / snapshotCharsPerEdit) versions, so snapshots cost
   * at most about snapshotCharsPerEdit code points per edit, amortized, and the decision
   * depends only on versions and lengths (recompute writes the same snapshots).
   *
   * @throws coedit.ot.InvalidChangeException the change does not fit; nothing changed
   */
  Snapshot advance(Change change, String clientId, long seq, Long seqBound, EditorConfig config) {
    Ot.apply(text, change);
    version++;
    recent.add(version, change);
    if (seqBound != null) seqBounds.put(clientId, Math.max(seqBound, seq));
    long interval = Math.max(config.snapshotEvery(), text.length() / config.snapshotCharsPerEdit());
    if (version - snapshotVersion < interval) return null;
    snapshotVersion = version;
    return new Snapshot(version, text.toString());
  }
}
