package coedit.engine;

import java.util.Collections;
import java.util.HashMap;
import java.util.Map;

/**
 * The outcome of an append.
 *
 * @param partition      the depot partition the record went to
 * @param offset         its offset there; -1 for {@link AckLevel#NONE}
 * @param acksByTopology for {@link AckLevel#ACK}: each stream topology's non-null ack
 *                       value by topology name; empty otherwise. Never null.
 */
public record AppendResult(int partition, long offset, Map<String, Object> acksByTopology) {
  public AppendResult {
    acksByTopology = acksByTopology == null ? Map.of()
        : Collections.unmodifiableMap(new HashMap<>(acksByTopology));
  }

  /** The ack value of {@code topology}, or null when it returned none. */
  @SuppressWarnings("unchecked")
  public <T> T ack(String topology) {
    return (T) acksByTopology.get(topology);
  }
}
