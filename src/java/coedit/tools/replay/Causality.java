package coedit.tools.replay;

import coedit.tools.trace.ConcurrentTrace;
import java.util.Arrays;
import java.util.List;

/** What each txn of a concurrent trace causally follows. */
final class Causality {
  private Causality() {}

  /**
   * For every txn t and agent g, the last txn of g among t's ancestors (-1: none). Each
   * agent's txns form a chain, so t's ancestors by g are exactly g's txns up to that one.
   */
  static int[][] lastKnown(List<ConcurrentTrace.Txn> txns, int agents) {
    int[][] known = new int[txns.size()][];
    for (int t = 0; t < txns.size(); t++) {
      int[] k = new int[agents];
      Arrays.fill(k, -1);
      for (int p : txns.get(t).parents()) {
        if (p < 0 || p >= t) {
          throw new IllegalArgumentException("txn " + t + " has parent " + p + "; parents must be earlier txns");
        }
        for (int g = 0; g < agents; g++) k[g] = Math.max(k[g], known[p][g]);
        k[txns.get(p).agent()] = Math.max(k[txns.get(p).agent()], p);
      }
      known[t] = k;
    }
    return known;
  }
}
