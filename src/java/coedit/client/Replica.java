package coedit.client;

import coedit.ot.AwaitingConfirm;
import coedit.ot.AwaitingWithBuffer;
import coedit.ot.Change;
import coedit.ot.ClientRun;
import coedit.ot.ClientState;
import coedit.ot.ClientStep;
import coedit.ot.Ot;
import coedit.ot.Rebase;
import coedit.ot.Rope;
import coedit.ot.Synchronized;
import coedit.ot.Transformed;
import coedit.protocol.Selection;
import coedit.protocol.Wire;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The local copy of a document and everything that moves with it, without I/O: the text,
 * the {@link ClientState} machine, the submission in flight (bound to its seq and wire text
 * for good), the others' selections (in local coordinates) and ours. {@link DocumentSession}
 * feeds it server messages and local edits under its lock and does what it returns.
 *
 * <p>It also keeps the server's text at the integrated version (a second rope, changed by
 * every accepted change, ours included: O(log n) per entry, twice the document's memory),
 * so that a submission the server refuses as such can be taken out of the local text
 * exactly, with later local edits kept ({@link #revert}).
 */
final class Replica {
  /** A submission to send: {@code message} is its exact wire text, resent unchanged until acknowledged. */
  record Outgoing(long seq, String message, int edits) {}

  /** What an entry or ack in the stream did. */
  sealed interface Step {}

  /** Already integrated: nothing to do. */
  record Known() implements Step {}

  /** Not the next version: the stream is broken, rejoin. */
  record Gap(long expected, long got) implements Step {}

  /** Someone else's change, applied to the text. */
  record Applied(RemoteChange change) implements Step {}

  /** Our in-flight submission was accepted; {@code next} (nullable) is the buffer, now in flight. */
  record Acked(long seq, long version, Outgoing next) implements Step {}

  private final String clientId;
  private String user; // the authenticated user the server says we are; null on an open server
  private final Rope text = new Rope();
  private Rope server = new Rope(); // the server's text at state.version()
  private final Map<String, RemotePresence> others = new LinkedHashMap<>();
  private int othersSelecting; // how many of the others have a selection: usually few, often none
  private ClientState state; // null until the first text arrives
  private long nextSeq = 1;
  private Outgoing inFlight;
  private int bufferedEdits;
  private boolean resync;
  private boolean refused; // the in-flight submission was refused as compacted: resubmit it
  private Selection mySelection;
  private boolean selectionDirty;
  private long maxMessageBytes = 1_048_576; // the server's limit, from joined
  private UndoHistory history = new UndoHistory();
  private final java.util.function.LongSupplier clock;

  Replica(String clientId) {
    this(clientId, System::currentTimeMillis);
  }

  /** {@code clock}: milliseconds, for grouping undo by typing pauses (tests pass their own). */
  Replica(String clientId, java.util.function.LongSupplier clock) {
    this.clientId = clientId;
    this.clock = clock;
  }

  void limitMessagesTo(long bytes) {
    if (bytes > 0) maxMessageBytes = bytes;
  }

  /** The user the server joined us as (from {@code joined}); entries are ours only if also theirs. */
  void joinedAs(String u) {
    user = u;
  }

  boolean started() {
    return state != null;
  }

  String text() {
    return text.toString();
  }

  int length() {
    return text.length();
  }

  long version() {
    return state == null ? 0 : state.version();
  }

  /** Local edits the server has not acknowledged (in flight and buffered). */
  int pending() {
    return (inFlight == null ? 0 : inFlight.edits()) + bufferedEdits;
  }

  List<RemotePresence> others() {
    return List.copyOf(others.values());
  }

  /** The version to join from: null asks for the text (first join, or after a refusal). */
  Long joinFrom() {
    return state == null || resync ? null : state.version();
  }

  /** The server may send the text instead of entries only when nothing is unacknowledged. */
  boolean textOk() {
    return joinFrom() != null && state instanceof Synchronized;
  }

  Outgoing inFlight() {
    return inFlight;
  }

  // ---- local edits ----

  /** Applies a local change (recorded for undo); returns the submission to send now, if the state machine has one. */
  Outgoing edit(Change change) {
    Change inverse = applyCapturingInverse(text, change); // validates first: an invalid edit throws and changes nothing
    if (change.isEmpty()) return null;
    history.local(change, inverse, clock.getAsLong());
    return afterLocal(change);
  }

  /** Undoes our latest group of edits; the change made (already applied) and the submission to send, or null. */
  Replayed undo() {
    return replayed(history.undo(c -> applyCapturingInverse(text, c)));
  }

  /** Redoes the latest undo, as {@link #undo}. */
  Replayed redo() {
    return replayed(history.redo(c -> applyCapturingInverse(text, c)));
  }

  /** An undo or redo: {@code change} was applied to the text; {@code send} (nullable) goes to the server. */
  record Replayed(Change change, Outgoing send) {}

  private Replayed replayed(Change change) {
    return change == null || state == null ? null : new Replayed(change, afterLocal(change));
  }

  void breakUndoGroup() {
    history.breakGroup();
  }

  /**
   * Applies {@code change} to {@code text} edit by edit, reading each deleted range before
   * it goes; returns the inverse (the change that takes the new text back to the old one).
   */
  private static Change applyCapturingInverse(Rope text, Change change) {
    Ot.validate(text.length(), change);
    java.util.ArrayList<coedit.ot.Edit> inverse = new java.util.ArrayList<>();
    for (coedit.ot.Edit e : change.edits()) {
      if (e instanceof coedit.ot.Insert ins) {
        inverse.add(0, new coedit.ot.Delete(ins.offset(), ins.text().codePointCount(0, ins.text().length())));
      } else {
        coedit.ot.Delete d = (coedit.ot.Delete) e;
        inverse.add(0, new coedit.ot.Insert(d.offset(), text.substring(d.offset(), d.offset() + d.length())));
      }
      Ot.apply(text, Change.of(e));
    }
    return new Change(inverse);
  }

  /** A local change already applied to the text: moves marks, feeds the state machine. */
  private Outgoing afterLocal(Change change) {
    moveOthers(change);
    if (mySelection != null) mySelection = mySelection.through(change);
    if (resync) return null; // dropped: the server's text replaces ours when we rejoin
    ClientStep step = state.applyLocal(change);
    state = step.next();
    if (step.toSend() != null) return submit(step.toSend(), 1);
    bufferedEdits++;
    return null;
  }

  void select(int anchor, int head) {
    mySelection = new Selection(anchor, head);
    selectionDirty = true;
  }

  /** Our selection as a presence message, once changed and only with nothing unacknowledged (server coordinates). */
  String presenceToSend() {
    if (!selectionDirty || !(state instanceof Synchronized)) return null;
    selectionDirty = false;
    return Wire.presenceUpdate(state.version(), mySelection);
  }

  // ---- the stream ----

  /** The server sent its text at {@code version}: take it (keeping what is common); returns the change, if any. */
  RemoteChange takeText(long version, String serverText) {
    Change replace = TextDiff.between(text.toString(), serverText);
    Ot.apply(text, replace);
    server = new Rope(serverText);
    history.remote(replace);
    moveOthers(replace);
    if (mySelection != null) mySelection = mySelection.through(replace);
    state = new Synchronized(version);
    inFlight = null;
    bufferedEdits = 0;
    resync = false;
    refused = false;
    return replace.isEmpty() ? null : new RemoteChange(version, null, -1, replace);
  }

  /** What a rebase after compaction did: the change to the local text (or null), what to send (or null). */
  record Rebased(RemoteChange change, Outgoing send) {}

  /**
   * The server sent its text at {@code version} because the entries after ours were
   * compacted away, and {@code lastSeq} (-1: none), our highest accepted seq. What it does
   * not hold of ours (the in-flight change unless {@code lastSeq} covers it, and the buffer)
   * is rebased onto it: a text diff from our base text to its text, then the usual transform
   * ({@link Rebase}); the result goes in flight under a new seq. No typed text is lost.
   */
  Rebased rebaseOnto(long version, String serverNow, long lastSeq) {
    if (resync || state == null) return new Rebased(takeText(version, serverNow), null);
    String onto = server.toString();
    Change pending = Change.EMPTY;
    Change sent = inFlightChange();
    if (sent != null && inFlight != null && lastSeq >= inFlight.seq()) {
      onto = Ot.apply(onto, sent); // accepted: it is in the server's text
    } else if (sent != null) {
      pending = sent;
    }
    if (state instanceof AwaitingWithBuffer b) pending = Ot.compose(pending, b.buffer());
    Rebase.Rebased r = Rebase.onto(onto, pending, serverNow);
    Ot.apply(text, r.toApply());
    history.remote(r.toApply());
    moveOthers(r.toApply());
    if (mySelection != null) mySelection = mySelection.through(r.toApply());
    server = new Rope(serverNow);
    int edits = (inFlight == null ? 0 : inFlight.edits()) + bufferedEdits;
    inFlight = null;
    bufferedEdits = 0;
    refused = false;
    state = new Synchronized(version);
    Outgoing send = null;
    if (!r.pending().isEmpty()) {
      ClientStep step = state.applyLocal(r.pending());
      state = step.next();
      send = submit(step.toSend(), Math.max(1, edits));
    }
    RemoteChange change = r.toApply().isEmpty() ? null : new RemoteChange(version, null, -1, r.toApply());
    return new Rebased(change, send);
  }

  /**
   * Our in-flight submission was refused because its base fell below the history horizon:
   * it will never be applied. It goes again under a new seq, as the state holds it now
   * (transformed over every entry received since), after the next join.
   */
  void inFlightRefused() {
    refused = true;
  }

  /** After a join that streams entries: the refused in-flight change under a new seq (null if none was refused). */
  Outgoing resubmitRefused() {
    if (!refused) return null;
    refused = false;
    Change sent = inFlightChange();
    return sent == null ? null : submit(sent, inFlight == null ? 1 : inFlight.edits());
  }

  /** The change in flight as the state holds it (transformed up to {@link #version()}), for tests. */
  Change inFlightChangeForTest() {
    return inFlightChange();
  }

  private Change inFlightChange() {
    if (state instanceof AwaitingConfirm a) return a.inFlight();
    if (state instanceof AwaitingWithBuffer b) return b.inFlight();
    return null;
  }

  /**
   * Entry or ack at {@code e.version()}: per docs/protocol.md, old versions are ignored, a
   * gap breaks the stream, our in-flight seq (as ack, or as an entry with our client id
   * and our user as its author) is the acknowledgement, and anything else is applied as a
   * remote change: another user's entry under our client id and seq is not ours.
   */
  Step entry(ServerMessage.Entry e) {
    long v = state.version();
    if (e.version() <= v) return new Known();
    if (e.version() != v + 1) return new Gap(v + 1, e.version());
    Ot.apply(server, e.change()); // accepted at v + 1, whoever sent it: the server's text moves on
    if (acknowledges(e)) {
      ClientStep step = state.serverAck(e.version());
      state = step.next();
      long seq = inFlight.seq();
      inFlight = null;
      int buffered = bufferedEdits;
      bufferedEdits = 0;
      Outgoing next = step.toSend() == null ? null : submit(step.toSend(), buffered);
      return new Acked(seq, e.version(), next);
    }
    ClientStep step = state.applyServer(e.change());
    state = step.next();
    return applied(e, step.toApply());
  }

  /**
   * Entries and acks in stream order (a frame's worth): the same steps as {@link #entry} on
   * each in turn, up to the first {@link Gap}, but each run of consecutive remote entries is
   * integrated by one {@link ClientState#applyServerRun}, so catching up on m entries with
   * k unacknowledged components costs O(k + m log k) instead of O(k · m). The text then
   * holds the whole run when the first of its steps is reported.
   */
  List<Step> entries(List<ServerMessage.Entry> es) {
    List<Step> steps = new ArrayList<>(es.size());
    int i = 0;
    while (i < es.size()) {
      int end = i;
      while (end < es.size() && es.get(end).version() == state.version() + 1 + (end - i) && !acknowledges(es.get(end))) {
        end++;
      }
      if (end - i < 2) {
        Step step = entry(es.get(i++));
        steps.add(step);
        if (step instanceof Gap) return steps;
        continue;
      }
      List<ServerMessage.Entry> run = es.subList(i, end);
      List<Change> changes = new ArrayList<>(run.size());
      for (ServerMessage.Entry e : run) {
        changes.add(e.change());
        Ot.apply(server, e.change());
      }
      ClientRun r = state.applyServerRun(changes);
      state = r.next();
      for (int j = 0; j < run.size(); j++) steps.add(applied(run.get(j), r.toApply().get(j)));
      i = end;
    }
    return steps;
  }

  /** True when {@code e} is our in-flight submission: an ack, or an entry with our id and its seq. */
  private boolean acknowledges(ServerMessage.Entry e) {
    // An entry under our client id and seq is ours only if our user wrote it (another user's is not our ack).
    return inFlight != null && e.seq() == inFlight.seq()
        && (e.ack() || (clientId.equals(e.clientId()) && java.util.Objects.equals(user, e.author())));
  }

  /** Applies someone else's change, already transformed to local coordinates. */
  private Applied applied(ServerMessage.Entry e, Change local) {
    Ot.apply(text, local);
    history.remote(local);
    moveOthers(local);
    if (mySelection != null) mySelection = mySelection.through(local);
    return new Applied(new RemoteChange(e.version(), e.ack() ? clientId : e.clientId(), e.seq(), local));
  }

  /** Another participant's presence at our server version, mapped onto our unacknowledged edits; null if stale. */
  RemotePresence presence(ServerMessage.Presence p) {
    if (p.version() != state.version()) return null;
    Selection s = p.selection();
    if (s != null) {
      if (state instanceof AwaitingConfirm a) s = s.through(a.inFlight());
      if (state instanceof AwaitingWithBuffer b) s = s.through(b.inFlight()).through(b.buffer());
    }
    RemotePresence r = new RemotePresence(p.clientId(), p.name(), p.colour(), s);
    track(others.put(p.clientId(), r), r);
    return r;
  }

  RemotePresence leave(String otherId) {
    RemotePresence gone = others.remove(otherId);
    track(gone, null);
    return gone;
  }

  void forgetOthers() {
    others.clear();
    othersSelecting = 0;
  }

  private void track(RemotePresence before, RemotePresence after) {
    if (before != null && before.selection() != null) othersSelecting--;
    if (after != null && after.selection() != null) othersSelecting++;
  }

  /** True when {@code seq} is the submission in flight. */
  boolean isInFlight(Long seq) {
    return seq != null && inFlight != null && seq == inFlight.seq();
  }

  /** What {@link #revert} did: {@code change} (nullable: nothing to take out) was applied to the text; {@code next} (nullable) goes to the server. */
  record Reverted(RemoteChange change, Outgoing next) {}

  /**
   * The server refused our in-flight submission as such and applied none of it
   * ({@link coedit.protocol.Messages#revertsAlone}): takes exactly that change out of the
   * local text, keeps the later local edits (the buffer) and submits them next, under a
   * new seq; the seq of the refused submission is never used again.
   *
   * <pre>
   *            o  the server's text at version (kept: server)
   *  inFlight  |  \  buffer' (submitted next)
   *            o   o
   *    buffer  |  /  r (applied to the local text: removes inFlight, keeps buffer)
   *            o  the local text
   * </pre>
   */
  Reverted revert() {
    long version = state.version();
    long seq = inFlight.seq();
    Change sent = state instanceof AwaitingWithBuffer b ? b.inFlight() : ((AwaitingConfirm) state).inFlight();
    Change buffer = state instanceof AwaitingWithBuffer b ? b.buffer() : Change.EMPTY;
    Change inverse = applyCapturingInverse(server, sent); // read what `sent` deletes off the server's text,
    Ot.apply(server, inverse); // then put that text back as it was
    Transformed t = buffer.isEmpty() ? new Transformed(inverse, Change.EMPTY) : Ot.transform(inverse, buffer);
    Change r = t.acceptedPrime();
    Ot.apply(text, r);
    history.remote(r);
    moveOthers(r);
    if (mySelection != null) mySelection = mySelection.through(r);
    int buffered = bufferedEdits;
    state = new Synchronized(version);
    inFlight = null;
    bufferedEdits = 0;
    Outgoing next = null;
    if (!t.incomingPrime().isEmpty()) {
      ClientStep step = state.applyLocal(t.incomingPrime());
      state = step.next();
      next = submit(step.toSend(), Math.max(1, buffered));
    }
    return new Reverted(r.isEmpty() ? null : new RemoteChange(version, clientId, seq, r), next);
  }

  /** The server will never accept our unacknowledged edits: drop them and take its text on rejoining. */
  void resync() {
    resync = true;
    inFlight = null;
    bufferedEdits = 0;
    history = new UndoHistory(); // the server's text replaces ours: nothing of ours to undo
  }

  /**
   * Takes the next seq for {@code change} (in flight in {@code state}). A change over the
   * message limit goes in parts: the first now, the rest as the buffer, sent (and split
   * again if need be) when the first is acknowledged; the edit count stays with the rest.
   */
  private Outgoing submit(Change change, int edits) {
    long seq = nextSeq++;
    MessageSplit.Parts parts = MessageSplit.fit(seq, state.version(), change, maxMessageBytes);
    if (parts.rest() != null) {
      state = new AwaitingWithBuffer(state.version(), parts.first(), parts.rest());
      bufferedEdits += edits;
      edits = 0;
    }
    inFlight = new Outgoing(seq, Wire.submit(seq, state.version(), parts.first()), edits);
    return inFlight;
  }

  /** Moves the others' selections through a change to the local text (most have none). */
  private void moveOthers(Change change) {
    if (othersSelecting == 0) return;
    for (Map.Entry<String, RemotePresence> e : others.entrySet()) {
      if (e.getValue().selection() != null) e.setValue(e.getValue().moved(change));
    }
  }
}
