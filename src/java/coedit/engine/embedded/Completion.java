package coedit.engine.embedded;

import java.util.Map;

/**
 * The outcome of one client record, held until its task's commit: then the permit is
 * released and an ACK append completes. {@code failure} is the first topology failure.
 */
record Completion(PendingAppend pending, Map<String, Object> acks, String failedTopology,
    Throwable failure) {}
