// A document session kept in IndexedDB, so a reload (also while offline) keeps the client
// id, the text, the unacknowledged edits, the in-flight submission and the next seq.
// Writes are incremental: each save stores the session's small state and the one change
// made to the text since the last save; the whole text is written only when the log of
// changes has grown long (a snapshot, every COMPACT_EVERY changes). A keystroke in a 1 MB
// document therefore writes a few hundred bytes, not a megabyte. Saves made while a write
// is in flight are written together in the next transaction (group-commit.js).
//
// Per session (document, client id): sessions[[docId, clientId]] the state below,
// snapshots[[docId, clientId]] {text}, log[[docId, clientId, n]] {change}; the text is the
// snapshot with the log applied in order of n.
//
// A tab owns the session it opened through a Web Lock held for its lifetime, so two tabs
// never share a client id (they would number their submissions independently and could
// send different content under one seq). A tab that reloads finds its own session again
// through sessionStorage; a new tab adopts a session nobody holds (preferring one with
// unsent work) or starts a new client id.
//
// State, as saved: {clientId, docId, nextSeq, version, inFlight, buffer, submission,
// counts, limits} (see connection.js); `version` is null before the first join, a seq is
// taken in the same write that stores its submission.
//
// Pages before this one kept each session in localStorage as one JSON record (the state
// above plus the whole text) under `coedit.v1.<docId>.<clientId>`. Such records are moved
// into IndexedDB once, the first time a page opens here, so offline edits made with the
// old page are still sent; a record an old page still has open (its Web Lock is held) is
// left for a later visit.

import { groupCommit } from './group-commit.js';
import { applyToRope, Rope } from './rope.js';

const DB = 'coedit';
const ME = 'coedit.me';
const RECENT = 'coedit.recent';
const TAB = 'coedit.tab.';
const COMPACT_EVERY = 500;
const OLD_PREFIX = 'coedit.v1.';

/**
 * Opens the session of `docId` for this tab: resolves to {record, save(state, change,
 * text)}. `record` is the state plus `text`. `save` resolves once written; `change` (or
 * null) is the change made to the text since the last save, `text()` reads the whole text
 * (called only to write a snapshot). When a write fails the session is deleted, so a
 * reload starts under a new client id instead of reusing seqs.
 */
export async function openSession(docId) {
  const db = await openDb();
  await moveOldSessions(db);
  const own = sessionStorage.getItem(TAB + docId);
  const records = await listSessions(db, docId);
  // Our own session first (a reload: its lock may take a moment to be released), then
  // orphans with unacknowledged work, then any orphan, else a new client id.
  const candidates = [...records].sort((a, b) => rank(b, own) - rank(a, own));
  for (const r of candidates) {
    const retries = r.clientId === own ? 10 : 1;
    if (await claim(docId, r.clientId, retries)) {
      const loaded = await load(db, r);
      if (loaded) return session(db, loaded);
    }
  }
  for (;;) {
    const clientId = newClientId();
    if (await claim(docId, clientId, 1, true)) return session(db, freshRecord(docId, clientId));
  }
}

