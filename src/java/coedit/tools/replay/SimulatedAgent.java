package coedit.tools.replay;

import coedit.ot.Change;
import coedit.ot.ClientState;
import coedit.ot.ClientStep;
import coedit.ot.Ot;
import coedit.ot.Rope;
import coedit.ot.Synchronized;
import coedit.ot.Transformed;
import java.util.ArrayList;
import java.util.List;

/**
 * One agent of a concurrent trace as an editor client. It keeps two documents apart:
 * <ul>
 *   <li>the client's document, driven by a {@link ClientState}: every server change it has
 *       received and its own changes (what the browser client shows after a network read);
 *   <li>the user's view, {@link #view}: what the trace says the agent had seen when typing,
 *       i.e. the server changes its txn's parents include, plus its own.
 * </ul>
 * Invariant: client document = view, then the {@link #unseen} changes in order. A server
 * change received but not yet seen waits in {@code unseen}; the user's next txn is
 * transformed over those unseen changes before it goes to the ClientState (the client
 * transforms its local edit over server edits the user has not seen yet), and they over it:
 * <pre>
 *                 view
 *         t     /      \  u1..un (unseen, accepted by the server first)
 *              /        \
 *              \        /
 *   u1'..un'    \      /   t' (sent)
 *                 both
 * </pre>
 */
final class SimulatedAgent {
  /** A received change the user has not seen yet, and the txn that made it. */
  record Unseen(int txn, int agent, Change change) {}

  final int agent;
  final String clientId;
  final Rope view = new Rope();
  final List<Unseen> unseen = new ArrayList<>();
  /** Per agent, the last txn whose effect is in the view (-1: none). */
  final int[] seen;
  ClientState state = new Synchronized(0);
  /** Server versions received so far. */
  long received;
  /** Version of this agent's latest submission (0: none yet). */
  long lastSubmitted;

  SimulatedAgent(int agent, int agents) {
    this.agent = agent;
    this.clientId = "agent-" + agent;
    this.seen = new int[agents];
    java.util.Arrays.fill(seen, -1);
  }

  /** Server version {@code received + 1}, made by {@code txn} of {@code author}. */
  void receive(int txn, int author, long version, Change change) {
    ClientStep step = author == agent ? state.serverAck(version) : state.applyServer(change);
    state = step.next();
    if (step.toApply() != null) unseen.add(new Unseen(txn, author, step.toApply()));
    received = version;
  }

  /** Moves unseen changes into the view while their txns are among those in {@code known}. */
  void see(int[] known) {
    while (!unseen.isEmpty()) {
      Unseen u = unseen.get(0);
      if (u.txn() > known[u.agent()]) return;
      Ot.apply(view, u.change());
      seen[u.agent()] = Math.max(seen[u.agent()], u.txn());
      unseen.remove(0);
    }
  }

  /**
   * The user typed {@code t} (against the view); returns the change to submit, or null.
   * Where {@code t} and an unseen change insert at one offset, {@code order} decides which
   * text goes first (both orders converge; only the merge order matches the trace).
   */
  Change type(int txn, Change t, InsertOrder order) {
    Ot.apply(view, t);
    seen[agent] = txn;
    Change toClient = t;
    for (int i = 0; i < unseen.size(); i++) {
      Unseen u = unseen.get(i);
      if (order.before(txn, u.txn())) {
        Transformed tr = Ot.transform(toClient, u.change());
        unseen.set(i, new Unseen(u.txn(), u.agent(), tr.incomingPrime()));
        toClient = tr.acceptedPrime();
      } else {
        Transformed tr = Ot.transform(u.change(), toClient);
        unseen.set(i, new Unseen(u.txn(), u.agent(), tr.acceptedPrime()));
        toClient = tr.incomingPrime();
      }
    }
    ClientStep step = state.applyLocal(toClient);
    state = step.next();
    return step.toSend();
  }

  /** The text the client shows: the view plus every unseen change. */
  String clientText() {
    String text = view.toString();
    for (Unseen u : unseen) text = Ot.apply(text, u.change());
    return text;
  }
}
