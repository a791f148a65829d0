package coedit.server.live;

import coedit.editor.data.DocSnapshot;
import coedit.editor.data.EditSubmission;
import coedit.editor.data.HistoryEntry;
import coedit.editor.data.Rejoin;
import coedit.protocol.Fields;
import coedit.protocol.Json;
import coedit.protocol.Messages;
import coedit.protocol.ProtocolException;
import coedit.protocol.SubmitScan;
import coedit.protocol.Wire;
import coedit.server.core.JoinRequest;
import coedit.server.core.PresenceUpdate;
import coedit.server.core.SubmitGate;
import coedit.server.core.SubmitRequest;
import coedit.server.auth.Principal;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One live WebSocket connection: parses its messages, answers errors as messages, and
 * keeps its place in the document's stream ({@link #lastSent()}). Fan-out and presence
 * belong to {@link DocRoom}, paging old history to {@link CatchUp}, writing to
 * {@link Outbox}. Who the connection acts for and what it may still do (tokens, budgets,
 * presence spacing) is its {@link ConnectionGuard}'s. Socket events arrive one at a time;
 * stream calls come from the room or the catch-up task and are serialised on {@code this}.
 */
final class Connection {
  private static final Logger log = LoggerFactory.getLogger(Connection.class);
  /**
   * How long a fanned-out message (a room of more than a handful) may wait for the next
   * ones to share its frame. Small against human-perceived latency, large against a busy
   * document's entry rate: 400 typists at 5 edits/s make 2,000 entries/s, so ~4 per frame.
   */
  static final long FAN_OUT_LINGER_MICROS = 2_000;

  /** The socket under the connection. */
  interface Peer {
    void send(String frame, Runnable done, Consumer<Throwable> failed);

    void close(int code, String reason);

    /** Drops the TCP connection without a close handshake. */
    void disconnect();
  }

  private final LiveContext ctx;
  private final Peer peer;
  private final Outbox out;
  private final ConnectionGuard guard;
  private final PresenceGate presence;
  private final AtomicBoolean left = new AtomicBoolean();
  private volatile long lastHeard = System.currentTimeMillis();
  private volatile boolean closed;

  // Set once by join; volatile because the room and timers read them from other threads.
  private volatile DocRoom room;
  private volatile String docId;
  private volatile String clientId;
  private volatile String name;
  private volatile String colour;
  private volatile long since; // when the join was handled: orders this client's connections across nodes

  // The stream position, guarded by this.
  private long lastSent;
  private boolean live;

  Connection(LiveContext ctx, Peer peer, String address) {
    this.ctx = ctx;
    this.peer = peer;
    this.guard = new ConnectionGuard(ctx, address);
    this.presence = new PresenceGate(ctx.throttles().presenceThrottle(), ctx.timer(), u -> {
      DocRoom rm = room;
      if (rm != null && !closed) rm.presence(this, u);
    });
    this.out = new Outbox(new Outbox.Sink() {
      @Override
      public void send(String frame, Runnable done, Consumer<Throwable> failed) {
        peer.send(frame, done, failed);
      }

      @Override
      public void overflow() {
        closeAsync(Closes.SLOW_READER);
      }
    }, ctx.send(), ctx.config().sendBufferBytes(), ctx.send(), FAN_OUT_LINGER_MICROS);
  }

  // ---- socket events ----

  /** A text frame: one or more newline-separated messages. */
  void onText(String frame) {
    lastHeard = System.currentTimeMillis();
    if (closed) return;
    long max = ctx.config().maxBodyBytes();
    if (frame.length() > max / 3) {
      int bytes = frame.getBytes(StandardCharsets.UTF_8).length;
      if (bytes > max) {
        refuseOversized(frame, bytes, max);
        return;
      }
    }
    int start = 0;
    while (start <= frame.length()) {
      int end = frame.indexOf('\n', start);
      if (end < 0) end = frame.length();
      String message = frame.substring(start, end);
      if (!message.isBlank()) onMessage(message);
      start = end + 1;
    }
  }