/** This browser's display name and colour: {name, colour}, chosen once and kept. */
export function loadIdentity(makeDefault) {
  try {
    const me = JSON.parse(localStorage.getItem(ME));
    if (me && typeof me.name === 'string' && /^#[0-9a-f]{6}$/i.test(me.colour)) return me;
  } catch { /* a damaged entry is replaced below */ }
  const me = makeDefault();
  saveIdentity(me);
  return me;
}

/** Remembers the display name and colour for the next visit. */
export function saveIdentity(me) {
  try { localStorage.setItem(ME, JSON.stringify(me)); } catch { /* cosmetic: ignore */ }
}

/** The documents opened in this browser, most recent first: [{docId, time}]. */
export function recentDocuments() {
  try {
    const list = JSON.parse(localStorage.getItem(RECENT));
    return Array.isArray(list) ? list.filter((d) => d && typeof d.docId === 'string') : [];
  } catch {
    return [];
  }
}

/** Puts `docId` first in the recent documents (at most 20 kept). */
export function rememberDocument(docId) {
  const list = [{ docId, time: Date.now() }, ...recentDocuments().filter((d) => d.docId !== docId)].slice(0, 20);
  try { localStorage.setItem(RECENT, JSON.stringify(list)); } catch { /* cosmetic: ignore */ }
}

// ---- IndexedDB ----

function openDb() {
  return new Promise((resolve, reject) => {
    const req = indexedDB.open(DB, 1);
    req.onupgradeneeded = () => {
      const db = req.result;
      db.createObjectStore('sessions', { keyPath: ['docId', 'clientId'] });
      db.createObjectStore('snapshots');
      db.createObjectStore('log');
    };
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

function done(tx) {
  return new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error);
    tx.onabort = () => reject(tx.error ?? new Error('transaction aborted'));
  });
}

function request(req) {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

async function listSessions(db, docId) {
  const tx = db.transaction('sessions');
  const all = await request(tx.objectStore('sessions').getAll(IDBKeyRange.bound([docId, ''], [docId, '\uffff'])));
  return all.filter(valid);
}

const logRange = (r) => IDBKeyRange.bound([r.docId, r.clientId, 0], [r.docId, r.clientId, Infinity]);

/** The session's state with its text (snapshot plus log); null when it is damaged (then deleted). */
async function load(db, state) {
  const tx = db.transaction(['snapshots', 'log']);
  const key = [state.docId, state.clientId];
  const [snapshot, log] = await Promise.all([
    request(tx.objectStore('snapshots').get(key)),
    request(tx.objectStore('log').getAll(logRange(state))),
  ]);
  try {
    let text = Rope.of(snapshot?.text ?? '');
    for (const entry of log) text = applyToRope(text, entry.change);
    return { ...state, text: text.toString(), logCount: log.length };
  } catch (e) {
    console.warn('a stored session is damaged and was dropped:', e);
    await remove(db, state);
    return null;
  }
}

async function remove(db, state) {
  const tx = db.transaction(['sessions', 'snapshots', 'log'], 'readwrite');
  tx.objectStore('sessions').delete([state.docId, state.clientId]);
  tx.objectStore('snapshots').delete([state.docId, state.clientId]);
  tx.objectStore('log').delete(logRange(state));
  await done(tx).catch(() => {});
}

/** Moves the sessions older pages kept in localStorage into IndexedDB (see the top of this file). */
async function moveOldSessions(db) {
  let keys;
  try {
    keys = Object.keys(localStorage).filter((k) => k.startsWith(OLD_PREFIX));
  } catch {
    return; // no localStorage here: nothing to move
  }
  for (const key of keys) {
    let old = null;
    try { old = JSON.parse(localStorage.getItem(key)); } catch { /* unreadable: dropped below */ }
    if (!valid(old) || typeof old.text !== 'string' || key !== `${OLD_PREFIX}${old.docId}.${old.clientId}`) {
      localStorage.removeItem(key);
      continue;
    }
    const moved = await whileHolding(`coedit:${old.docId}:${old.clientId}`, async () => {
      const tx = db.transaction(['sessions', 'snapshots', 'log'], 'readwrite');
      const sessions = tx.objectStore('sessions');
      const id = [old.docId, old.clientId];
      // Moved already (the key could not be removed then): the IndexedDB copy may be newer.
      if (await request(sessions.getKey(id)) === undefined) {
        const { text, ...state } = old;
        sessions.put({ limits: null, ...state, logNext: 0 });
        tx.objectStore('snapshots').put({ text }, id);
        tx.objectStore('log').delete(logRange(old));
      }
      await done(tx);
    });
    if (moved) localStorage.removeItem(key);
  }
}

/**
 * Runs `work` holding the Web Lock `name` if nobody holds it, and releases it after;
 * resolves to true when it ran and succeeded. Without Web Locks, just runs it.
 */
async function whileHolding(name, work) {
  const run = () => work().then(() => true, (e) => { console.warn('could not move an old session:', e); return false; });
  if (!navigator.locks) return run();
  return navigator.locks.request(name, { ifAvailable: true }, (lock) => (lock ? run() : false)).catch(() => false);
}

function session(db, record) {
  sessionStorage.setItem(TAB + record.docId, record.clientId);
  let logNext = record.logNext ?? 0;
  let logCount = record.logCount ?? 0;
  // One transaction per batch of saves (group-commit.js), over just the stores it writes.
  function writeBatch({ state, changes, snapshot }) {
    const compact = changes.length > 0 && logCount + changes.length >= COMPACT_EVERY;
    const tx = db.transaction(compact ? ['sessions', 'snapshots', 'log'] : changes.length > 0 ? ['sessions', 'log'] : ['sessions'], 'readwrite');
    const key = [state.docId, state.clientId];
    if (compact) {
      tx.objectStore('snapshots').put({ text: snapshot() }, key);
      tx.objectStore('log').delete(logRange(state));
      logCount = 0;
    } else {
      for (const change of changes) {
        tx.objectStore('log').put({ change }, [state.docId, state.clientId, logNext]);
        logNext += 1;
        logCount += 1;
      }
    }
    tx.objectStore('sessions').put({ ...state, logNext });
    return done(tx);
  }
  const writes = groupCommit(writeBatch, {
    onFailure(e, state) {
      console.warn('the session could not be stored; a reload will start a new one:', e);
      remove(db, state);
    },
  });
  // A lazy save (an acknowledgement) must not be lost with the page.
  addEventListener('pagehide', () => writes.flush());
  document.addEventListener('visibilitychange', () => { if (document.visibilityState === 'hidden') writes.flush(); });
  return {
    record,
    /**
     * Stores `state` and `change` (or null), the change to the text since the last save;
     * `text()` reads the text after it (only called to write a snapshot). Saves made while
     * a write is in flight go together in the next one; a `lazy` save (only where the
     * session stands) waits for the next save or a moment. Resolves to true once written.
     */
    save(state, change, text, lazy = false) {
      return writes.save(state, change, text, lazy);
    },
  };
}

function freshRecord(docId, clientId) {
  return {
    clientId, docId, nextSeq: 1, version: null, text: '',
    inFlight: null, buffer: null, submission: null, counts: [0, 0], limits: null,
  };
}

function valid(r) {
  return r && typeof r.docId === 'string' && typeof r.clientId === 'string' && Number.isInteger(r.nextSeq)
    && (r.version === null || Number.isInteger(r.version))
    && Array.isArray(r.counts) && (r.submission === null || Number.isInteger(r.submission.seq));
}

function rank(r, own) {
  if (r.clientId === own) return 3;
  return r.submission || r.inFlight ? 2 : 1;
}

/**
 * Takes the Web Lock of (docId, clientId) for the rest of the page's life; true when taken.
 * Without Web Locks (an insecure context) only this tab's own session or a new id is used.
 */
async function claim(docId, clientId, retries, fresh = false) {
  if (!navigator.locks) return fresh || clientId === sessionStorage.getItem(TAB + docId);
  for (let attempt = 0; attempt < retries; attempt++) {
    const taken = await new Promise((resolve) => {
      navigator.locks.request(`coedit:${docId}:${clientId}`, { ifAvailable: true }, (lock) => {
        resolve(lock !== null);
        return lock ? new Promise(() => {}) : null;
      }).catch(() => resolve(false));
    });
    if (taken) return true;
    await new Promise((r) => setTimeout(r, 100));
  }
  return false;
}

function newClientId() {
  const bytes = crypto.getRandomValues(new Uint8Array(9));
  return 'c' + Array.from(bytes, (b) => b.toString(36).padStart(2, '0')).join('').slice(0, 15);
}
