package coedit.editor;

import coedit.editor.data.ClientSeq;
import coedit.editor.data.Snapshot;
import coedit.ot.Change;
import coedit.ot.ComposedHistory;
import coedit.ot.Ot;
import coedit.ot.Rope;
import coedit.ot.TextSnapshot;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A document as the task that owns it holds it in memory: its text at {@link #version()}
 * as a rope, the version of its last stored snapshot, its history horizon (entries up to it
 * were compacted away), whether its edit floor is set (see {@link coedit.editor.data.DocFloors}),
 * its accepted changes back to some version in transform-ready form
 * ({@link ComposedHistory}), and per client an upper bound of the seqs the idempotency index
 * holds. It mirrors committed PState data, so it can always be rebuilt from the PStates
 * ({@link DocLoader}).
 *
 * <p>Its mutators are {@link #advance}, which {@link DocumentStep} calls once it has
 * accepted a submission, and {@link #compacted}, which {@link Compaction} calls once it
 * has moved the history horizon; the only other change is
 * {@link #remember}, which adds older history read from {@code $$history} to what is held
 * and changes nothing a step decides.
 * A document is used linearly: the state after a step is this object advanced. If the
 * engine then fails the record, the caller drops the object (the engine discards the
 * record's writes, and a rebuilt document matches the PStates again).
 *
 * <p>History held: the last {@link #RECENT_CHANGES} versions, and back to the oldest version
 * a stale submission needed, but never more than {@link #MAX_CHANGES_IN_MEMORY} versions
 * nor {@link #MAX_HISTORY_WEIGHT} (the newest change is always held); {@link #weight()}
 * counts it for the cache.
 */
final class Document {
  /** Accepted changes held, as long as they weigh little, so stale submissions rarely read {@code $$history}... */
  static final int RECENT_CHANGES = 256;
  /** ...and at most this many, however old the stale submissions that needed them... */
  static final int MAX_CHANGES_IN_MEMORY = 1 << 16;
  /**
   * ...weighing at most this, in code points ({@link ComposedHistory#weight()}: the text they
   * insert, plus a little per change and per operation component); the newest is always held.
   */
  static final long MAX_HISTORY_WEIGHT = 1 << 22;

  private final Rope text;
  private long version;
  private long snapshotVersion;
  private final ComposedHistory history;
  private long horizon;
  private long neededFrom = Long.MAX_VALUE; // the oldest base a stale submission needed
  /** (author, clientId) at seq 0 -> the highest seq of that client in {@code $$submissions}; absent: unknown. */
  private final Map<ClientSeq, Long> seqBounds = new HashMap<>();

  /**
   * The document at {@code version}: {@code text}, with {@code history} holding its changes up
   * to it (back to at least {@code horizon}), {@code $$history} entries after {@code horizon}.
   */
  Document(Rope text, long version, long snapshotVersion, ComposedHistory history, long horizon) {
    if (history.headVersion() != version) {
      throw new IllegalArgumentException("the history ends at " + history.headVersion() + ", not " + version);
    }
    if (history.baseVersion() < horizon || snapshotVersion < horizon) {
      throw new IllegalArgumentException("the history held (from " + history.baseVersion() + ") and the snapshot ("
          + snapshotVersion + ") must not be older than the horizon " + horizon);
    }
    this.text = text;
    this.version = version;
    this.snapshotVersion = snapshotVersion;
    this.history = history;
    this.horizon = horizon;
  }

  /** A document never edited. */
  static Document empty() {
    return new Document(new Rope(""), 0, 0, new ComposedHistory(0), 0);
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

  /** The text as an immutable snapshot, in O(1) (later advances do not change it). */
  TextSnapshot snapshot() {
    return text.snapshot();
  }

  /** What the document weighs in the cache: its length, plus its held history. */
  long weight() {
    return text.length() + history.weight();
  }

  /**
   * The history horizon: entries up to it were compacted away, so a submission made before
   * it cannot be transformed; {@code $$history} holds entries horizon+1..version.
   */
  long horizon() {
    return horizon;
  }

  /** The version of the stored snapshot ({@code $$snapshots}), at or above the horizon. */
  long snapshotVersion() {
    return snapshotVersion;
  }

  /** The oldest version whose successors are all held: a submission made at it or later needs no history read. */
  long heldFrom() {
    return history.baseVersion();
  }

  /** How the changes after {@code base} (>= heldFrom()) altered the length. */
  long lengthDeltaSince(long base) {
    return history.lengthDeltaSince(base);
  }

  /** {@code change}, made at {@code base} (>= heldFrom()), transformed over every change since (O(log) transforms). */
  Change transformSince(long base, Change change) {
    return history.transformSince(base, change);
  }

  /**
   * Holds {@code older}, the changes of versions heldFrom() - older.size() + 1 .. heldFrom()
   * as read from {@code $$history} for a stale submission, so the next one made that early
   * finds them in memory. Changes nothing a step decides.
   */
  void remember(List<Change> older) {
    history.prepend(older);
    neededFrom = Math.min(neededFrom, history.baseVersion());
  }

  /** The highest seq of {@code key}'s (author, client) the idempotency index holds, if known; else null. */
  Long seqBound(ClientSeq key) {
    return seqBounds.get(key.withSeq(0));
  }

  /**
   * The one mutator: applies the accepted, transformed {@code change} as the next version,
   * submitted as {@code key}. {@code seqBound} is the client's seq bound
   * the step knew or learned (null: unknown), so the index need not be read for the client's
   * next seq. Returns the snapshot to store when one is due at the new version, else null:
   * due every max(snapshotEvery, length / snapshotCharsPerEdit) versions, so snapshots cost
   * at most about snapshotCharsPerEdit code points per edit, amortized, and the decision
   * depends only on versions and lengths (recompute writes the same snapshots).
   *
   * The document's edit floor is set from then on (its submission's record is needed).
   *
   * @throws coedit.ot.InvalidChangeException the change does not fit; nothing changed
   */
  Snapshot advance(Change change, ClientSeq key, Long seqBound, EditorConfig config) {
    Ot.apply(text, change);
    version++;
    history.append(change);
    // Keep the recent changes and those a stale submission needed, within the bounds.
    history.forgetBefore(Math.max(Math.min(neededFrom, version - RECENT_CHANGES), version - MAX_CHANGES_IN_MEMORY));
    while (history.weight() > MAX_HISTORY_WEIGHT && history.baseVersion() < version - 1) {
      history.forgetBefore(history.baseVersion() + 1);
    }
    if (seqBound != null) seqBounds.put(key.withSeq(0), Math.max(seqBound, key.seq()));
    long interval = Math.max(config.snapshotEvery(), text.length() / config.snapshotCharsPerEdit());
    if (version - snapshotVersion < interval) return null;
    snapshotVersion = version;
    return new Snapshot(version, text.toString());
  }

  /**
   * The second mutator: the horizon moved to {@code newHorizon} (entries up to it dropped,
   * held changes before it forgotten) and the snapshot is now at {@code newSnapshotVersion}.
   */
  void compacted(long newHorizon, long newSnapshotVersion) {
    if (newHorizon < horizon || newHorizon > version || newSnapshotVersion < newHorizon) {
      throw new IllegalArgumentException("horizon " + horizon + " -> " + newHorizon + ", snapshot " + newSnapshotVersion
          + " at version " + version);
    }
    horizon = newHorizon;
    snapshotVersion = newSnapshotVersion;
    history.forgetBefore(newHorizon);
    if (neededFrom < newHorizon) neededFrom = newHorizon;
  }
}
