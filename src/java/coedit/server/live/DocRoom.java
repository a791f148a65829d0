package coedit.server.live;

import coedit.editor.HistoryListener;
import coedit.editor.Subscription;
import coedit.editor.VersionRing;
import coedit.editor.data.DocText;
import coedit.editor.data.HistoryEntry;
import coedit.protocol.Selection;
import coedit.protocol.Wire;
import coedit.server.core.PeerPresence;
import coedit.server.core.PresenceUpdate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One document's live side on this server node: a single {@code watch} on the editor fanned
 * out to every connection, plus presence. Guarantees:
 * <ul>
 *   <li>Each accepted entry is serialised once and offered to every live connection in
 *       version order; a connection sees each version exactly once (as {@code entry} or,
 *       for its own client id, {@code ack}). Entries accepted through other nodes arrive
 *       through the same watch, so a room does not care where a submission came in.</li>
 *   <li>A joiner goes live atomically with respect to new entries: everything after its
 *       version that the room holds is streamed to it under the room lock, so nothing
 *       falls between catch-up and live delivery.</li>
 *   <li>Presence lives only in memory ({@link RoomPresence}): this node's members and the
 *       participants of other nodes (exchanged through {@link coedit.server.core.Peers}),
 *       kept at the room's version by moving every selection through every entry, and sent
 *       only to live connections, in stream order.</li>
 * </ul>
 * All state is guarded by {@code this}; lock order is room, then connection.
 */
final class DocRoom implements HistoryListener {
  private static final Logger log = LoggerFactory.getLogger(DocRoom.class);
  private static final int RECENT = 1024;
  /** Up to this many live connections the room writes to them itself; beyond, the send threads do. */
  private static final int INLINE_FAN_OUT = 8;

  private final String docId;
  private final LiveContext ctx;
  private final Map<String, Connection> members = new HashMap<>();
  private final List<Connection> live = new CopyOnWriteArrayList<>();
  private final RoomPresence presence = new RoomPresence();
  private final AtomicBoolean starting = new AtomicBoolean();
  private final CompletableFuture<Void> started = new CompletableFuture<>();
  private VersionRing<SerializedEntry> recent; // set by start
  private long length;
  private Subscription subscription;
  private boolean closed;

  /** A room that does nothing until {@link #ensureStarted()}: cheap, so it can be made under a shared lock. */
  DocRoom(String docId, LiveContext ctx) {
    this.docId = docId;
    this.ctx = ctx;
  }

  /**
   * Starts the room once: reads the document's version, starts the one watch from it, and
   * asks the other nodes who is here. Every caller waits for that start and gets its
   * failure. It may wait for the editor (across a failover, for as long as the engine lets
   * a read wait), so it runs outside any lock shared with other documents.
   */
  void ensureStarted() {
    if (starting.compareAndSet(false, true)) {
      try {
        start();
        started.complete(null);
      } catch (RuntimeException | Error e) {
        started.completeExceptionally(e);
      }
    }
    try {
      started.join();
    } catch (CompletionException e) {
      throw e.getCause() instanceof RuntimeException r ? r : e;
    }
  }

  private void start() {
    // The version and length only: a snapshot, so a large document's text is not copied.
    DocText s = ctx.service().snapshot(docId);
    synchronized (this) {
      // Bounded in bytes too: a joiner needing more than a send buffer's worth pages history.
      recent = new VersionRing<>(RECENT, s.version(), e -> e.json().length(), ctx.config().sendBufferBytes());
      length = s.text().length();
    }
    Subscription sub = ctx.service().watch(docId, s.version(), this);
    synchronized (this) {
      if (closed) {
        sub.close();
        return;
      }
      subscription = sub;
    }
    ctx.peers().publish(PeerPresence.hello(ctx.peers().nodeId(), docId));
  }

  String docId() {
    return docId;
  }

  /** Connections that joined the room (live or catching up). */
  synchronized int memberCount() {
    return members.size();
  }

  synchronized long head() {
    return recent.last();
  }

  /** Document length in code points at {@link #head()} (presence is clamped to it). */
  synchronized long length() {
    return length;
  }

