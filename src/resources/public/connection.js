// The live protocol (docs/protocol.md) for one document: join from the last integrated
// version, catch up, submit one change at a time, learn acks from the stream, keep
// presence, answer heartbeats, and reconnect with backoff whenever the socket goes away.
// The socket itself (backoff, heartbeat timeout, frames) is socket.js's.
// Local edits never wait for the network: offline they go into the pending change, and
// the stored session (storage.js) lets a reload carry on where the page left off.
//
// Guarantees:
// - A submission is stored, with its seq, before it is first sent, and is only ever resent
//   unchanged (same seq, version, edits): right after every `joined` until its ack.
// - Every entry is applied exactly once, in version order; a gap, or an ack nobody
//   expected, drops the socket and the client catches up again from its version. The
//   others' entries of one frame are taken as one run (client-state.js applyServerRun), so
//   catching up on m entries with k unacknowledged edits costs O(k + m log k), not O(k · m).
// - The text is only replaced wholesale when nothing is unacknowledged (join from null,
//   or textOk), so no local edit is lost by a catch-up.
// - No message is ever over the server's limit (joined.limits.maxMessageBytes, kept with
//   the session): a larger change goes as several submissions in a row (split.js).
// - A refused submission never blocks the ones after it. Refused as such, the document
//   unaffected (`too_large`: the document would grow past its limit; `bad_edit`;
//   `internal`), it is reverted: the local text loses exactly that change, later local
//   edits are kept and sent. Refused otherwise (other than `unavailable` and
//   `rate_limited`, which send the same submission again), the local text can no longer
//   be trusted: the unacknowledged edits are dropped and the client rejoins from scratch.
//   Either way onError says so, and seqs are never reused.
// - History compaction (docs/protocol.md): a join whose version is below the server's
//   horizon is answered with the text, the horizon and our last accepted seq; what the text
//   lacks of our unacknowledged edits is rebased onto it (a text diff from the server's text
//   at our version, then the usual transform) and submitted under a new seq, so no typed
//   text is lost. A submission refused as `history_compacted` goes again the same way, or,
//   if the rejoin streams entries, under a new seq as transformed since. (A session
//   reloaded with edits pending does not know the server's text at its version: it drops
//   them, as for any refusal.)
// - With `getToken`, the join carries a token; a fresh one goes in band (`auth`) shortly
//   before it expires, and after an expiry close (4401) the next connection asks for a new
//   one. Pending edits wait through all of it and are sent once joined again.
// - Undo and redo (undo.js) act on this user's own changes only, transformed over
//   everything that happened since; they are sent like any local edit.
// - The text is a Rope: an edit costs the same in a 1 MB document as in a short one, and
//   the store gets the change, not the text (storage.js).

import { compose, invert, transform } from './ot.js';
import { restore, synchronizedAt } from './client-state.js';
import * as presence from './presence.js';
import { Rope, applyToRope } from './rope.js';
import { keepConnected } from './socket.js';
import { fitSubmission } from './split.js';
import { UndoHistory } from './undo.js';

const PROTOCOL = 1;
const PRESENCE_INTERVAL = 50;
/** Refusals of a submission as such, the document unaffected (coedit.protocol.Messages.revertsAlone). */
const REVERTS_ALONE = new Set(['too_large', 'bad_edit', 'internal']);
/** Until the first `joined` says otherwise (docs/protocol.md's defaults). */
const DEFAULT_LIMITS = Object.freeze({ maxMessageBytes: 1048576, maxDocumentLength: 10000000 });

/**
 * Opens the live session of a stored document session.
 *
 * options: {url, store: {record, save(meta, change)}, name, colour, getToken, and callbacks:
 *   getToken()                optional: a Promise of a bearer token (null: none to be had);
 *                             asked before the first join, before the token expires, and
 *                             after the server closed because it had expired
 *   beforeRemote()            about to apply a remote change: hand in any unreported local input
 *   onRemote(change, rope)    the local text changed by `change` (someone else's edit, a
 *                             reverted submission, or the server's text replacing ours), now `rope`
 *   onStatus({state, pending, ready, readOnly})  'offline' | 'syncing' | 'online';
 *                             unacknowledged local edits; ready is false until the first
 *                             join gave a version; readOnly when the token only reads
 *   onPeers(peers)            presence of the others, selections in local coordinates
 *   onError({code, error})    a protocol error; 'reverted' or 'dropped' when edits were given up}
 *
 * Returns {edit(change), undo(), redo(), select(selection), identify(name, colour),
 * reconnect(), close(), text(), rope(), info()}; edit takes a change the user already made
 * to the local text, undo and redo return the change they made (for the editor to show) or null.
 */
