package coedit.tools.trace;

import java.util.List;

/**
 * Several agents editing at once; txns in topological order. A txn's patches refer to the
 * document its author saw: the state after its {@code parents} (indexes of earlier txns;
 * empty means the empty document, several mean those branches merged), with the txn's own
 * earlier patches applied.
 */
public record ConcurrentTrace(String endContent, int numAgents, List<Txn> txns) implements Trace {

  /** One transaction of one agent. */
  public record Txn(List<Integer> parents, int numChildren, int agent, String time, List<Patch> patches) {}
}
