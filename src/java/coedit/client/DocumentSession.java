package coedit.client;

import coedit.ot.AwaitingConfirm;
import coedit.ot.AwaitingWithBuffer;
import coedit.ot.Change;
import coedit.ot.ClientState;
import coedit.ot.ClientStep;
import coedit.ot.Delete;
import coedit.ot.Insert;
import coedit.ot.Ot;
import coedit.ot.Rope;
import coedit.ot.Synchronized;
import coedit.server.protocol.Messages;
import coedit.server.protocol.Selection;
import coedit.server.protocol.Wire;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One open document over the live protocol (docs/protocol.md), driving the pure
 * {@link ClientState} machine: one submission in flight, later local edits batched into
 * the next, incoming entries transformed over both.
 *
 * <p>Guarantees: local edits apply to {@link #text()} at once and are never lost while
 * the session lives (kept through disconnects and sent on reconnect); a seq is bound to
 * one content forever (the in-flight submission is resent byte for byte); an
 * acknowledgement is recognised as an {@code ack} or as an entry with our clientId and
 * in-flight seq; the session reconnects with backoff and catches up from its version.
 * All state is guarded by {@code this}; listener calls happen under it, in order.
 */
public final class DocumentSession implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(DocumentSession.class);

  /** The submission in flight: sent (and resent) exactly as {@code message}. */
  private record InFlight(long seq, String message, int edits) {}

  private final HttpClient http;
  private final URI liveUri;
  private final String docId;
  private final SessionOptions options;
  private final SessionListener listener;
  private final ScheduledExecutorService timer;
  private final Backoff backoff;
  private final CompletableFuture<DocumentSession> firstLive = new CompletableFuture<>();

  private final Rope text = new Rope();
  private final Map<String, RemotePresence> others = new LinkedHashMap<>();
  private ClientState state; // null until the first joined
  private long nextSeq = 1;
  private InFlight inFlight;
  private int bufferedEdits;
  private boolean resync; // after a rejected submission: take the server's text as is
  private Selection mySelection;
  private boolean selectionDirty;

  private LiveSocket socket;
  private boolean joined;
  private boolean live;
  private boolean connecting;
  private boolean paused; // offline on purpose (tests, or the user)
  private boolean closed;
  private long lastHeard;
  private long timeoutMillis = 45_000;
  private ScheduledFuture<?> watchdog;

  DocumentSession(HttpClient http, URI liveUri, String docId, SessionOptions options, SessionListener listener,
      ScheduledExecutorService timer) {
    this.http = http;
    this.liveUri = liveUri;
    this.docId = docId;
    this.options = options;
    this.listener = listener == null ? SessionListener.NONE : listener;
    this.timer = timer;
    this.backoff = new Backoff(options.minBackoff(), options.maxBackoff());
  }

  /** Connects; completes when the session is first live (it keeps retrying until then). */
  CompletableFuture<DocumentSession> start() {
    synchronized (this) {
      connect();
      watchdog = timer.scheduleAtFixedRate(this::checkAlive, 250, 250, TimeUnit.MILLISECONDS);
    }
    return firstLive;
  }

  // ---- what the user sees and does ----

  public String docId() {
    return docId;
  }

  public String clientId() {
    return options.clientId();
  }

  public synchronized String text() {
    return text.toString();
  }

  /** Length of {@link #text()} in code points (without copying the text). */
  public synchronized int length() {
    return text.length();
  }

  /** The last server version integrated (every entry up to it is in {@link #text()}). */
  public synchronized long version() {
    return state == null ? 0 : state.version();
  }

  public synchronized Status status() {
    Status.Connectivity c = live ? Status.Connectivity.ONLINE
        : socket != null && joined ? Status.Connectivity.SYNCING : Status.Connectivity.OFFLINE;
    return new Status(c, pending());
  }

  /** Other participants, selections in local coordinates. */
  public synchronized List<RemotePresence> others() {
    return List.copyOf(others.values());
  }

  /** Applies a local change to the text now and sends it when the state machine allows. */
  public synchronized void edit(Change change) {
    if (closed) throw new IllegalStateException("session is closed");
    if (state == null) throw new IllegalStateException("session has not joined yet");
    Ot.apply(text, change); // validates first: an invalid edit throws and changes nothing
    if (change.isEmpty()) return;
    moveOthers(change);
    if (mySelection != null) mySelection = mySelection.through(change);
    if (resync) return; // dropped: the server's text replaces ours when we rejoin
    ClientStep step = state.applyLocal(change);
    state = step.next();
    if (step.toSend() != null) startSubmission(step.toSend(), 1);
    else bufferedEdits++;
    notifyStatus();
  }

  public void insert(int offset, String s) {
    edit(Change.of(new Insert(offset, s)));
  }

  public void delete(int offset, int length) {
    edit(Change.of(new Delete(offset, length)));
  }

  /** Sets our cursor (local coordinates); shared with others once nothing is unacknowledged. */
  public synchronized void select(int anchor, int head) {
    mySelection = new Selection(anchor, head);
    selectionDirty = true;
    flushPresence();
  }

  /** Drops the connection and stays offline until {@link #goOnline()} (edits keep working). */
  public synchronized void goOffline() {
    paused = true;
    drop();
  }

  public synchronized void goOnline() {
    paused = false;
    connect();
  }

  /** Waits until live with nothing unacknowledged. */
  public synchronized void awaitSynced(Duration timeout) throws InterruptedException, TimeoutException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!(live && pending() == 0)) {
      long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
      if (left <= 0) throw new TimeoutException(docId + "/" + clientId() + " not synced: " + status());
      wait(Math.min(left, 100));
    }
  }

  /** Waits until the session has integrated at least {@code version}. */
  public synchronized void awaitVersion(long version, Duration timeout) throws InterruptedException, TimeoutException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (version() < version) {
      long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
      if (left <= 0) throw new TimeoutException(docId + "/" + clientId() + " at " + version() + ", not " + version);
      wait(Math.min(left, 100));
    }
  }

  @Override
  public synchronized void close() {
    if (closed) return;
    closed = true;
    if (watchdog != null) watchdog.cancel(false);
    if (socket != null) socket.close();
    socket = null;
    notifyAll();
  }

  // ---- connection lifecycle ----

  private void connect() {
    if (closed || paused || connecting || socket != null) return;
    connecting = true;
    LiveSocket.open(http, liveUri, new LiveSocket.Handler() {
      @Override
      public void onMessage(LiveSocket s, String message) {
        received(s, message);
      }

      @Override
      public void onClosed(LiveSocket s, int code, String reason) {
        disconnected(s, code, reason);
      }
    }).whenComplete((s, failure) -> {
      synchronized (DocumentSession.this) {
        connecting = false;
        if (failure != null) {
          log.debug("{}: cannot connect: {}", clientId(), failure.toString());
          scheduleReconnect();
        } else if (closed || paused) {
          s.close();
        } else {
          opened(s);
        }
      }
    });
  }

  private void opened(LiveSocket s) {
    if (s.ended()) { // closed between the handshake and now: its end was not ours to see
      scheduleReconnect();
      return;
    }
    socket = s;
    joined = false;
    live = false;
    lastHeard = System.currentTimeMillis();
    boolean fresh = state == null || resync;
    boolean textOk = !fresh && state instanceof Synchronized;
    s.send(Wire.join(docId, clientId(), fresh ? null : state.version(), textOk, options.name(), options.colour()));
    notifyStatus();
  }

  private synchronized void disconnected(LiveSocket s, int code, String reason) {
    if (s != socket) return;
    log.debug("{}: disconnected {} {}", clientId(), code, reason);
    socket = null;
    joined = false;
    live = false;
    others.clear();
    notifyStatus();
    if (code == Messages.CLOSE_PROTOCOL || code == Messages.CLOSE_REPLACED) {
      listener.onError("closed", "server closed the session: " + code + " " + reason);
      closed = true;
      firstLive.completeExceptionally(new IllegalStateException("closed by server: " + code + " " + reason));
      return;
    }
    scheduleReconnect();
  }

  private void scheduleReconnect() {
    if (closed || paused) return;
    timer.schedule(() -> {
      synchronized (this) {
        connect();
      }
    }, backoff.nextDelayMillis(), TimeUnit.MILLISECONDS);
  }

  /** Heartbeat watchdog: a server silent for its timeout is treated as gone. */
  private synchronized void checkAlive() {
    if (socket != null && System.currentTimeMillis() - lastHeard > timeoutMillis) {
      log.debug("{}: server silent for {} ms, reconnecting", clientId(), timeoutMillis);
      drop();
    }
  }

  // ---- the stream ----

  private synchronized void received(LiveSocket s, String raw) {
    if (s != socket) return;
    lastHeard = System.currentTimeMillis();
    ServerMessage m;
    try {
      m = ServerMessage.parse(raw);
    } catch (RuntimeException e) {
      log.warn("{}: unreadable message from server, reconnecting: {}", clientId(), e.getMessage());
      drop();
      return;
    }
    if (m instanceof ServerMessage.Joined j) onJoined(j);
    else if (m instanceof ServerMessage.Entry e) onEntry(e);
    else if (m instanceof ServerMessage.Live) onLive();
    else if (m instanceof ServerMessage.Error e) onServerError(e);
    else if (m instanceof ServerMessage.Presence p) onPresence(p);
    else if (m instanceof ServerMessage.Ping) s.send(Wire.pong());
    else if (m instanceof ServerMessage.Leave l) {
      RemotePresence gone = others.remove(l.clientId());
      if (gone != null) listener.onPresence(gone, true);
    }
    notifyAll();
  }

  private void onJoined(ServerMessage.Joined j) {
    joined = true;
    timeoutMillis = j.timeoutMillis();
    if (j.text() != null) {
      Change replace = TextDiff.between(text.toString(), j.text());
      Ot.apply(text, replace);
      moveOthers(replace);
      state = new Synchronized(j.version());
      inFlight = null;
      bufferedEdits = 0;
      resync = false;
      if (!replace.isEmpty()) listener.onRemoteChange(new RemoteChange(j.version(), null, -1, replace));
    } else if (j.version() != state.version()) {
      log.warn("{}: joined at {} but asked for {}; rejoining", clientId(), j.version(), state.version());
      drop();
      return;
    }
    // The in-flight submission goes again, unchanged: the server answers a duplicate as the original.
    if (inFlight != null) socket.send(inFlight.message());
    notifyStatus();
  }

  private void onEntry(ServerMessage.Entry e) {
    long v = state.version();
    if (e.version() <= v) return;
    if (e.version() != v + 1) {
      log.warn("{}: entry {} after {}; rejoining", clientId(), e.version(), v);
      drop();
      return;
    }
    boolean ours = inFlight != null && e.seq() == inFlight.seq() && (e.ack() || clientId().equals(e.clientId()));
    if (ours) {
      acknowledged(e.version());
      return;
    }
    ClientStep step = state.applyServer(e.change());
    state = step.next();
    Change local = step.toApply();
    Ot.apply(text, local);
    moveOthers(local);
    if (mySelection != null) mySelection = mySelection.through(local);
    listener.onRemoteChange(new RemoteChange(e.version(), e.ack() ? clientId() : e.clientId(), e.seq(), local));
  }

  private void acknowledged(long version) {
    ClientStep step = state.serverAck(version);
    state = step.next();
    long seq = inFlight.seq();
    inFlight = null;
    listener.onAcknowledged(seq, version);
    if (step.toSend() != null) {
      startSubmission(step.toSend(), bufferedEdits);
      bufferedEdits = 0;
    } else {
      bufferedEdits = 0;
    }
    flushPresence();
    notifyStatus();
  }

  private void onLive() {
    live = true;
    backoff.reset();
    firstLive.complete(this);
    flushPresence();
    notifyStatus();
  }

  private void onServerError(ServerMessage.Error e) {
    listener.onError(e.code(), e.message());
    boolean mine = e.seq() != null && inFlight != null && e.seq() == inFlight.seq();
    if (mine && !Messages.UNAVAILABLE.equals(e.code())) {
      // The server will never accept our unacknowledged edits: start again from its text.
      log.warn("{}: submission {} refused ({}); resyncing from the server's text", clientId(), e.seq(), e.message());
      startResync();
    } else if (!mine && !joined && Messages.VERSION_AHEAD.equals(e.code())) {
      log.warn("{}: the server is behind our version ({}); resyncing from its text", clientId(), e.message());
      startResync();
    } else if (mine || !joined) {
      drop(); // unavailable, or the join failed: try again after reconnecting
    }
  }

  private void startResync() {
    resync = true;
    inFlight = null;
    bufferedEdits = 0;
    drop();
  }

  /** Drops the current connection; the session reconnects with backoff. */
  private void drop() {
    LiveSocket s = socket;
    if (s == null) return;
    s.abort();
    if (socket == s) disconnected(s, 1006, "dropped"); // it had ended unseen
  }

  private void onPresence(ServerMessage.Presence p) {
    if (p.version() != state.version()) return;
    Selection s = p.selection();
    if (s != null) {
      if (state instanceof AwaitingConfirm a) s = s.through(a.inFlight());
      if (state instanceof AwaitingWithBuffer b) s = s.through(b.inFlight()).through(b.buffer());
    }
    RemotePresence r = new RemotePresence(p.clientId(), p.name(), p.colour(), s);
    others.put(p.clientId(), r);
    listener.onPresence(r, false);
  }

  // ---- sending ----

  private void startSubmission(Change change, int edits) {
    long seq = nextSeq++;
    inFlight = new InFlight(seq, Wire.submit(seq, state.version(), change), edits);
    listener.onSubmitted(seq);
    if (socket != null && joined) socket.send(inFlight.message());
  }

  /** Our selection goes out only when nothing is unacknowledged, so it is in server coordinates. */
  private void flushPresence() {
    if (!selectionDirty || !live || socket == null || !(state instanceof Synchronized)) return;
    selectionDirty = false;
    socket.send(Wire.presenceUpdate(state.version(), mySelection));
  }

  /** Moves the others' selections through a change to the local text (most have none). */
  private void moveOthers(Change change) {
    for (Map.Entry<String, RemotePresence> e : others.entrySet()) {
      if (e.getValue().selection() != null) e.setValue(e.getValue().moved(change));
    }
  }

  private int pending() {
    return (inFlight == null ? 0 : inFlight.edits()) + bufferedEdits;
  }

  private void notifyStatus() {
    listener.onStatus(status());
    notifyAll();
  }
}
