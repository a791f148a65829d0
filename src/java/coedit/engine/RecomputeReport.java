package coedit.engine;

/**
 * The outcome of a recompute.
 *
 * @param records     depot records reprocessed
 * @param errors      records on which a processor threw (skipped, as in the first run)
 * @param millis      wall-clock duration
 */
public record RecomputeReport(long records, long errors, long millis) {}
