package coedit.engine;

import java.util.Map;

/**
 * A stream topology's processor threw for one record. The record stays in the depot; the
 * failing topology's writes for it were discarded and it was skipped (never retried), and
 * the task went on with the next record. Other topologies on the same depot processed it
 * normally: their acks are in {@link #acksByTopology()}.
 */
public class ProcessingException extends EngineException {

  private final String topology;
  private final String depot;
  private final int partition;
  private final long offset;
  private final transient Map<String, Object> acksByTopology;

  public ProcessingException(String topology, String depot, int partition, long offset,
      Map<String, Object> acksByTopology, Throwable cause) {
    super("topology " + topology + " failed on " + depot + " partition " + partition
        + " offset " + offset + ": " + cause, cause);
    this.topology = topology;
    this.depot = depot;
    this.partition = partition;
    this.offset = offset;
    this.acksByTopology = Map.copyOf(acksByTopology);
  }

  public String topology() {
    return topology;
  }

  public String depot() {
    return depot;
  }

  public int partition() {
    return partition;
  }

  public long offset() {
    return offset;
  }

  /** Ack values of the topologies that did process the record (null values omitted). */
  public Map<String, Object> acksByTopology() {
    return acksByTopology;
  }
}