  /**
   * Nothing of an over-limit frame is handled. Each submit in it is refused with
   * {@code too_large} naming its seq (found by a streaming scan, without building the
   * message), so the client can drop that submission and carry on; a frame without one
   * gets a single error without seq.
   */
  private void refuseOversized(String frame, int bytes, long max) {
    String why = "message of " + bytes + " bytes is over the limit of " + max;
    boolean named = false;
    int start = 0;
    while (start < frame.length()) {
      int end = frame.indexOf('\n', start);
      if (end < 0) end = frame.length();
      Long seq = SubmitScan.seqOfSubmit(frame.substring(start, end));
      if (seq != null) {
        send(Wire.error(seq, Messages.TOO_LARGE, why + "; submission " + seq + " was not applied"));
        named = true;
      }
      start = end + 1;
    }
    if (!named) send(Wire.error(null, Messages.TOO_LARGE, why));
  }

  void onBinary() {
    lastHeard = System.currentTimeMillis();
    send(Wire.error(null, Messages.BAD_MESSAGE, "binary frames are not part of the protocol; send JSON text"));
  }

  /** The socket is gone (closed by either side or dropped). */
  void onClosed() {
    closed = true;
    presence.close();
    out.close();
    leaveRoom();
    guard.release();
  }

  private void onMessage(String text) {
    ObjectNode m = null;
    try {
      m = Json.parseObject(text);
      String type = Fields.string(m, "type", "", Messages.BAD_MESSAGE);
      switch (type) {
        case Messages.JOIN -> join(m);
        case Messages.SUBMIT -> submit(m);
        case Messages.PRESENCE -> presence(m);
        case Messages.AUTH -> auth(m);
        case Messages.PING -> send(Wire.pong());
        case Messages.PONG -> { }
        default -> throw new ProtocolException(Messages.BAD_MESSAGE, "unknown message type '"
            + (type.length() > 40 ? type.substring(0, 40) + "..." : type) + "'");
      }
    } catch (ProtocolException e) {
      refused(e);
      send(Wire.error(submissionSeq(m), e.code(), e.getMessage(), e.retryAfterMillis()));
    } catch (RuntimeException e) {
      log.error("live message failed on document {}", docId, e);
      send(Wire.error(submissionSeq(m), Messages.UNAVAILABLE, "the server could not handle this message now"));
    }
  }

  /** The seq of {@code m} when it is a submit: every error about a submission names it (null otherwise). */
  private static Long submissionSeq(ObjectNode m) {
    return m != null && Messages.SUBMIT.equals(m.path("type").asText()) ? SubmitRequest.seqOf(m) : null;
  }

  private void join(ObjectNode m) {
    if (room != null) throw new ProtocolException(Messages.ALREADY_JOINED, "already joined document '" + docId + "'");
    long protocol = Fields.integer(m, "protocol", 0, Long.MAX_VALUE, "", Messages.BAD_MESSAGE);
    if (protocol != Messages.PROTOCOL_VERSION) {
      send(Wire.error(null, Messages.BAD_MESSAGE, "protocol version " + protocol
          + " is not supported; this server speaks version " + Messages.PROTOCOL_VERSION));
      close(Closes.PROTOCOL);
      return;
    }
    JoinRequest r = JoinRequest.parse(m);
    Principal who;
    try {
      who = guard.join(Fields.optionalString(m, "token", null), r.docId());
    } catch (ProtocolException e) {
      // Without access there is nothing to wait for on this connection: say why, then close.
      refused(e);
      send(Wire.error(null, e.code(), e.getMessage(), e.retryAfterMillis()));
      close(e.code().equals(Messages.UNAUTHORIZED) ? Closes.UNAUTHORIZED
          : e.code().equals(Messages.FORBIDDEN) ? Closes.FORBIDDEN : Closes.RATE_LIMITED);
      return;
    }
    DocRoom rm = ctx.rooms().acquire(r.docId());
    boolean joined = false;
    try {
      long start;
      String text = null;
      Wire.Compacted compacted = null;
      long head = rm.head();
      Long from = r.fromVersion();
      if (from != null && from < ctx.service().horizon(r.docId())) {
        // The entries after its version were compacted away: the text stands in for them, with
        // the client's last accepted seq, read with it, so the client can rebase what it has
        // not seen acknowledged (docs/protocol.md, "History compaction").
        Rejoin j = ctx.service().rejoin(r.docId(), guard.user(), r.clientId());
        start = j.text().version();
        text = j.text().text().toString();
        compacted = new Wire.Compacted(j.horizon(), j.lastSeq());
      } else if (from == null || (r.textOk() && head - from > ctx.config().textCatchUpEntries())) {
        DocSnapshot s = ctx.service().read(r.docId());
        start = s.version();
        text = s.text();
      } else {
        start = from;
        if (start > head) {
          long now = ctx.service().read(r.docId()).version();
          if (start > now) {
            throw new ProtocolException(Messages.VERSION_AHEAD,
                "version " + start + " is ahead of document '" + r.docId() + "' at version " + now);
          }
        }
      }
      docId = r.docId();
      clientId = r.clientId();
      since = System.currentTimeMillis();
      name = who.authenticated() ? who.name() : r.name(); // others see the token's name, not a claimed one
      colour = r.colour();
      if (!rm.admit(this)) {
        send(Wire.error(null, Messages.FORBIDDEN, "client id '" + clientId + "' is in use by another user on document '"
            + docId + "'; choose another client id"));
        close(Closes.FORBIDDEN);
        return;
      }
      synchronized (this) {
        lastSent = start;
      }
      room = rm;
      joined = true;
      ctx.metrics().joined();
      guard.expireWith(this::expired);
      send(Wire.joined(docId, clientId, start, text, Math.max(head, start), ctx.config().heartbeatMillis(),
          ctx.config().timeoutMillis(), ctx.config().maxBodyBytes(), ctx.config().maxDocumentLength(), access(who),
          compacted));
      if (closed) {
        leaveRoom();
      } else if (!rm.tryGoLive(this)) {
        ctx.catchUp().execute(() -> CatchUp.run(this, rm, ctx));
      }
    } finally {
      if (!joined) ctx.rooms().release(rm);
    }
  }

