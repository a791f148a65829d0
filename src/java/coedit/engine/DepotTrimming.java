package coedit.engine;

import java.time.Duration;
import java.util.Objects;

/**
 * Whether and when the embedded engine trims its depots. Trimming keeps, per partition, a
 * <em>base</em> (a copy of the partition's PStates and processed marks, taken from one
 * consistent state) and deletes the depot records the base covers; recompute then starts
 * from the base. A partition gets a new base, and its depots are trimmed below it, once its
 * depots hold at least {@code minRecords} records above the current base and at least as
 * many as the base has entries: so copying a base costs O(1) per record, and a partition
 * stores about its PStates twice plus at most max(minRecords, PState entries) records, plus
 * what arrives between two looks. Useful only when the PStates themselves stay bounded (the
 * editor with a history retention); otherwise the base is as large as the records it
 * replaces. The Kafka runtime ignores this: there, the topics' own retention applies.
 *
 * @param enabled    whether a background thread trims
 * @param minRecords fewest records above a partition's base before it is rebuilt
 * @param checkEvery how often that thread looks at each partition
 */
public record DepotTrimming(boolean enabled, long minRecords, Duration checkEvery) {
  /** Never trims (the default): every record stays, and recompute replays them all. */
  public static final DepotTrimming OFF = new DepotTrimming(false, 10_000, Duration.ofSeconds(10));

  public DepotTrimming {
    Objects.requireNonNull(checkEvery, "checkEvery");
    if (minRecords < 1) throw new IllegalArgumentException("minRecords must be >= 1, got " + minRecords);
    if (checkEvery.isNegative() || checkEvery.isZero()) {
      throw new IllegalArgumentException("checkEvery must be positive: " + checkEvery);
    }
  }

  /**
   * Trims once 10,000 records (and as many as the base has entries) are above a partition's
   * base, looking every 10 s: about a megabyte of editor records, so small partitions are
   * not copied over and over.
   */
  public static DepotTrimming on() {
    return new DepotTrimming(true, 10_000, Duration.ofSeconds(10));
  }

  public DepotTrimming withMinRecords(long n) {
    return new DepotTrimming(enabled, n, checkEvery);
  }

  public DepotTrimming withCheckEvery(Duration every) {
    return new DepotTrimming(enabled, minRecords, every);
  }
}
