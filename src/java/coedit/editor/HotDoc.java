package coedit.editor;

import coedit.ot.Rope;
import java.util.HashMap;
import java.util.Map;

/**
 * A document held in memory by the task that owns it: its text as a rope at
 * {@code version}, the version of its last snapshot in {@code $$docs}, and per client the
 * highest seq known to be its latest in the idempotency index (so new submissions skip the
 * index read), and its last accepted changes. It mirrors committed PState data: the module mutates it only after every
 * check passed, and drops it if a record fails later, so it can always be rebuilt.
 */
final class HotDoc {
  final Rope text;
  long version;
  long snapshotVersion;
  /** clientId -> the highest seq of that client in {@code $$submissions}; absent: unknown. */
  final Map<String, Long> latestSeq = new HashMap<>();
  /** The last accepted changes, for transforming stale submissions without a history read. */
  final RecentChanges recent;

  HotDoc(Rope text, long version, long snapshotVersion) {
    this.text = text;
    this.version = version;
    this.snapshotVersion = snapshotVersion;
    this.recent = new RecentChanges(64, version);
  }
}