export function connect(options) {
  const { url, store } = options;
  const cb = { beforeRemote() {}, onRemote() {}, onStatus() {}, onPeers() {}, onError() {}, ...options };
  const saved = store.record;
  const clientId = saved.clientId;
  const docId = saved.docId;
  let name = options.name ?? '';
  let colour = options.colour ?? '#888888';

  // The session: text and client state move together; state is null until a version is known.
  let text = Rope.of(saved.text);
  let state = saved.version === null ? null : restore(saved.version, saved.inFlight, saved.buffer);
  // The server's text at state.version when known (it is `text` whenever nothing is
  // unacknowledged); what a refused submission is reverted against.
  let server = state && state.pending().length === 0 ? text : null;
  let submission = saved.submission;
  let stored = true; // the submission is in the store, so it may be sent
  let refused = false; // the submission was refused as history_compacted: it goes again under a new seq
  let nextSeq = saved.nextSeq;
  let counts = saved.counts;
  let limits = saved.limits ?? DEFAULT_LIMITS;
  let peers = presence.nobody;
  let reportedPeers = null; // the last view of them given to the page
  let selection = null;
  let history = new UndoHistory();
  const slice = (from, to) => text.slice(from, to);

  let joined = false;
  let live = false;
  let connection = 0; // counts connections opened and lost: a frame stops when its connection is gone
  let closed = false;
  let presenceTimer = null;
  let lastPresence = 0;
  // Our selection as the server and the others have it (server coordinates at
  // state.version): what we last sent, moved through every accepted change as they move
  // it. Undefined until sent on this connection. Typing at the caret moves it exactly as it
  // moves our own caret (docs/protocol.md, Presence), so typing sends no presence.
  let echo;
  let identityChanged = false;
  let token = null; // null: none yet, or the last one expired
  let user = null; // as the server joined us; null on an open server
  let readOnly = false;
  let refreshTimer = null;

  /**
   * Stores where the session stands and `change`, the change to the local text since the
   * last save (if any). A `lazy` save may be written a moment later (storage.js): only for
   * what a reload can do without, such as an acknowledgement (the server answers a resent
   * submission as a duplicate).
   */
  function save(change = null, lazy = false) {
    const [inFlight, buffer] = state ? [state.inFlight ?? null, state.buffer ?? null] : [null, null];
    const after = text; // the text as of this save (ropes are immutable): the store may write later
    return store.save({
      clientId, docId, nextSeq, version: state ? state.version : null,
      inFlight, buffer, submission, counts, limits,
    }, change, () => after.toString(), lazy);
  }

  /** Changes the local text by `change` from elsewhere than the user's typing, and tells the editor. */
  function changeText(change) {
    if (change.length === 0) return;
    text = applyToRope(text, change);
    history.remote(change);
    cb.onRemote(change, text);
  }

  function report() {
    cb.onStatus({
      state: live ? 'online' : joined || (socket && socket.isOpen()) ? 'syncing' : 'offline',
      pending: counts[0] + counts[1],
      ready: state !== null,
      readOnly,
    });
  }

  /**
   * Tells the page who is here and where, in the local text, when that changed since the
   * last report: an acknowledgement or an edit away from every caret changes nothing the
   * page shows, and redrawing the people list and the carets per keystroke was a fifth of
   * a keystroke's script.
   */
  function reportPeers() {
    const pending = state ? state.pending() : [];
    const local = {};
    for (const [id, p] of Object.entries(peers)) {
      local[id] = p.selection ? { ...p, selection: presence.toLocal(p.selection, pending) } : p;
    }
    if (reportedPeers !== null && presence.sameView(reportedPeers, local)) return;
    reportedPeers = Object.freeze(local);
    cb.onPeers(reportedPeers);
  }

  function send(message) {
    socket.send(message);
  }

  function sendSubmission() {
    if (joined && submission && stored) send({ type: 'submit', ...submission });
  }

  /**
   * Takes the next seq for `edits` (made at state.version, now in flight), stores it, then
   * sends it. A change over the message limit goes in parts: the first part is sent now,
   * the rest waits in the buffer and goes (split again if need be) when it is acknowledged.
   */
  function submit(edits, change = null) {
    const [first, rest] = fitSubmission(nextSeq, state.version, edits, limits.maxMessageBytes);
    if (rest) {
      state = restore(state.version, first, rest);
      counts = [0, counts[0] + counts[1]];
    }
    const taken = { seq: nextSeq, version: state.version, edits: first };
    submission = taken;
    nextSeq += 1;
    const written = save(change);
    if (written && typeof written.then === 'function') {
      stored = false;
      written.then(() => { if (submission === taken) { stored = true; sendSubmission(); } });
    } else {
      stored = true;
      sendSubmission();
    }
  }

  // ---- the connection's life ----

  async function opened() {
    connection += 1;
    if (cb.getToken && !token) {
      const opening = connection;
      token = await Promise.resolve().then(cb.getToken).catch(() => null);
      if (connection !== opening || !socket.isOpen()) return; // that connection is gone
      if (!token) return drop('no token to join with');
    }
    const hasPending = state !== null && state.pending().length > 0;
    const join = {
      type: 'join', protocol: PROTOCOL, docId, clientId, name, colour,
      fromVersion: state ? state.version : null, textOk: state !== null && !hasPending,
    };
    if (token) join.token = token;
    send(join);
    report();
    return undefined;
  }

  /** Hands the server a fresh token shortly before `expiresAt` (epoch ms; 0 or absent: never). */
  function scheduleRefresh(expiresAt) {
    clearTimeout(refreshTimer);
    refreshTimer = null;
    if (!cb.getToken || !expiresAt) return;
    const left = expiresAt - Date.now();
    const margin = Math.min(60_000, Math.max(500, left / 5));
    refreshTimer = setTimeout(async () => {
      const fresh = await Promise.resolve().then(cb.getToken).catch(() => null);
      // Without one the server closes at expiry (4401) and the next connection asks again.
      if (fresh && joined) {
        token = fresh;
        send({ type: 'auth', token: fresh });
      }
    }, Math.max(0, left - margin));
  }

  function access(msg) {
    readOnly = msg.access === 'read';
    scheduleRefresh(msg.expiresAt);
  }

  function down(code, reason) {
    connection += 1;
    joined = false;
    live = false;
    clearTimeout(refreshTimer);
    if (code === 4401) {
      token = null; // expired: the next connection asks for a fresh one
      if (!cb.getToken && !closed) {
        closed = true;
        socket.close();
        cb.onError({ code: 'unauthorized', error: 'this server needs a token, and none was given' });
      }
    }
    peers = presence.nobody;
    reportPeers();
    report();
    if (!closed && (code === 4000 || code === 4003 || code === 4403)) {
      closed = true;
      const why = { 4000: 'protocol', 4003: 'replaced', 4403: 'forbidden' }[code];
      cb.onError({ code: why, error: reason || `closed with ${code}` });
    }
  }

  function drop(why) {
    socket.drop(why);
  }

  // ---- the stream ----

  // Ours only if our user wrote it: another user's entry under our client id is not our ack.
  const isOurAck = (msg) => submission && msg.clientId === clientId && msg.seq === submission.seq
    && (msg.author ?? null) === user;

  /** One frame's messages in order; the others' consecutive entries are taken as one run. */
  function handleFrame(messages) {
    const mine = connection;
    let run = [];
    for (const msg of messages) {
      if (connection !== mine) return; // dropped while handling an earlier message
      if (msg.type === 'entry' && !isOurAck(msg)) {
        run.push(msg);
        continue;
      }
      if (run.length > 0) {
        onEntries(run);
        run = [];
        if (connection !== mine) return;
      }
      handle(msg);
    }
    if (run.length > 0) onEntries(run);
  }

  function handle(msg) {
    switch (msg.type) {
      case 'joined': return onJoined(msg);
      case 'entry': return isOurAck(msg) ? onAck(msg) : onEntries([msg]);
      case 'authorized':
        access(msg);
        return report();
      case 'ack': return onAck(msg);
      case 'live':
        live = true;
        echo = undefined; // a new connection: the server is told where we are
        socket.connected();
        report();
        return sendPresence();
      case 'presence':
        if (msg.clientId !== clientId) { peers = presence.receive(peers, msg); reportPeers(); }
        return undefined;
      case 'leave':
        peers = presence.leave(peers, msg.clientId);
        return reportPeers();
      case 'ping': return send({ type: 'pong' });
      case 'pong': return undefined;
      case 'error': return onServerError(msg);
      default: return cb.onError({ code: 'bad_message', error: `unknown message type '${msg.type}'` });
    }
  }

  function onJoined(msg) {
    joined = true;
    user = msg.user ?? null;
    access(msg);
    if (msg.timeoutMillis) socket.setTimeout(msg.timeoutMillis);
    if (msg.limits && msg.limits.maxMessageBytes > 0) limits = { ...DEFAULT_LIMITS, ...msg.limits };
    if (typeof msg.text === 'string' && msg.horizon != null) return onCompactedJoin(msg);
    let change = null;
    if (typeof msg.text === 'string') {
      // Hand in any unreported input first: if that made edits pending, the text won't do.
      cb.beforeRemote();
      if (state && state.pending().length > 0) return drop('the server sent the text while edits were pending');
      change = difference(text.toString(), msg.text);
      state = synchronizedAt(msg.version);
      changeText(change);
      server = text;
    } else if (!state || state.version !== msg.version) {
      return drop(`joined at version ${msg.version}, expected ${state && state.version}`);
    }
    if (state.inFlight && (!submission || refused)) {
      // Composed while not joined, or refused as compacted (then as transformed over what
      // arrived since): its seq is taken now.
      refused = false;
      submit(state.inFlight, change);
    } else {
      save(change);
      sendSubmission();
    }
    report();
    return undefined;
  }

  /**
   * Our version fell below the history horizon: the server sent its text instead of entries,
   * with our last accepted seq. What the text lacks of ours is rebased onto it:
   *
   *            o  server text at our version (known: `server`), + inFlight if lastSeq has it
   *   pending  |  \  d = difference(that, msg.text)
   *            o   o  msg.text
   *        d'  |  /  pending' (sent under a new seq)
   *            o  the local text, every typed character kept
   */
  function onCompactedJoin(msg) {
    cb.beforeRemote();
    const pendingNow = state ? state.pending() : [];
    if (pendingNow.length > 0 && !server) return dropPending('the history after our version was compacted away');
    let onto = server ? server.toString() : text.toString();
    let pending = [];
    if (state && state.inFlight) {
      if (submission && msg.lastSeq != null && msg.lastSeq >= submission.seq) {
        onto = applyToRope(Rope.of(onto), state.inFlight).toString(); // accepted: it is in the text
      } else {
        pending = state.inFlight;
      }
    }
    if (state && state.buffer) pending = pending.length > 0 ? compose(pending, state.buffer) : state.buffer;
    const [d, rebased] = transform(difference(onto, msg.text), pending);
    const edits = counts[0] + counts[1];
    changeText(d);
    state = synchronizedAt(msg.version);
    server = Rope.of(msg.text);
    submission = null;
    refused = false;
    peers = presence.nobody;
    if (rebased.length > 0) {
      const step = state.applyLocal(rebased);
      state = step.state;
      counts = [Math.max(1, edits), 0];
      submit(step.send, d);
    } else {
      counts = [0, 0];
      save(d);
    }
    report();
    return undefined;
  }

  /**
   * Others' entries: those that follow on from our version are integrated as one run
   * (a gap drops the socket). The server's text, while we need it, moves by each entry.
   */
  function onEntries(msgs) {
    let n = 0;
    while (state && n < msgs.length && msgs[n].version === state.version + 1 + n) n += 1;
    if (n > 0) {
      cb.beforeRemote();
      const run = state.applyServerRun(msgs.slice(0, n).map((m) => m.edits));
      const texts = [];
      let nextServer = null;
      try {
        for (const change of run.apply) texts.push(applyToRope(texts.length > 0 ? texts[texts.length - 1] : text, change));
        if (server && run.state.pending().length > 0) {
          nextServer = server;
          for (let i = 0; i < n; i++) nextServer = applyToRope(nextServer, msgs[i].edits);
        }
      } catch (e) {
        return dropPending(`a remote change did not fit the local text: ${e.message}`);
      }
      state = run.state;
      text = texts[texts.length - 1];
      server = state.pending().length === 0 ? text : nextServer;
      for (const change of run.apply) history.remote(change);
      for (let i = 0; i < n; i++) {
        peers = presence.moveAll(peers, msgs[i].edits);
        if (echo) echo = presence.move(echo, msgs[i].edits);
      }
      // Edits apply in list order, so the run's changes one after the other are one change.
      save(run.apply.flat());
      run.apply.forEach((change, i) => cb.onRemote(change, texts[i]));
      reportPeers();
    }
    if (n < msgs.length) return drop(`entry ${msgs[n].version} after version ${state && state.version}`);
    return undefined;
  }

  function onAck(msg) {
    if (!submission || msg.seq !== submission.seq || !state || msg.version !== state.version + 1) {
      return drop(`unexpected ack of seq ${msg.seq} at version ${msg.version}`);
    }
    cb.beforeRemote();
    const step = state.serverAck(msg.version);
    const accepted = msg.edits ?? submission.edits;
    try {
      server = server && step.state.pending().length > 0 ? applyToRope(server, accepted) : null;
    } catch {
      server = null; // not worth failing for: only a refused submission needs it
    }
    state = step.state;
    if (state.pending().length === 0) server = text;
    submission = null;
    peers = presence.moveAll(peers, accepted);
    if (echo) echo = presence.move(echo, accepted);
    if (step.send) {
      counts = [counts[1], 0];
      submit(step.send);
    } else {
      counts = [0, 0];
      save(null, true);
    }
    report();
    reportPeers();
    return sendPresence();
  }

  function onServerError(msg) {
    const ours = submission && msg.seq === submission.seq;
    if (msg.code === 'unauthorized') token = null; // the close that follows asks for a fresh one
    if (ours && msg.code === 'rate_limited') {
      // Not a refusal of the edit: the same submission goes again when the budget allows.
      const again = submission;
      setTimeout(() => { if (submission === again) sendSubmission(); }, Math.max(1, msg.retryAfterMillis ?? 1000));
      return undefined;
    }
    if (!ours) cb.onError(msg);
    if (ours && msg.code === 'unavailable') return drop('the server could not take the submission now');
    if (ours && msg.code === 'history_compacted') {
      // Made below the history horizon: never applied. Rejoin; it goes again from there.
      refused = true;
      return drop('our submission was made below the history horizon');
    }
    if (ours && REVERTS_ALONE.has(msg.code) && server) return revert(msg.error);
    if (ours || msg.code === 'version_ahead') return dropPending(`the server refused a change: ${msg.error}`);
    return undefined;
  }

  /**
   * The server refused the in-flight change but the session is sound: take exactly that
   * change out of the local text, keep the later local edits (the buffer) and send them.
   *
   *            o  server text at version (known: `server`)
   *  inFlight  |  \  buffer' (sent next)
   *            o   o
   *   buffer   |  /  r (applied here: removes inFlight, keeps buffer)
   *            o  the local text
   */
  function revert(why) {
    cb.beforeRemote();
    const inverse = invert(state.inFlight, (from, to) => server.slice(from, to));
    const buffer = state.buffer ?? [];
    const [r, bufferPrime] = buffer.length ? transform(inverse, buffer) : [inverse, []];
    const lost = counts[0];
    changeText(r);
    state = synchronizedAt(state.version);
    submission = null;
    counts = [0, 0];
    server = text;
    if (bufferPrime.length > 0) {
      const step = state.applyLocal(bufferPrime);
      state = step.state;
      counts = [1, 0];
      submit(step.send, r);
    } else {
      save(r);
    }
    cb.onError({ code: 'reverted', error: `${why}. That change (${lost || 'part of an'} edit${lost === 1 ? '' : 's'}) was removed; the rest is kept.` });
    report();
    reportPeers();
  }

  /** The local text can no longer be trusted: give up unacknowledged edits and rejoin from scratch. */
  function dropPending(why) {
    const lostEdits = counts[0] + counts[1];
    state = null;
    server = null;
    submission = null;
    counts = [0, 0];
    history = new UndoHistory();
    save();
    cb.onError({ code: 'dropped', error: `${why}; ${lostEdits} unsaved edit(s) were given up and the document is reloaded` });
    drop(why);
    socket.retryNow();
  }

  // ---- presence ----

  function sendPresence() {
    if (!live || !state) return;
    const wait = lastPresence + PRESENCE_INTERVAL - Date.now();
    if (wait > 0) {
      if (!presenceTimer) presenceTimer = setTimeout(() => { presenceTimer = null; sendPresence(); }, wait);
      return;
    }
    const at = selection && presence.toServer(selection, state.pending());
    if (!identityChanged && echo !== undefined && presence.same(echo, at)) return;
    lastPresence = Date.now();
    const message = { type: 'presence', version: state.version, selection: at };
    if (identityChanged) Object.assign(message, { name, colour });
    identityChanged = false;
    echo = at;
    send(message);
  }

  const socket = keepConnected({ url, onOpen: opened, onMessages: handleFrame, onDown: down });
  report();

  /**
   * A change to the local text made here (typing, undo, redo): applied, stored, sent in
   * turn. While not joined (offline, or still connecting) nothing is submitted: the edits
   * are composed into one change, submitted on joining, so what was typed apart from the
   * others arrives as one piece instead of a first keystroke and the rest.
   */
  function local(change) {
    text = applyToRope(text, change);
    if (!joined && !submission && state.inFlight) {
      state = restore(state.version, compose(state.inFlight, change), null);
      counts = [counts[0] + 1, 0];
      save(change);
      report();
      if (Object.values(peers).some((p) => p.selection)) reportPeers();
      return;
    }
    const step = state.applyLocal(change);
    state = step.state;
    if (step.send && !joined) {
      counts = [1, 0]; // submitted on joining (see onJoined)
      save(change);
    } else if (step.send) {
      counts = [1, 0];
      submit(step.send, change);
    } else {
      counts = [counts[0], counts[1] + 1];
      save(change);
    }
    report();
    // Our edit moves the others' selections in local coordinates; without any, nothing to redraw.
    if (Object.values(peers).some((p) => p.selection)) reportPeers();
  }

  function replay(which) {
    if (!state) return null;
    cb.beforeRemote();
    const change = which === 'undo' ? history.undo(slice) : history.redo(slice);
    if (change) local(change);
    return change;
  }

  return {
    /** The user changed the local text by `change` (already shown). */
    edit(change) {
      if (!state) throw new Error('the document is not loaded yet');
      if (change.length === 0) return;
      history.local(change, slice);
      local(change);
    },
    /** Undoes this user's latest group of edits; returns the change made (the editor shows it) or null. */
    undo: () => replay('undo'),
    /** Redoes the latest undo; returns the change made or null. */
    redo: () => replay('redo'),
    /** The next edit starts a new undo group (e.g. the caret jumped). */
    breakUndoGroup: () => history.breakGroup(),
    /** The local selection ({anchor, head} in code points of the local text) or null. */
    select(next) {
      selection = next;
      sendPresence();
    },
    /** A new display name and colour, shown to the others. */
    identify(newName, newColour) {
      name = newName;
      colour = newColour;
      identityChanged = true;
      sendPresence();
    },
    /** Tries to connect now instead of waiting out the backoff (e.g. the user asked to retry). */
    reconnect() {
      socket.retryNow();
    },
    /** The local text as the session knows it (a copy: O(length)). */
    text: () => text.toString(),
    /** The local text as a Rope (no copy). */
    rope: () => text,
    /** The server's announced limits (or the defaults before the first join). */
    limits: () => limits,
    /** How many local changes the server has not acknowledged yet (O(1)). */
    pending: () => counts[0] + counts[1],
    /** For tests and the console: where the session stands. */
    info: () => ({
      clientId, docId, version: state ? state.version : null, nextSeq, submission,
      pending: counts[0] + counts[1], live, text: text.toString(),
    }),
    /** Stops reconnecting and closes the socket (the stored session stays). */
    close() {
      closed = true;
      clearTimeout(refreshTimer);
      socket.close();
    },
  };
}

/** The change from `before` to `after` replacing only the middle that differs (code points). */
function difference(before, after) {
  if (before === after) return [];
  const a = [...before];
  const b = [...after];
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) { endA--; endB--; }
  const change = [];
  if (endA > start) change.push({ type: 'delete', offset: start, length: endA - start });
  if (endB > start) change.push({ type: 'insert', offset: start, text: b.slice(start, endB).join('') });
  return change;
}