  private void submit(ObjectNode m) {
    requireJoined();
    SubmitRequest r = SubmitRequest.parseLive(m);
    if (ctx.gate().isClosed()) {
      // The node is stopping and is about to close this connection with 1012: no error (a
      // user would see it), no ack. The client resends this submission, unchanged, after
      // joining again elsewhere; the editor answers a resend of an applied one as the original.
      return;
    }
    guard.checkSubmit(docId, r.change());
    EditSubmission s = new EditSubmission(docId, clientId, r.seq(), r.version(), r.change(), guard.user());
    // Success needs no reply here: the ack arrives through the room, in stream order.
    ctx.gate().submit(s).whenComplete((accepted, failure) -> {
      if (failure != null) {
        ProtocolException p = SubmitGate.failure(failure);
        refused(p);
        send(Wire.error(r.seq(), p.code(), p.getMessage()));
      }
    });
  }

  private void presence(ObjectNode m) {
    requireJoined();
    PresenceUpdate u = PresenceUpdate.parse(m);
    // Others see the token's name, not a claimed one.
    if (guard.principal().authenticated()) u = new PresenceUpdate(u.version(), u.selection(), null, u.colour());
    presence.offer(u);
  }

  /** A fresh token: the same user, maybe other rights; answered with the connection's access. */
  private void auth(ObjectNode m) {
    requireJoined();
    Principal who;
    try {
      who = guard.reauthorize(Fields.string(m, "token", "", Messages.BAD_MESSAGE), docId);
    } catch (ProtocolException e) {
      if (e.code().equals(Messages.FORBIDDEN)) { // another user's token: this connection ends
        refused(e);
        send(Wire.error(null, e.code(), e.getMessage()));
        close(Closes.FORBIDDEN);
        return;
      }
      throw e;
    }
    if (!who.canRead(docId)) {
      send(Wire.error(null, Messages.FORBIDDEN, "the new token does not allow reading document '" + docId + "'"));
      close(Closes.FORBIDDEN);
      return;
    }
    guard.expireWith(this::expired);
    send(Wire.authorized(access(who)));
  }

  /** The token ran out before an {@code auth} replaced it. */
  private void expired() {
    if (closed) return;
    send(Wire.error(null, Messages.UNAUTHORIZED, "the token expired; reconnect with a fresh one"));
    close(Closes.UNAUTHORIZED);
  }

  private Wire.Access access(Principal who) {
    return new Wire.Access(who.user(), who.canWrite(docId),
        who.expiresAtMillis() == Long.MAX_VALUE ? 0 : who.expiresAtMillis());
  }

  /** A refused message, in the rate-limited security log. */
  private void refused(ProtocolException e) {
    boolean security = switch (e.code()) {
      case Messages.UNAUTHORIZED, Messages.FORBIDDEN, Messages.RATE_LIMITED -> true;
      default -> false;
    };
    String format = "live message from {} (user {}, client {}, document {}) refused: {}";
    if (security) ctx.throttles().log().warn(log, e.code(), format, guard.address(), guard.user(), clientId, docId, e.getMessage());
    else ctx.throttles().log().info(log, e.code(), format, guard.address(), guard.user(), clientId, docId, e.getMessage());
  }

