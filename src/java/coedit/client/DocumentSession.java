package coedit.client;

import coedit.ot.Change;
import coedit.ot.Delete;
import coedit.ot.Insert;
import coedit.protocol.Messages;
import coedit.protocol.Wire;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One open document over the live protocol (docs/protocol.md), driving the pure
 * {@link coedit.ot.ClientState} machine (through its {@link Replica}): one submission in
 * flight, later local edits batched into the next, incoming entries transformed over both.
 * This class owns the connection: joining, reconnecting with backoff, the heartbeat
 * watchdog, and calling the listener.
 *
 * <p>Guarantees: local edits apply to {@link #text()} at once and are never lost while
 * the session lives (kept through disconnects and sent on reconnect); a seq is bound to
 * one content forever (the in-flight submission is resent byte for byte); an
 * acknowledgement is recognised as an {@code ack} or as an entry with our clientId and
 * in-flight seq; the session reconnects (to the next of its servers, see
 * {@link ServerChoice}: at once after 1012, else with backoff) and catches up from its version,
 * integrating each frame's run of entries at once (O(k + m log k) for k unacknowledged
 * components, so a client back from a long time offline does not pay O(k · m)).
 * With a {@link TokenProvider} it joins with a token, sends a fresh one in band shortly
 * before the current one expires, and after an expiry close (4401) fetches a new one and
 * reconnects, keeping every pending edit. A {@code rate_limited} submission is resent
 * unchanged after the server's retry hint.
 * All state is guarded by {@code this}; listener calls happen under it, in order (the
 * remote changes of one frame are reported after the text took all of them).
 */