  /**
   * Registers a (not yet live) member; an older connection of the same user with the same
   * client id is replaced. False (and nothing changes) when the client id is held by a
   * connection of another user: a client id cannot be taken from its owner. A room closed
   * meanwhile (dissolved while the join was under way) sends the joiner back to rejoin (1012).
   */
  boolean admit(Connection c) {
    Connection old;
    synchronized (this) {
      if (closed) {
        c.closeAsync(Closes.RESTART);
        return true;
      }
      old = members.get(c.clientId());
      if (old != null && old != c && !java.util.Objects.equals(old.user(), c.user())) return false;
      members.put(c.clientId(), c);
      if (old != null) live.remove(old);
    }
    if (old != null && old != c) old.closeAsync(Closes.REPLACED);
    return true;
  }

  /**
   * Makes {@code c} live if the room holds every entry after the connection's version and
   * they fit in half its send buffer: streams them, then {@code live}, then everyone
   * else's presence, and announces {@code c} to the others, here and on the other nodes.
   * False when the connection must catch up from history first.
   */
  synchronized boolean tryGoLive(Connection c) {
    if (closed || members.get(c.clientId()) != c) return true;
    long from = c.lastSent();
    if (!recent.covers(from)) return false;
    // Streaming under the lock cannot wait for the client: only go live if the rest fits
    // comfortably in the send buffer; otherwise the catch-up task pages it with flow control.
    long needed = c.outbox().pending();
    for (long v = from + 1; v <= recent.last() && needed <= ctx.config().sendBufferBytes() / 2; v++) {
      needed += recent.get(v).json().length();
    }
    if (needed > ctx.config().sendBufferBytes() / 2) return false;
    for (long v = from + 1; v <= recent.last(); v++) {
      SerializedEntry item = recent.get(v);
      c.stream(item.entry(), item.json());
    }
    if (!c.goLive()) return true;
    live.add(c);
    long head = recent.last();
    c.send(Wire.live(c.lastSent()));
    for (Participant p : presence.visible()) {
      if (!p.clientId().equals(c.clientId())) c.sendAt(presenceJson(p), head, false);
    }
    Participant before = presence.local(c.clientId());
    Participant me = new Participant(c.clientId(), c.name(), c.colour(), before == null ? null : before.selection());
    show(presence.putLocal(me), c);
    publish(me, c);
    return true;
  }

  /**
   * The connection ended (or was replaced): forget it and tell the others. Called exactly
   * once per connection that acquired this room, so it also releases the room.
   */
  void leave(Connection c) {
    synchronized (this) {
      live.remove(c);
      // Members join only after the start, so the room has its version here.
      if (members.remove(c.clientId(), c)) {
        show(presence.removeLocal(c.clientId()), c);
        ctx.peers().publish(PeerPresence.leave(ctx.peers().nodeId(), docId, c.clientId(), c.since()));
      }
    }
    ctx.rooms().release(this);
  }

  /** A member's own presence: moved to the room's version, clamped, stored, sent to the others. */
  synchronized void presence(Connection c, PresenceUpdate u) {
    if (members.get(c.clientId()) != c) return;
    Selection s = u.selection();
    if (s != null) s = moveToHead(s, u.version()).clamp(clampedLength());
    Participant old = presence.local(c.clientId());
    Participant p = new Participant(c.clientId(),
        u.name() != null ? u.name() : old != null ? old.name() : c.name(),
        u.colour() != null ? u.colour() : old != null ? old.colour() : c.colour(), s);
    presence.putLocal(p);
    if (live.contains(c)) {
      show(new RoomPresence.Shown(p.clientId(), p), c);
      publish(p, c);
    }
  }

  /** Presence news from another node: shown to this node's live connections at their version. */
  synchronized void heard(PeerPresence m) {
    if (closed || recent == null) return;
    for (RoomPresence.Shown s : presence.heard(m, recent.last(), clampedLength(), this::moveToHead)) show(s, null);
  }

