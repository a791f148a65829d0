package coedit.editor;

import java.time.Duration;

/**
 * How much of each document's history a server keeps ({@code --history-keep-versions},
 * {@code --history-keep-days}): an entry is kept while it is among the document's last
 * {@code keepVersions} versions <em>or</em> younger than {@code keepMillis} (each bound
 * applies only when set), and dropped once neither keeps it. Dropping is amortized: a
 * document is compacted when at least as many entries can go as are kept (and at least
 * {@link #MIN_BATCH}, and at least its length / snapshotCharsPerEdit), so an entry costs O(1)
 * to drop, whatever the document's length. So a document holds at most about
 * 2 · max(keepVersions, MIN_BATCH, length / snapshotCharsPerEdit) entries when only the count
 * is set. Compaction happens when a document is edited, and decides from versions, lengths
 * and the entries' stored append times only, so recompute decides the same.
 *
 * @param keepVersions entries kept by count, or -1 when not set
 * @param keepMillis   entries kept by age, in milliseconds, or -1 when not set
 */
public record HistoryRetention(long keepVersions, long keepMillis) {
  /** Fewest entries a compaction drops. */
  public static final int MIN_BATCH = 32;
  /** No retention: every entry is kept forever. */
  public static final HistoryRetention KEEP_ALL = new HistoryRetention(-1, -1);

  public HistoryRetention {
    if (keepVersions < -1) throw new IllegalArgumentException("keepVersions must be -1 (not set) or >= 0, got " + keepVersions);
    if (keepMillis < -1) throw new IllegalArgumentException("keepMillis must be -1 (not set) or >= 0, got " + keepMillis);
  }

  /** Keep the last {@code versions} versions of every document (and no more, by age). */
  public static HistoryRetention versions(long versions) {
    return KEEP_ALL.withVersions(versions);
  }

  /** Keep every entry younger than {@code age} (and no more, by count). */
  public static HistoryRetention age(Duration age) {
    return KEEP_ALL.withAge(age);
  }

  public HistoryRetention withVersions(long versions) {
    if (versions < 0) throw new IllegalArgumentException("versions kept must be >= 0, got " + versions);
    return new HistoryRetention(versions, keepMillis);
  }

  public HistoryRetention withAge(Duration age) {
    if (age.isNegative()) throw new IllegalArgumentException("age kept must not be negative: " + age);
    return new HistoryRetention(keepVersions, age.toMillis());
  }

  /** True when some history may be dropped. */
  public boolean enabled() {
    return keepVersions >= 0 || keepMillis >= 0;
  }

  @Override
  public String toString() {
    if (!enabled()) return "keep all history";
    String v = keepVersions >= 0 ? keepVersions + " versions" : null;
    String a = keepMillis >= 0 ? Duration.ofMillis(keepMillis) + "" : null;
    return "keep " + (v != null && a != null ? v + " or " + a : v != null ? v : a);
  }
}