public final class DocumentSession implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(DocumentSession.class);

  private final HttpClient http;
  private final ServerChoice servers;
  private final String docId;
  private final SessionOptions options;
  private final SessionListener listener;
  private final ScheduledExecutorService timer;
  private final CompletableFuture<DocumentSession> firstLive = new CompletableFuture<>();
  private final Replica replica;

  private LiveSocket socket;
  private boolean joined;
  private boolean live;
  private boolean connecting;
  private boolean paused; // offline on purpose (tests, or the user)
  private boolean closed;
  private long lastHeard;
  private long timeoutMillis = 45_000;
  private ScheduledFuture<?> watchdog;
  private String token; // null: none yet, or the last one expired
  private boolean fetchingToken;
  private ScheduledFuture<?> refresh;
  private String user; // as the server joined us; null on an open server
  private boolean readOnly;

  /** {@code liveUris}: the live endpoints it may use, tried in order (see {@link ServerChoice}). */
  DocumentSession(HttpClient http, List<URI> liveUris, String docId, SessionOptions options, SessionListener listener,
      ScheduledExecutorService timer) {
    this.http = http;
    this.servers = new ServerChoice(liveUris, new Backoff(options.minBackoff(), options.maxBackoff()));
    this.docId = docId;
    this.options = options;
    this.listener = listener == null ? SessionListener.NONE : listener;
    this.timer = timer;
    this.replica = new Replica(options.clientId());
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
    return replica.text();
  }

  /** Length of {@link #text()} in code points (without copying the text). */
  public synchronized int length() {
    return replica.length();
  }

  /** The last server version integrated (every entry up to it is in {@link #text()}). */
  public synchronized long version() {
    return replica.version();
  }

  /** The authenticated user the server joined this session as; null on an open server or before joining. */
  public synchronized String user() {
    return user;
  }

  /** True when the server gave this session read-only access: {@link #edit} then refuses. */
  public synchronized boolean readOnly() {
    return readOnly;
  }

  public synchronized Status status() {
    Status.Connectivity c = live ? Status.Connectivity.ONLINE
        : socket != null && joined ? Status.Connectivity.SYNCING : Status.Connectivity.OFFLINE;
    return new Status(c, replica.pending());
  }

  /** The live endpoint this session uses (or tries next, while offline). */
  public synchronized URI server() {
    return servers.current();
  }

  /** Other participants, selections in local coordinates. */
  public synchronized List<RemotePresence> others() {
    return replica.others();
  }

  /**
   * Applies a local change to the text now and sends it when the state machine allows.
   * Edits made while the session recovers from a refused submission are overwritten by
   * the server's text.
   */
  public synchronized void edit(Change change) {
    requireWritable();
    send(replica.edit(change));
    notifyStatus();
  }

  /**
   * Undoes this session's latest group of local edits (edits less than a second apart, of
   * one kind), transformed over everything that happened since: exactly our own inserted
   * text is removed wherever it moved, exactly our deleted text comes back, nobody else's
   * text is touched. The undo is sent like any edit. Returns the change applied to
   * {@link #text()}, or null when there is nothing to undo.
   *
   * @throws IllegalStateException when the session is closed, has not joined yet, or is read-only
   */
  public synchronized Change undo() {
    requireWritable();
    return replay(replica.undo());
  }

  /** Redoes the latest {@link #undo()}; returns the change applied, or null. A new local edit clears what can be redone. */
  public synchronized Change redo() {
    requireWritable();
    return replay(replica.redo());
  }

  /** Ends the current undo group: the next edit starts a new one, however soon it comes. */
  public synchronized void breakUndoGroup() {
    replica.breakUndoGroup();
  }

  /** Local changes (edits, undo, redo) need an open, joined session with write access. */
  private void requireWritable() {
    if (closed) throw new IllegalStateException("session is closed");
    if (!replica.started()) throw new IllegalStateException("session has not joined yet");
    if (readOnly) throw new IllegalStateException("read-only access to " + docId + " for user " + user);
  }

  private Change replay(Replica.Replayed r) {
    if (r == null) return null;
    send(r.send());
    notifyStatus();
    return r.change();
  }

  public void insert(int offset, String s) {
    edit(Change.of(new Insert(offset, s)));
  }

  public void delete(int offset, int length) {
    edit(Change.of(new Delete(offset, length)));
  }

  /** Sets our cursor (local coordinates); shared with others once nothing is unacknowledged. */
  public synchronized void select(int anchor, int head) {
    replica.select(anchor, head);
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
    while (!(live && replica.pending() == 0)) {
      long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
      if (left <= 0) throw new TimeoutException(docId + "/" + clientId() + " not synced: " + status());
      wait(Math.min(left, 100));
    }
  }

  /** Waits until the session has integrated at least {@code version}. */
  public synchronized void awaitVersion(long version, Duration timeout) throws InterruptedException, TimeoutException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (replica.version() < version) {
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
    if (refresh != null) refresh.cancel(false);
    if (socket != null) socket.close();
    socket = null;
    notifyAll();
  }

  // ---- connection lifecycle ----

  private void connect() {
    if (closed || paused || connecting || socket != null) return;
    if (options.tokens() != null && token == null) {
      fetchTokenThenConnect();
      return;
    }
    connecting = true;
    LiveSocket.open(http, servers.current(), new LiveSocket.Handler() {
      @Override
      public void onMessages(LiveSocket s, List<String> messages) {
        received(s, messages);
      }

      @Override
      public void onClosed(LiveSocket s, int code, String reason) {
        disconnected(s, code, reason);
      }
    }).whenComplete((s, failure) -> {
      synchronized (DocumentSession.this) {
        connecting = false;
        if (failure != null) {
          log.debug("{}: cannot connect to {}: {}", clientId(), servers.current(), failure.toString());
          scheduleReconnect(-1);
        } else if (closed || paused) {
          s.close();
        } else {
          opened(s);
        }
      }
    });
  }

  /** Asks the application for a token; connects once it has one (or retries with backoff). */
  private void fetchTokenThenConnect() {
    if (fetchingToken) return;
    fetchingToken = true;
    CompletableFuture<String> next;
    try {
      next = options.tokens().token();
    } catch (RuntimeException e) {
      next = CompletableFuture.failedFuture(e);
    }
    next.whenComplete((t, failure) -> {
      synchronized (DocumentSession.this) {
        fetchingToken = false;
        if (failure != null || t == null) {
          log.debug("{}: no token: {}", clientId(), failure);
          scheduleReconnect(-1);
        } else {
          token = t;
          connect();
        }
      }
    });
  }

  /** Sends a fresh token in band before the current one expires at {@code expiresAt} (epoch ms; 0: never). */
  private void scheduleRefresh(long expiresAt) {
    if (refresh != null) refresh.cancel(false);
    refresh = null;
    if (options.tokens() == null || expiresAt <= 0) return;
    long left = expiresAt - System.currentTimeMillis();
    long margin = Math.min(60_000, Math.max(500, left / 5));
    LiveSocket on = socket;
    refresh = timer.schedule(() -> options.tokens().token().whenComplete((t, failure) -> {
      synchronized (DocumentSession.this) {
        if (failure != null || t == null) {
          log.debug("{}: token refresh failed ({}); the server will close at expiry and we reconnect", clientId(), failure);
        } else if (socket == on && joined) {
          token = t;
          on.send(Wire.auth(t));
        }
      }
    }), Math.max(0, left - margin), TimeUnit.MILLISECONDS);
  }

  private void opened(LiveSocket s) {
    if (s.ended()) { // closed between the handshake and now: its end was not ours to see
      scheduleReconnect(-1);
      return;
    }
    socket = s;
    joined = false;
    live = false;
    lastHeard = System.currentTimeMillis();
    s.send(Wire.join(docId, clientId(), replica.joinFrom(), replica.textOk(), options.name(), options.colour(), token));
    notifyStatus();
  }

  private synchronized void disconnected(LiveSocket s, int code, String reason) {
    if (s != socket) return;
    log.debug("{}: disconnected {} {}", clientId(), code, reason);
    socket = null;
    joined = false;
    live = false;
    replica.forgetOthers();
    if (refresh != null) refresh.cancel(false);
    notifyStatus();
    if (code == Messages.CLOSE_UNAUTHORIZED) token = null; // expired: ask for a fresh one before reconnecting
    if (code == Messages.CLOSE_PROTOCOL || code == Messages.CLOSE_REPLACED || code == Messages.CLOSE_FORBIDDEN) {
      listener.onError("closed", "server closed the session: " + code + " " + reason);
      closed = true;
      firstLive.completeExceptionally(new IllegalStateException("closed by server: " + code + " " + reason));
      return;
    }
    scheduleReconnect(code);
  }

  /** The connection ended with {@code code} (-1: none was made): try the next server, now or after the backoff. */
  private void scheduleReconnect(int code) {
    if (closed || paused) return;
    long delay = servers.failed(code);
    Runnable again = () -> {
      synchronized (this) {
        connect();
      }
    };
    if (delay == 0) timer.execute(again);
    else timer.schedule(again, delay, TimeUnit.MILLISECONDS);
  }

  /** Heartbeat watchdog: a server silent for its timeout is treated as gone. */
  private synchronized void checkAlive() {
    if (socket != null && System.currentTimeMillis() - lastHeard > timeoutMillis) {
      log.debug("{}: server silent for {} ms, reconnecting", clientId(), timeoutMillis);
      drop();
    }
  }

  /** Drops the current connection; the session reconnects with backoff. */
  private void drop() {
    LiveSocket s = socket;
    if (s == null) return;
    s.abort();
    if (socket == s) disconnected(s, 1006, "dropped"); // it had ended unseen
  }

  // ---- the stream ----

  /**
   * One frame's messages, in order. Consecutive entries are handed to the replica together,
   * so a catch-up of many entries is integrated as runs (see {@link Replica#entries}).
   */
  private synchronized void received(LiveSocket s, List<String> frame) {
    List<ServerMessage.Entry> entries = new ArrayList<>();
    try {
      for (String raw : frame) {
        if (s != socket) return; // dropped while handling an earlier message
        lastHeard = System.currentTimeMillis();
        ServerMessage m;
        try {
          m = ServerMessage.parse(raw);
        } catch (RuntimeException e) {
          log.warn("{}: unreadable message from server, reconnecting: {}", clientId(), e.getMessage());
          onEntries(entries);
          drop();
          return;
        }
        if (m instanceof ServerMessage.Entry e) {
          entries.add(e);
        } else {
          onEntries(entries);
          if (s == socket) received(s, m);
        }
      }
      if (s == socket) onEntries(entries);
    } finally {
      notifyAll();
    }
  }

  private void received(LiveSocket s, ServerMessage m) {
    if (m instanceof ServerMessage.Joined j) onJoined(j);
    else if (m instanceof ServerMessage.Authorized a) {
      readOnly = !a.write();
      scheduleRefresh(a.expiresAt());
    }
    else if (m instanceof ServerMessage.Live) onLive();
    else if (m instanceof ServerMessage.Error e) onServerError(e);
    else if (m instanceof ServerMessage.Ping) s.send(Wire.pong());
    else if (m instanceof ServerMessage.Presence p) {
      RemotePresence r = replica.presence(p);
      if (r != null) listener.onPresence(r, false);
    } else if (m instanceof ServerMessage.Leave l) {
      RemotePresence gone = replica.leave(l.clientId());
      if (gone != null) listener.onPresence(gone, true);
    }
  }

  private void onJoined(ServerMessage.Joined j) {
    joined = true;
    timeoutMillis = j.timeoutMillis();
    replica.limitMessagesTo(j.maxMessageBytes());
    user = j.user();
    readOnly = !j.write();
    replica.joinedAs(j.user());
    scheduleRefresh(j.expiresAt());
    if (j.text() != null && j.horizon() >= 0) {
      // Our version fell below the history horizon: rebase what the text lacks of ours onto it.
      log.info("{}: history before version {} was compacted; rebasing pending edits onto version {}", clientId(),
          j.horizon(), j.version());
      Replica.Rebased r = replica.rebaseOnto(j.version(), j.text(), j.lastSeq());
      if (r.change() != null) listener.onRemoteChange(r.change());
      send(r.send());
      notifyStatus();
      return;
    } else if (j.text() != null) {
      RemoteChange replaced = replica.takeText(j.version(), j.text());
      if (replaced != null) listener.onRemoteChange(replaced);
    } else if (j.version() != replica.version()) {
      log.warn("{}: joined at {} but asked for {}; rejoining", clientId(), j.version(), replica.version());
      drop();
      return;
    }
    Replica.Outgoing again = replica.resubmitRefused();
    if (again != null) {
      send(again); // refused as compacted: under a new seq, at our version
    } else if (replica.inFlight() != null) {
      // The in-flight submission goes again, unchanged: the server answers a duplicate as the original.
      socket.send(replica.inFlight().message());
    }
    notifyStatus();
  }

  /** Integrates the entries gathered so far (then empties the list) and reports each step in order. */
  private void onEntries(List<ServerMessage.Entry> entries) {
    if (entries.isEmpty()) return;
    List<Replica.Step> steps = replica.entries(entries);
    entries.clear();
    for (Replica.Step step : steps) {
      if (step instanceof Replica.Applied a) {
        listener.onRemoteChange(a.change());
      } else if (step instanceof Replica.Acked a) {
        listener.onAcknowledged(a.seq(), a.version());
        send(a.next());
        flushPresence();
        notifyStatus();
      } else if (step instanceof Replica.Gap g) {
        log.warn("{}: got version {} while expecting {}; rejoining", clientId(), g.got(), g.expected());
        drop();
      }
    }
  }

  private void onLive() {
    live = true;
    servers.live();
    firstLive.complete(this);
    flushPresence();
    notifyStatus();
  }

  /**
   * A refused submission never blocks the ones after it: refused as such (the document is
   * fine, {@link Messages#revertsAlone}), exactly that change is taken out of the text and
   * the later edits go on; refused otherwise, our text cannot be trusted, so the
   * unacknowledged edits are dropped and the server's text taken on rejoining.
   * {@code unavailable} resends the same submission after reconnecting, {@code rate_limited}
   * after the server's hint.
   */
  private void onServerError(ServerMessage.Error e) {
    listener.onError(e.code(), e.message());
    boolean mine = replica.isInFlight(e.seq());
    if (Messages.UNAUTHORIZED.equals(e.code())) token = null; // the close that follows reconnects with a fresh one
    if (mine && Messages.revertsAlone(e.code()) && revert(e)) return;
    if (mine && Messages.RATE_LIMITED.equals(e.code())) {
      // Not a refusal of the edit: the same submission goes again once the budget allows.
      LiveSocket on = socket;
      Replica.Outgoing again = replica.inFlight();
      timer.schedule(() -> {
        synchronized (this) {
          if (socket == on && joined && replica.inFlight() == again) on.send(again.message());
        }
      }, Math.max(1, e.retryAfterMillis()), TimeUnit.MILLISECONDS);
    } else if (!joined && Messages.FORBIDDEN.equals(e.code())) {
      // The join was refused for good (no read access, or the client id is another user's).
      closed = true;
      firstLive.completeExceptionally(new IllegalStateException("join refused: " + e.message()));
      if (socket != null) socket.close();
      socket = null;
    } else if (mine && Messages.HISTORY_COMPACTED.equals(e.code())) {
      // Made below the history horizon: never applied. Rejoin; the edits go again from there.
      log.info("{}: submission {} was made below the history horizon; rebasing it", clientId(), e.seq());
      replica.inFlightRefused();
      drop();
    } else if (mine && !Messages.UNAVAILABLE.equals(e.code())) {
      log.warn("{}: submission {} refused ({}); resyncing from the server's text", clientId(), e.seq(), e.message());
      replica.resync();
      listener.onRefused(e.seq(), e.code(), e.message(), false);
      drop();
      notifyStatus();
    } else if (!mine && !joined && Messages.VERSION_AHEAD.equals(e.code())) {
      log.warn("{}: the server is behind our version ({}); resyncing from its text", clientId(), e.message());
      replica.resync();
      drop();
    } else if (mine || !joined) {
      drop(); // unavailable, or the join failed: try again after reconnecting
    }
  }

  /** Takes the refused in-flight submission out of the text and sends the later edits; false if that failed (then resync). */
  private boolean revert(ServerMessage.Error e) {
    Replica.Reverted r;
    try {
      r = replica.revert();
    } catch (RuntimeException failed) {
      log.warn("{}: could not take refused submission {} out of the text: {}", clientId(), e.seq(), failed.toString());
      return false;
    }
    log.info("{}: submission {} refused ({}); took it out of the text, later edits kept", clientId(), e.seq(), e.message());
    if (r.change() != null) listener.onRemoteChange(r.change());
    listener.onRefused(e.seq(), e.code(), e.message(), true);
    send(r.next());
    flushPresence();
    notifyStatus();
    return true;
  }

  // ---- sending ----

  /** Sends a new submission now if joined; otherwise it goes right after the next join. */
  private void send(Replica.Outgoing out) {
    if (out == null) return;
    listener.onSubmitted(out.seq());
    if (socket != null && joined) socket.send(out.message());
  }

  private void flushPresence() {
    if (!live || socket == null) return;
    String msg = replica.presenceToSend();
    if (msg != null) socket.send(msg);
  }

  private void notifyStatus() {
    listener.onStatus(status());
    notifyAll();
  }
}
