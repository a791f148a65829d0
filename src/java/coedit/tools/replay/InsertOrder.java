package coedit.tools.replay;

import coedit.tools.trace.ConcurrentTrace;
import coedit.tools.trace.Patch;
import java.util.Arrays;
import java.util.List;

/**
 * The merged order of every character a concurrent trace inserts, deleted ones included,
 * computed the CRDT way: a txn's character goes right after the character left of it in
 * the document its author saw (its left origin). Positional OT forgets deleted characters,
 * so two concurrent inserts can land on one offset although their authors typed them on
 * different sides of a since-deleted character; this order says which comes first.
 *
 * <p>A plain list scan per patch: O(characters) each, fine for replay-sized traces.
 */
final class InsertOrder {
  private final int agents;
  private int size;
  private int[] insTxn = new int[1024];
  private int[] id = new int[1024];
  private int[] cp = new int[1024];
  /** Per agent, per item: the earliest txn of that agent deleting the item. */
  private int[][] delBy;
  private final int[] agentOf;
  private final int[] firstItem;
  private int[] rankOfItem;

  private InsertOrder(List<ConcurrentTrace.Txn> txns, int agents) {
    this.agents = agents;
    this.agentOf = new int[txns.size()];
    this.firstItem = new int[txns.size()];
    Arrays.fill(firstItem, -1);
    delBy = new int[agents][1024];
  }

  /** Builds the order; the merged visible text must equal the trace's endContent. */
  static InsertOrder of(ConcurrentTrace trace, int[][] known, int agents) {
    List<ConcurrentTrace.Txn> txns = trace.txns();
    InsertOrder o = new InsertOrder(txns, agents);
    for (int t = 0; t < txns.size(); t++) {
      o.agentOf[t] = txns.get(t).agent();
      int[] view = known[t].clone();
      view[txns.get(t).agent()] = t;
      for (Patch p : txns.get(t).patches()) o.apply(t, view, p);
    }
    o.rankOfItem = new int[o.size];
    for (int i = 0; i < o.size; i++) o.rankOfItem[o.id[i]] = i;
    int[] all = new int[agents];
    Arrays.fill(all, Integer.MAX_VALUE - 1);
    String merged = o.text(all);
    if (!merged.equals(trace.endContent())) {
      throw new IllegalStateException("the merge order does not reproduce endContent: " + FirstDifference.describe(trace.endContent(), merged));
    }
    return o;
  }

  /** True when txn {@code a}'s first inserted character precedes txn {@code b}'s in the merge. */
  boolean before(int a, int b) {
    if (firstItem[a] < 0 || firstItem[b] < 0) return a < b;
    return rankOfItem[firstItem[a]] < rankOfItem[firstItem[b]];
  }

  private void apply(int t, int[] view, Patch p) {
    int agent = agentOf[t];
    if (p.deleteCount() > 0) {
      int i = indexOfVisible(view, p.position());
      for (int n = 0; n < p.deleteCount(); i++) {
        if (i >= size) throw new IllegalStateException("txn " + t + " deletes past the end of the document its author saw");
        if (visible(i, view)) {
          delBy[agent][i] = Math.min(delBy[agent][i], t);
          n++;
        }
      }
    }
    if (!p.insert().isEmpty()) {
      int at = p.position() == 0 ? 0 : indexOfVisible(view, p.position() - 1) + 1;
      int[] cps = p.insert().codePoints().toArray();
      makeRoom(at, cps.length);
      for (int k = 0; k < cps.length; k++) {
        int item = at + k;
        insTxn[item] = t;
        cp[item] = cps[k];
        id[item] = nextId++;
        for (int g = 0; g < agents; g++) delBy[g][item] = Integer.MAX_VALUE;
        if (k == 0 && firstItem[t] < 0) firstItem[t] = id[item];
      }
    }
  }

  private int nextId;

  /** The list index of the visible character at {@code position} in {@code view}. */
  private int indexOfVisible(int[] view, int position) {
    int seen = -1;
    for (int i = 0; i < size; i++) {
      if (visible(i, view) && ++seen == position) return i;
    }
    throw new IllegalStateException("position " + position + " is past the end of the document its author saw");
  }

  private boolean visible(int i, int[] view) {
    if (insTxn[i] > view[agentOf[insTxn[i]]]) return false;
    for (int g = 0; g < agents; g++) if (delBy[g][i] <= view[g]) return false;
    return true;
  }

  private void makeRoom(int at, int n) {
    if (size + n > insTxn.length) {
      int cap = Math.max(insTxn.length * 2, size + n);
      insTxn = Arrays.copyOf(insTxn, cap);
      id = Arrays.copyOf(id, cap);
      cp = Arrays.copyOf(cp, cap);
      for (int g = 0; g < agents; g++) delBy[g] = Arrays.copyOf(delBy[g], cap);
    }
    System.arraycopy(insTxn, at, insTxn, at + n, size - at);
    System.arraycopy(id, at, id, at + n, size - at);
    System.arraycopy(cp, at, cp, at + n, size - at);
    for (int g = 0; g < agents; g++) System.arraycopy(delBy[g], at, delBy[g], at + n, size - at);
    size += n;
  }

  private String text(int[] view) {
    StringBuilder out = new StringBuilder(size);
    for (int i = 0; i < size; i++) if (visible(i, view)) out.appendCodePoint(cp[i]);
    return out.toString();
  }
}
