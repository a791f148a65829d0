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
// - After an error on our own submission (other than `unavailable` and `rate_limited`) the
//   local text can no longer be trusted: the unacknowledged edits are dropped (reported
//   through onError) and the client rejoins from scratch. seqs are never reused.
// - With `getToken`, the join carries a token; a fresh one goes in band (`auth`) shortly
//   before it expires, and after an expiry close (4401) the next connection asks for a new
//   one. Pending edits wait through all of it and are sent once joined again.

import { apply } from './ot.js';
import { restore, synchronizedAt } from './client-state.js';
import * as presence from './presence.js';
import { keepConnected } from './socket.js';

const PROTOCOL = 1;
const PRESENCE_INTERVAL = 50;

/**
 * Opens the live session of a stored document session.
 *
 * options: {url, store: {record, save}, name, colour, getToken, and callbacks:
 *   getToken()                optional: a Promise of a bearer token (null: none to be had);
 *                             asked before the first join, before the token expires, and
 *                             after the server closed because it had expired
 *   beforeRemote()            about to apply a remote change: hand in any unreported local input
 *   onRemote(change, text)    a remote change, transformed for the local text, now `text`
 *   onReplace(text)           the whole local text is now `text` (nothing was pending)
 *   onStatus({state, pending, ready, readOnly})  'offline' | 'syncing' | 'online';
 *                             unacknowledged local edits; ready is false until the first
 *                             join gave a version; readOnly when the token only reads
 *   onPeers(peers)            presence of the others, selections in local coordinates
 *   onError({code, error})    a protocol error, or 'dropped' with the edits given up}
 *
 * Returns {edit(change), select(selection), identify(name, colour), reconnect(), close(),
 * text(), info()}; edit takes a change the user already made to the local text.
 */
