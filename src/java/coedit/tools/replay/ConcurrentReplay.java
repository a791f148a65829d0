package coedit.tools.replay;

import coedit.editor.DocumentService;
import coedit.editor.data.EditSubmission;
import coedit.engine.ProgressListener;
import coedit.editor.data.SubmitResult;
import coedit.ot.Change;
import coedit.tools.trace.ConcurrentTrace;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Replays a concurrent trace through the editor with every agent as a {@link SimulatedAgent}
 * (a {@code ClientState} client), as the traces' README describes: file order is the
 * server's order; each agent, when typing a txn, has seen exactly the server changes its
 * txn's parents include, plus its own.
 *
 * <p>Schedule, per txn in file order: its agent first receives the server stream up to its
 * own latest submission (so it is synchronized and sends each txn as its own submission,
 * keeping file order = server order) and up to the last change its parents need; it moves
 * the needed ones into its view, types the txn, and submits the result against the version
 * it has received, which is usually behind the server: the module transforms it over the
 * changes it missed. Submissions are pipelined; an agent waits only for acks it receives.
 *
 * <p>Ties: positional OT cannot tell on which side of a since-deleted character an insert was
 * typed, so two concurrent inserts may meet at one offset (friendsforever has such cases,
 * e.g. one agent replaces a character while the other types right after it). Where the
 * agent's own txn meets an unseen server change at one offset, {@link InsertOrder} (the
 * trace's merge order) decides which text goes first; every other tie is the server's rule.
 */
public final class ConcurrentReplay {
  private ConcurrentReplay() {}

  public static ReplayResult run(DocumentService service, String docId, ConcurrentTrace trace) {
    return run(service, docId, trace, ProgressListener.NONE);
  }

  /** As {@link #run(DocumentService, String, ConcurrentTrace)}, telling {@code progress} txns typed. */
  public static ReplayResult run(DocumentService service, String docId, ConcurrentTrace trace,
      ProgressListener progress) {
    List<ConcurrentTrace.Txn> txns = trace.txns();
    int agents = trace.numAgents();
    for (ConcurrentTrace.Txn t : txns) agents = Math.max(agents, t.agent() + 1);
    int[][] known = Causality.lastKnown(txns, agents);
    InsertOrder order = InsertOrder.of(trace, known, agents);
    SimulatedAgent[] clients = new SimulatedAgent[agents];
    for (int a = 0; a < agents; a++) clients[a] = new SimulatedAgent(a, agents);
    // Per txn: the last txn of its agent, at or before it, that reached the server (-1: none),
    // and for submitted txns their server version.
    int[] lastSubmittedTxn = new int[txns.size()];
    long[] versionOfTxn = new long[txns.size()];
    int[] latestOfAgent = new int[agents];
    Arrays.fill(latestOfAgent, -1);
    Stream stream = new Stream();
    long start = System.nanoTime();
    for (int t = 0; t < txns.size(); t++) {
      if ((t & 255) == 0) progress.onProgress(t, txns.size());
      ConcurrentTrace.Txn txn = txns.get(t);
      SimulatedAgent me = clients[txn.agent()];
      if (known[t][txn.agent()] != latestOfAgent[txn.agent()]) {
        return fail(stream, start, "txn " + t + " of agent " + txn.agent() + " does not follow the agent's previous txn; agents must not forget their own edits");
      }
      int[] needed = new int[agents];
      long target = me.lastSubmitted;
      for (int g = 0; g < agents; g++) {
        int k = known[t][g];
        needed[g] = k < 0 ? -1 : lastSubmittedTxn[k];
        if (g != txn.agent() && needed[g] >= 0) target = Math.max(target, versionOfTxn[needed[g]]);
      }
      String problem = stream.deliver(me, target);
      if (problem != null) return fail(stream, start, problem);
      me.see(needed);
      for (int g = 0; g < agents; g++) {
        if (g != txn.agent() && me.seen[g] != needed[g]) {
          return fail(stream, start, "txn " + t + ": agent " + txn.agent() + " needs agent " + g
              + "'s txn " + needed[g] + " but the server delivers it after edits the txn must not see");
        }
      }
      latestOfAgent[txn.agent()] = t;
      lastSubmittedTxn[t] = known[t][txn.agent()] >= 0 ? lastSubmittedTxn[known[t][txn.agent()]] : -1;
      Change change = TraceChanges.of(txn.patches());
      if (change.isEmpty()) continue;
      Change toSend = me.type(t, change, order);
      if (toSend == null) continue;
      long base = me.state.version();
      versionOfTxn[t] = stream.submit(service.submit(new EditSubmission(docId, me.clientId, t, base, toSend)), t, txn.agent(), base);
      lastSubmittedTxn[t] = t;
      me.lastSubmitted = versionOfTxn[t];
    }
    for (SimulatedAgent c : clients) {
      String problem = stream.deliver(c, stream.size());
      if (problem != null) return fail(stream, start, problem);
      int[] all = new int[agents];
      Arrays.fill(all, Integer.MAX_VALUE);
      c.see(all);
    }
    long nanos = System.nanoTime() - start;
    String text = service.read(docId).text();
    String problem = null;
    for (SimulatedAgent c : clients) {
      String mine = c.view.toString();
      if (problem == null && !mine.equals(text)) problem = c.clientId + " ends with other text than the server: " + FirstDifference.describe(text, mine);
    }
    if (problem == null && !text.equals(trace.endContent())) problem = FirstDifference.describe(trace.endContent(), text);
    return new ReplayResult(stream.size(), nanos, text, problem, stream.stale());
  }

  private static ReplayResult fail(Stream stream, long start, String problem) {
    return new ReplayResult(stream.size(), System.nanoTime() - start, null, problem, 0);
  }

  /** The server's order: version v is submission v, whose ack carries its transformed change. */
  private static final class Stream {
    private final List<CompletableFuture<SubmitResult>> acks = new ArrayList<>();
    private final List<int[]> origin = new ArrayList<>();
    private long stale;

    long submit(CompletableFuture<SubmitResult> ack, int txn, int agent, long base) {
      acks.add(ack);
      origin.add(new int[] {txn, agent});
      if (base < acks.size() - 1) stale++;
      return acks.size();
    }

    /** Submissions whose base version was behind the server when they were made. */
    long stale() {
      return stale;
    }

    long size() {
      return acks.size();
    }

    /** Hands {@code client} every server version up to {@code target}, in order. */
    String deliver(SimulatedAgent client, long target) {
      while (client.received < target) {
        long v = client.received + 1;
        SubmitResult r = acks.get((int) v - 1).join();
        if (!(r instanceof SubmitResult.Accepted a) || a.version() != v) {
          return "submission " + v + " (txn " + origin.get((int) v - 1)[0] + ") got " + r
              + ", expected acceptance at version " + v;
        }
        int[] o = origin.get((int) v - 1);
        client.receive(o[0], o[1], v, a.change());
      }
      return null;
    }
  }
}
