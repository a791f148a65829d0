// The demo page: opens the document named in the URL (?doc=NAME or #NAME), binds the
// textarea to its live session, and shows the status, who is here and where they are.
//
// On a server that requires tokens, open the page as ?doc=NAME#token=JWT: the token is
// taken from the fragment (never sent in a URL) and removed from the address bar. When it
// is about to expire the page asks the application for a new one through a documented
// hook: `window.coeditAuth = { refresh: () => Promise<string> }` (README, "Security").

import { bindEditor } from './editor.js';
import { connect } from './connection.js';
import { drawCursors } from './cursors.js';
import { clusterNodes } from './servers.js';
import { loadIdentity, openSession, saveIdentity } from './storage.js';

const PALETTE = ['#e6194b', '#3cb44b', '#4363d8', '#f58231', '#911eb4', '#0f9ea8', '#f032e6', '#9a6324', '#808000', '#000075'];
const $ = (selector) => document.querySelector(selector);

const fragmentToken = takeToken();
const docId = pickDocument();
document.title = `${docId} · coedit`;
$('#doc').value = docId;
const me = loadIdentity(() => ({
  name: `Guest ${100 + Math.floor(Math.random() * 900)}`,
  colour: PALETTE[Math.floor(Math.random() * PALETTE.length)],
}));
$('#name').value = me.name;
$('#colour').value = me.colour;
const handle = { docId, offlineReady: false };
window.coedit = handle;
keepOffline();

const store = await openSession(docId);
const textarea = $('#editor');
const mirror = $('#cursors');
textarea.value = store.record.text;
let peers = {};
let session = null;

const editor = bindEditor(textarea, {
  onLocal: (change) => { session.edit(change); redraw(); },
  onSelect: (selection) => session?.select(selection),
});
session = connect({
  url: clusterNodes().urls, // this server, then the other nodes of its cluster if it goes away
  store,
  name: me.name,
  colour: me.colour,
  beforeRemote: () => editor.flush(),
  onRemote: (change, text) => { editor.applyRemote(change, text); redraw(); },
  onReplace: (text) => { editor.replaceAll(text); redraw(); },
  onStatus: showStatus,
  // Only with a token (or the application's hook): an open server is joined as before.
  getToken: fragmentToken || window.coeditAuth ? nextToken : undefined,
  onPeers: (next) => { peers = next; showPeople(); redraw(); },
  onError: (e) => notice(e.code === 'replaced'
    ? 'This document was opened elsewhere with this session; reload to continue here.'
    : e.code === 'forbidden' ? `No access: ${e.error}` : e.error),
});
Object.assign(handle, { session, editor });
showPeople();

for (const input of ['#name', '#colour']) {
  $(input).addEventListener('change', () => {
    me.name = [...$('#name').value.trim()].slice(0, 64).join('');
    if (/^#[0-9a-f]{6}$/i.test($('#colour').value)) me.colour = $('#colour').value;
    saveIdentity(me);
    session.identify(me.name, me.colour);
    showPeople();
  });
}
// Offline, a click on the status retries at once instead of waiting out the backoff.
$('#status').addEventListener('click', () => session.reconnect());
textarea.addEventListener('scroll', () => { mirror.scrollTop = textarea.scrollTop; mirror.scrollLeft = textarea.scrollLeft; });
addEventListener('resize', redraw);
new ResizeObserver(redraw).observe(textarea);

/** The `#token=...` of the URL, removed from the address bar (and so from history); null when none. */
function takeToken() {
  if (!location.hash.startsWith('#token=')) return null;
  const token = new URLSearchParams(location.hash.slice(1)).get('token');
  history.replaceState(null, '', location.pathname + location.search);
  return token || null;
}

/** The page's token first, then whatever the application's hook hands out. */
let tokenUsed = false;
async function nextToken() {
  if (!tokenUsed && fragmentToken) {
    tokenUsed = true;
    return fragmentToken;
  }
  if (window.coeditAuth?.refresh) return window.coeditAuth.refresh();
  notice('Your access has expired: open the page again with a fresh #token=…');
  return null;
}

/** The document id from the URL, made valid; a new random one when there is none. */
function pickDocument() {
  const asked = new URLSearchParams(location.search).get('doc') ?? decodeURIComponent(location.hash.slice(1));
  let id = (asked || '').trim().replace(/\s+/g, '-').replace(/[^A-Za-z0-9._~-]/g, '').slice(0, 128);
  if (!id) id = `notes-${Math.random().toString(36).slice(2, 8)}`;
  if (id !== asked || location.hash) history.replaceState(null, '', `?doc=${id}`);
  return id;
}

function showStatus({ state, pending, ready, readOnly }) {
  const status = $('#status');
  status.textContent = `${state} · ${readOnly ? 'read-only' : `${pending} pending`}`;
  status.dataset.state = state;
  status.dataset.pending = String(pending);
  status.dataset.readOnly = String(Boolean(readOnly));
  status.title = state === 'offline' ? 'Not connected: click to retry now' : readOnly ? 'You can read this document but not edit it' : '';
  textarea.readOnly = !ready || Boolean(readOnly);
  textarea.placeholder = ready ? 'Start typing…' : 'Loading…';
}

function showPeople() {
  const items = [person({ clientId: store.record.clientId, name: me.name, colour: me.colour }, true)];
  const others = Object.values(peers).sort((a, b) => (a.name || '').localeCompare(b.name || ''));
  for (const p of others) items.push(person(p, false));
  $('#people').replaceChildren(...items);
}

function person(p, isMe) {
  const li = document.createElement('li');
  li.dataset.clientId = p.clientId;
  if (isMe) li.className = 'me';
  const swatch = document.createElement('span');
  swatch.className = 'swatch';
  swatch.style.backgroundColor = p.colour;
  const name = document.createElement('span');
  name.className = 'name';
  name.textContent = (p.name || 'anonymous') + (isMe ? ' (you)' : '');
  li.append(swatch, name);
  return li;
}

let frame = 0;
function redraw() {
  if (frame) return;
  frame = requestAnimationFrame(() => {
    frame = 0;
    drawCursors(mirror, textarea, textarea.value, peers);
  });
}

let noticeTimer = 0;
function notice(text) {
  const el = $('#notice');
  el.textContent = text;
  el.hidden = false;
  clearTimeout(noticeTimer);
  noticeTimer = setTimeout(() => { el.hidden = true; }, 8000);
}

/** Registers the service worker that keeps the page loadable while the server is unreachable. */
function keepOffline() {
  if (!('serviceWorker' in navigator)) return;
  navigator.serviceWorker.register('sw.js').catch((e) => console.warn('no offline support:', e));
  navigator.serviceWorker.ready.then(() => { handle.offlineReady = true; });
}