export function connect(options) {
  const { url, store } = options;
  const cb = { beforeRemote() {}, onRemote() {}, onReplace() {}, onStatus() {}, onPeers() {}, onError() {}, ...options };
  const saved = store.record;
  const clientId = saved.clientId;
  const docId = saved.docId;
  let name = options.name ?? '';
  let colour = options.colour ?? '#888888';

  // The session: text and client state move together; state is null until a version is known.
  let text = saved.text;
  let state = saved.version === null ? null : restore(saved.version, saved.inFlight, saved.buffer);
  let submission = saved.submission;
  let nextSeq = saved.nextSeq;
  let counts = saved.counts;
  let peers = presence.nobody;
  let selection = null;

  let joined = false;
  let live = false;
  let connection = 0; // counts connections opened and lost: a frame stops when its connection is gone
  let closed = false;
  let presenceTimer = null;
  let lastPresence = 0;
  let identityChanged = false;
  let token = null; // null: none yet, or the last one expired
  let user = null; // as the server joined us; null on an open server
  let readOnly = false;
  let refreshTimer = null;

  function save() {
    const [inFlight, buffer] = state ? [state.inFlight ?? null, state.buffer ?? null] : [null, null];
    store.save({
      clientId, docId, nextSeq, version: state ? state.version : null, text,
      inFlight, buffer, submission, counts,
    });
  }

  function report() {
    cb.onStatus({
      state: live ? 'online' : joined || (socket && socket.isOpen()) ? 'syncing' : 'offline',
      pending: counts[0] + counts[1],
      ready: state !== null,
      readOnly,
    });
  }

  function reportPeers() {
    const pending = state ? state.pending() : [];
    const local = {};
    for (const [id, p] of Object.entries(peers)) {
      local[id] = p.selection ? { ...p, selection: presence.toLocal(p.selection, pending) } : p;
    }
    cb.onPeers(Object.freeze(local));
  }

  function send(message) {
    socket.send(message);
  }

  function sendSubmission() {
    if (joined && submission) send({ type: 'submit', ...submission });
  }

  /** Takes the next seq for `edits` (made at state.version), stores it, then sends it. */
  function submit(edits) {
    submission = { seq: nextSeq, version: state.version, edits };
    nextSeq += 1;
    save();
    sendSubmission();
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
    if (typeof msg.text === 'string') {
      // Hand in any unreported input first: if that made edits pending, the text won't do.
      cb.beforeRemote();
      if (state && state.pending().length > 0) return drop('the server sent the text while edits were pending');
      text = msg.text;
      state = synchronizedAt(msg.version);
      cb.onReplace(text);
    } else if (!state || state.version !== msg.version) {
      return drop(`joined at version ${msg.version}, expected ${state && state.version}`);
    }
    save();
    report();
    sendSubmission();
    return undefined;
  }

  /** Others' entries: those that follow on from our version are integrated as one run; a gap drops the socket. */
  function onEntries(msgs) {
    let n = 0;
    while (state && n < msgs.length && msgs[n].version === state.version + 1 + n) n += 1;
    if (n > 0) {
      cb.beforeRemote();
      const run = state.applyServerRun(msgs.slice(0, n).map((m) => m.edits));
      const texts = [];
      try {
        for (const change of run.apply) texts.push(apply(texts.length > 0 ? texts[texts.length - 1] : text, change));
      } catch (e) {
        return dropPending(`a remote change did not fit the local text: ${e.message}`);
      }
      state = run.state;
      text = texts[texts.length - 1];
      for (let i = 0; i < n; i++) peers = presence.moveAll(peers, msgs[i].edits);
      save();
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
    state = step.state;
    submission = null;
    peers = presence.moveAll(peers, msg.edits ?? []);
    if (step.send) {
      counts = [counts[1], 0];
      submit(step.send);
    } else {
      counts = [0, 0];
      save();
    }
    report();
    reportPeers();
    return sendPresence();
  }

  function onServerError(msg) {
    cb.onError(msg);
    const ours = submission && msg.seq === submission.seq;
    if (msg.code === 'unauthorized') token = null; // the close that follows asks for a fresh one
    if (ours && msg.code === 'rate_limited') {
      // Not a refusal of the edit: the same submission goes again when the budget allows.
      const again = submission;
      setTimeout(() => { if (submission === again) sendSubmission(); }, Math.max(1, msg.retryAfterMillis ?? 1000));
      return undefined;
    }
    if (ours && msg.code === 'unavailable') return drop('the server could not take the submission now');
    if (ours || msg.code === 'version_ahead') return dropPending(`the server refused: ${msg.error}`);
    return undefined;
  }

  /** The local text can no longer be trusted: give up unacknowledged edits and rejoin from scratch. */
  function dropPending(why) {
    const lostEdits = counts[0] + counts[1];
    state = null;
    submission = null;
    counts = [0, 0];
    save();
    cb.onError({ code: 'dropped', error: `${why}; ${lostEdits} unacknowledged edit(s) given up, reloading the document` });
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
    lastPresence = Date.now();
    const message = {
      type: 'presence', version: state.version,
      selection: selection && presence.toServer(selection, state.pending()),
    };
    if (identityChanged) Object.assign(message, { name, colour });
    identityChanged = false;
    send(message);
  }

  const socket = keepConnected({ url, onOpen: opened, onMessages: handleFrame, onDown: down });
  report();

  return {
    /** The user changed the local text by `change` (already shown). */
    edit(change) {
      if (!state) throw new Error('the document is not loaded yet');
      if (change.length === 0) return;
      text = apply(text, change);
      const step = state.applyLocal(change);
      state = step.state;
      if (step.send) {
        counts = [1, 0];
        submit(step.send);
      } else {
        counts = [counts[0], counts[1] + 1];
        save();
      }
      report();
      reportPeers();
    },
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
    /** The local text as the session knows it. */
    text: () => text,
    /** For tests and the console: where the session stands. */
    info: () => ({
      clientId, docId, version: state ? state.version : null, nextSeq, submission,
      pending: counts[0] + counts[1], live, text,
    }),
    /** Stops reconnecting and closes the socket (the stored session stays). */
    close() {
      closed = true;
      clearTimeout(refreshTimer);
      socket.close();
    },
  };
}
