package coedit.engine;

import java.util.Objects;

/**
 * One record of a depot partition, as a processor sees it.
 *
 * @param depot            the depot's name ({@code *name}); never null
 * @param partition        the partition, which is also the processing task's partition
 * @param offset           position in the depot partition: 0, 1, 2, … without gaps
 * @param appendTimeMillis wall-clock time when the engine accepted the append; stored with
 *                         the record, so reprocessing sees the same value
 * @param value            the decoded record; never null
 */
public record DepotRecord<R>(
    String depot, int partition, long offset, long appendTimeMillis, R value) {
  public DepotRecord {
    Objects.requireNonNull(depot, "depot");
    Objects.requireNonNull(value, "value");
  }
}
