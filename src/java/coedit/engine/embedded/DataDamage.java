package coedit.engine.embedded;

import coedit.engine.storage.Storage;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds lost data at launch by comparing what storage holds with what the module had
 * reached: each depot partition's end against the depots' own record of it
 * ({@link DepotEnds}), and each task's processed mark against its depot's end (PStates
 * cannot include records the depot no longer has) and against where the depot was trimmed
 * (records a task has not processed must still be there).
 */
final class DataDamage {
  private DataDamage() {}

  /** What is damaged and how to proceed, or null when nothing is. */
  static String describe(Layout layout, Task[] tasks, Storage storage, DepotEnds.Recorded recorded, String where) {
    List<String> lost = new ArrayList<>();
    for (DepotInfo d : layout.depots.values()) {
      for (int p = 0; p < layout.partitions; p++) {
        long has = d.nextOffset[p];
        long had = recorded.end(d.id, p);
        if (had > has) {
          lost.add("depot " + d.name + " partition " + p + " ends at offset " + has + " but had reached "
              + had + " (" + (had - has) + " records lost)");
        }
      }
    }
    for (TopologyInfo t : layout.topologies) {
      for (Task task : tasks) {
        long mark = task.marks[t.index()];
        long end = t.depot().nextOffset[task.partition];
        if (mark >= end) {
          lost.add("topology " + t.name() + " on partition " + task.partition + " processed " + t.depot().name
              + " up to offset " + mark + ", which the depot no longer holds (it ends at " + end + ")");
        }
        long start = Bases.depotStart(storage, t.depot(), task.partition);
        // A recompute's restore cut short resets the marks to its base's at the next launch.
        if (mark + 1 < start && !BaseRestore.interrupted(storage, task.partition)) {
          lost.add("topology " + t.name() + " on partition " + task.partition + " has processed " + t.depot().name
              + " only up to offset " + mark + ", but the depot was trimmed below " + start + " (offsets "
              + (mark + 1) + " to " + (start - 1) + " are gone)");
        }
      }
    }
    if (lost.isEmpty()) {
      return null;
    }
    return "module " + layout.module + " in " + where + " is damaged: " + String.join("; ", lost)
        + ". Its storage lost records it had acknowledged. Restore the data directory from a backup"
        + " (bin/coedit restore BACKUP DATA_DIR), or accept the loss with bin/coedit repair DATA_DIR"
        + " --accept-loss (the PStates are recomputed from the records that remain, and the lost records'"
        + " offsets, and the versions they gave, will be handed out again). bin/coedit check DATA_DIR"
        + " shows the details.";
  }
}
