// A document session kept in localStorage, so a reload (also while offline) keeps the
// client id, the text, the unacknowledged edits, the in-flight submission and the next seq.
//
// One record per (document, client id): `coedit.v1.<docId>.<clientId>`. A tab owns the
// record it opened through a Web Lock held for its lifetime, so two tabs never share a
// client id (they would otherwise number their submissions independently and could send
// different content under one seq). A tab that reloads finds its own record again through
// sessionStorage; a new tab adopts a record nobody holds (preferring one with unsent work)
// or starts a new client id.
//
// A record, as saved:
//   {clientId, docId, nextSeq, version, text, inFlight, buffer, submission, counts}
//   version     the last server version integrated; null before the first join
//   text        the local text (the server's at `version` plus inFlight, then buffer)
//   inFlight    the in-flight change as transformed so far (null: none), buffer likewise
//   submission  {seq, version, edits} exactly as first sent (or to be sent); resent unchanged
//   nextSeq     the next unused seq; a seq is taken in the same write that stores its submission
//   counts      [local edits in flight, local edits in the buffer], for the status

const PREFIX = 'coedit.v1.';
const ME = 'coedit.me';
const TAB = 'coedit.tab.';

/**
 * Opens the session of `docId` for this tab: resolves to {record, save(record)}. `save`
 * returns false when the record could not be written; the record is then removed, so a
 * reload starts under a new client id instead of reusing seqs.
 */
export async function openSession(docId) {
  const own = sessionStorage.getItem(TAB + docId);
  const records = listRecords(docId);
  // Our own record first (a reload: its lock may take a moment to be released), then
  // orphans with unacknowledged work, then any orphan, else a new client id.
  const candidates = [...records].sort((a, b) => rank(b, own) - rank(a, own));
  for (const r of candidates) {
    const retries = r.clientId === own ? 10 : 1;
    if (await claim(docId, r.clientId, retries)) return session(docId, r);
  }
  for (;;) {
    const clientId = newClientId();
    if (await claim(docId, clientId, 1)) return session(docId, freshRecord(docId, clientId));
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

function session(docId, record) {
  sessionStorage.setItem(TAB + docId, record.clientId);
  const key = PREFIX + docId + '.' + record.clientId;
  return {
    record,
    save(next) {
      try {
        localStorage.setItem(key, JSON.stringify(next));
        return true;
      } catch {
        localStorage.removeItem(key);
        return false;
      }
    },
  };
}

function freshRecord(docId, clientId) {
  return {
    clientId, docId, nextSeq: 1, version: null, text: '',
    inFlight: null, buffer: null, submission: null, counts: [0, 0],
  };
}

function listRecords(docId) {
  const out = [];
  const prefix = PREFIX + docId + '.';
  for (let i = 0; i < localStorage.length; i++) {
    const key = localStorage.key(i);
    if (!key || !key.startsWith(prefix)) continue;
    try {
      const r = JSON.parse(localStorage.getItem(key));
      if (valid(r, docId, key.slice(prefix.length))) out.push(r);
      else localStorage.removeItem(key);
    } catch {
      localStorage.removeItem(key);
    }
  }
  return out;
}

function valid(r, docId, clientId) {
  return r && r.docId === docId && r.clientId === clientId && Number.isInteger(r.nextSeq)
    && typeof r.text === 'string' && (r.version === null || Number.isInteger(r.version))
    && Array.isArray(r.counts) && (r.submission === null || Number.isInteger(r.submission.seq));
}

function rank(r, own) {
  if (r.clientId === own) return 3;
  return r.submission ? 2 : 1;
}

/**
 * Takes the Web Lock of (docId, clientId) for the rest of the page's life; true when taken.
 * Without Web Locks (an insecure context) only this tab's own record or a new id is used.
 */
async function claim(docId, clientId, retries) {
  if (!navigator.locks) return clientId === sessionStorage.getItem(TAB + docId) || !localStorage.getItem(PREFIX + docId + '.' + clientId);
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