  private DocRoom requireJoined() {
    DocRoom rm = room;
    if (rm == null) throw new ProtocolException(Messages.NOT_JOINED, "send 'join' first");
    return rm;
  }

  // ---- the stream, driven by the room and the catch-up task ----

  /** Sends entry {@code e} if it is the next version: as {@code ack} when it is ours. */
  void stream(HistoryEntry e, String entryJson) {
    stream(e, entryJson, false);
  }

  /** As {@link #stream(HistoryEntry, String)}; {@code fanOut}: leave the writing to the send threads. */
  synchronized void stream(HistoryEntry e, String entryJson, boolean fanOut) {
    if (closed || e.version() <= lastSent) return;
    if (e.version() != lastSent + 1) {
      // Cannot happen with a contiguous room; if it does, the client recovers by rejoining.
      log.warn("document {}: connection {} at {} was offered {}", docId, clientId, lastSent, e.version());
      closeAsync(Closes.SLOW_READER);
      return;
    }
    lastSent = e.version();
    // Ours only if the same user sent it under our client id: another user's entry is never our ack.
    boolean ours = e.clientId().equals(clientId) && java.util.Objects.equals(e.author(), guard.user());
    out.offer(ours ? Wire.ack(e.seq(), e.version(), e.change())
        : entryJson != null ? entryJson : Wire.entry(e.version(), e.clientId(), e.seq(), e.change(), e.author()), !fanOut);
  }

  /** Marks the connection live; false when it has closed meanwhile. */
  synchronized boolean goLive() {
    if (closed) return false;
    live = true;
    return true;
  }

  synchronized long lastSent() {
    return lastSent;
  }

  /** Sends a message that refers to {@code version}, only if the client is exactly there. */
  synchronized void sendAt(String message, long version, boolean fanOut) {
    if (live && lastSent == version) out.offer(message, !fanOut);
  }

  void send(String message) {
    out.offer(message);
  }

  void send(String message, boolean fanOut) {
    out.offer(message, !fanOut);
  }

  Outbox outbox() {
    return out;
  }

  boolean isClosed() {
    return closed;
  }

  String clientId() {
    return clientId;
  }

  /** The authenticated user this connection acts for; null in open mode. */
  String user() {
    return guard.user();
  }

  String address() {
    return guard.address();
  }

  String name() {
    return name;
  }

  String colour() {
    return colour;
  }

  /** When the join was handled (milliseconds since the epoch). */
  long since() {
    return since;
  }

  // ---- heartbeats and closing ----

  /** Pings, or closes the connection when the peer has been silent too long. */
  void heartbeat(long now) {
    if (closed) return;
    if (now - lastHeard > ctx.config().timeoutMillis()) close(Closes.TIMEOUT);
    else send(Wire.ping());
  }

  /** Closes from a thread that may hold the room lock. */
  void closeAsync(Closes why) {
    try {
      ctx.timer().execute(() -> close(why));
    } catch (java.util.concurrent.RejectedExecutionException e) {
      out.close(); // shutting down: the endpoint closes every connection itself
    }
  }

  /**
   * Closes: after what is queued has been written, except for a slow reader (whose queue
   * is the problem); drops the socket if the peer has not finished closing soon after.
   */
  void close(Closes why) {
    if (closed) return;
    closed = true;
    presence.close();
    ctx.throttles().log().info(log, "close_" + why.code, "closing live connection from {} (user {}, client {}, document {}): {} {}",
        guard.address(), guard.user(), clientId, docId, why.code, why.reason);
    Runnable sendClose = () -> {
      try {
        peer.close(why.code, why.reason);
      } catch (RuntimeException e) {
        log.debug("close failed", e);
      }
    };
    if (why == Closes.SLOW_READER) {
      out.close();
      sendClose.run();
    } else {
      out.finish(sendClose);
    }
    try {
      ctx.timer().schedule(peer::disconnect, 2, TimeUnit.SECONDS);
    } catch (java.util.concurrent.RejectedExecutionException e) {
      peer.disconnect();
    }
    leaveRoom();
    guard.release();
  }

  private void leaveRoom() {
    DocRoom rm = room;
    if (rm != null && left.compareAndSet(false, true)) rm.leave(this);
  }
}