  /** Another node opened this document's room: tell it (and everyone) again where our members are. */
  synchronized void republish() {
    if (closed || recent == null) return;
    for (Participant p : presence.locals()) {
      Connection c = members.get(p.clientId());
      if (c != null && live.contains(c)) publish(p, c);
    }
  }

  /**
   * The next accepted entry. The watch delivers every entry after the room's start once, in
   * version order, filling any gap from the history itself (HistoryWatch, also when the
   * document's task moves to another engine instance), so each entry extends the room's
   * stream by one version.
   */
  @Override
  public void onEntry(HistoryEntry e) {
    synchronized (this) {
      if (closed) return;
      if (e.version() == recent.last() + 1) {
        accept(e);
        return;
      }
      log.error("document {}: the watch delivered {} after {}", docId, e.version(), recent.last());
    }
    dissolveLater();
  }

  /**
   * The watch skipped entries: the room fell too far behind to replay them, so its stream
   * has a hole it must not serve. It dissolves; its members reconnect to a fresh room and
   * each catches up from the history at its own pace (CatchUp).
   */
  @Override
  public void onResync(long version) {
    log.warn("document {}: the room fell behind (resync at {}); its members rejoin", docId, version);
    dissolveLater();
  }

  /** Off the watch's thread, which holds the watch's lock that closing the room takes. */
  private void dissolveLater() {
    try {
      ctx.timer().execute(() -> ctx.rooms().dissolve(this));
    } catch (java.util.concurrent.RejectedExecutionException e) {
      // Shutting down: every room is being closed anyway.
    }
  }

  /**
   * Stops watching and closes the members (server shutdown, a dissolved room, or the last
   * leave), with the code that tells clients to come back at once.
   */
  void close() {
    Subscription sub;
    List<Connection> all;
    synchronized (this) {
      if (closed) return;
      closed = true;
      sub = subscription;
      all = List.copyOf(members.values());
    }
    if (sub != null) sub.close();
    for (Connection c : all) c.closeAsync(Closes.RESTART);
  }

  private void accept(HistoryEntry e) {
    String json = Wire.entry(e.version(), e.clientId(), e.seq(), e.change(), e.author());
    recent.add(e.version(), new SerializedEntry(e, json));
    length += e.change().lengthDelta();
    // Presence moves with the text, so late joiners see cursors where they now are.
    presence.moveThrough(e.change());
    boolean fanOut = fanOut();
    long started = System.nanoTime();
    for (Connection c : live) c.stream(e, json, fanOut);
    ctx.metrics().fannedOut(live.size(), System.nanoTime() - started);
    for (RoomPresence.Shown s : presence.reached(e.version(), clampedLength(), this::moveToHead)) show(s, null);
  }

  /** A selection made at {@code version} moved to the room's version, through the entries the room holds. */
  private Selection moveToHead(Selection s, long version) {
    if (version < recent.last() && recent.covers(version)) {
      for (long v = version + 1; v <= recent.last(); v++) s = s.through(recent.get(v).entry().change());
    }
    return s;
  }

  private int clampedLength() {
    return (int) Math.min(Integer.MAX_VALUE, length);
  }

  private boolean fanOut() {
    return live.size() > INLINE_FAN_OUT;
  }

  /** Tells the live connections (but {@code from}, and the participant's own) what changed. */
  private void show(RoomPresence.Shown s, Connection from) {
    String msg = s.now() == null ? Wire.leave(s.clientId()) : presenceJson(s.now());
    long head = recent.last();
    boolean fanOut = fanOut();
    for (Connection c : live) {
      if (c == from || s.clientId().equals(c.clientId())) continue;
      if (s.now() == null) c.send(msg, fanOut);
      else c.sendAt(msg, head, fanOut);
    }
  }

  private void publish(Participant p, Connection c) {
    ctx.peers().publish(PeerPresence.presence(ctx.peers().nodeId(), docId, p.clientId(), c.since(), p.name(),
        p.colour(), p.selection(), recent.last()));
  }

  private String presenceJson(Participant p) {
    return Wire.presence(p.clientId(), p.name(), p.colour(), p.selection(), recent.last());
  }
}
