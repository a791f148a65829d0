// The demo page: opens the document named in the URL (?doc=NAME, any Unicode name,
// percent-encoded), binds an editor to its live session (CodeMirror when its bundle is
// built, else the plain textarea; ?editor=textarea forces the latter), and shows the
// status, who is here, recent documents, the history, and the ways to share and download.
//
// On a server that requires tokens, open the page as ?doc=NAME#token=JWT: the token is
// taken from the fragment (never sent in a URL) and removed from the address bar. When it
// is about to expire the page asks the application for a new one through a documented
// hook: `window.coeditAuth = { refresh: () => Promise<string> }` (README, "Security").

import { bindEditor } from './editor.js';
import { connect } from './connection.js';
import { cursorLayer } from './cursors.js';
import { historyView } from './history-view.js';
import { apiPath, fileName, normalise, pageUrl, problem } from './ids.js';
import { people, showPeople } from './people.js';
import { Rope } from './rope.js';
import { clusterNodes } from './servers.js';
import { statusView } from './status.js';
import { loadIdentity, openSession, recentDocuments, rememberDocument, saveIdentity } from './storage.js';

// Darker than the classic 10-colour palette, so a caret shows on the page; name flags
// pick black or white text for contrast (colours.js).
const PALETTE = ['#d62246', '#2e8540', '#3b5bdb', '#d9480f', '#8e44ad', '#0b7285', '#c2255c', '#8a5a00', '#5c940d', '#1c2e8c'];
const $ = (selector) => document.querySelector(selector);

const plainEditor = new URLSearchParams(location.search).get('editor') === 'textarea';
const fragmentToken = takeToken(); // before pickDocument, which reads the fragment as a name
let tokenUsed = false;
let lastToken = null; // the latest token handed to the session, for the history's requests
const docId = pickDocument();
document.title = `${docId} · coedit`;
$('#doc').value = docId;
// Back/forward may restore the page with whatever was typed in the field: show this page's document.
addEventListener('pageshow', () => { $('#doc').value = docId; });
const me = loadIdentity(() => ({
  name: `Guest ${100 + Math.floor(Math.random() * 900)}`,
  colour: PALETTE[Math.floor(Math.random() * PALETTE.length)],
}));
$('#name').value = me.name;
$('#colour').value = me.colour;
const handle = { docId, offlineReady: false };
window.coedit = handle;
keepOffline();
rememberDocument(docId);
showRecent();

const store = await openSession(docId);
let session = null;
let peers = {};
const showStatus = statusView($('#status'), $('#retry'));
const editor = await bindBestEditor(store.record.text);
let readOnly = true;

session = connect({
  url: clusterNodes().urls, // this server, then the other nodes of its cluster if it goes away
  store,
  name: me.name,
  colour: me.colour,
  beforeRemote: () => editor.flush(),
  onRemote: (change, rope) => editor.applyRemote(change, rope),
  onStatus: (status) => {
    showStatus(status);
    const locked = !status.ready || Boolean(status.readOnly);
    if (locked !== readOnly) { readOnly = locked; editor.setReadOnly(readOnly); }
  },
  // Only with a token (or the application's hook): an open server is joined as before.
  getToken: fragmentToken || window.coeditAuth ? nextToken : undefined,
  onPeers: (next) => { peers = next; showHere(); editor.setPeers(peers); },
  onError: (e) => notice(e.code === 'replaced'
    ? 'This document was opened with this session in another tab; reload to continue here.'
    : e.code === 'forbidden' ? `No access: ${e.error}`
      : e.code === 'reverted' || e.code === 'dropped' ? e.error : `The server said: ${e.error}`, e.code),
});
Object.assign(handle, { session, editor });
showHere();

for (const input of ['#name', '#colour']) {
  $(input).addEventListener('change', () => {
    me.name = [...$('#name').value.trim()].slice(0, 64).join('');
    if (/^#[0-9a-f]{6}$/i.test($('#colour').value)) me.colour = $('#colour').value;
    saveIdentity(me);
    session.identify(me.name, me.colour);
    showHere();
  });
}
$('#retry').addEventListener('click', () => session.reconnect());
$('#open').addEventListener('submit', (ev) => {
  ev.preventDefault();
  const id = normalise($('#doc').value);
  const why = problem(id);
  $('#doc-problem').textContent = why ?? '';
  $('#doc-problem').hidden = !why;
  if (why) return;
  if (id !== docId) location.assign(pageUrl(id));
});
$('#copy-link').addEventListener('click', copyLink);
$('#download').addEventListener('click', download);
const historyDialog = historyView({
  dialog: $('#history'), slider: $('#history-version'), label: $('#history-label'), meta: $('#history-meta'), text: $('#history-text'),
}, apiPath(docId), () => (lastToken ? { Authorization: `Bearer ${lastToken}` } : {}));
$('#show-history').addEventListener('click', () => historyDialog.open());

/** The `#token=...` of the URL, removed from the address bar (and so from history); null when none. */
function takeToken() {
  if (!location.hash.startsWith('#token=')) return null;
  const token = new URLSearchParams(location.hash.slice(1)).get('token');
  history.replaceState(null, '', location.pathname + location.search);
  return token || null;
}

/** The page's token first, then whatever the application's hook hands out. */
async function nextToken() {
  if (!tokenUsed && fragmentToken) {
    tokenUsed = true;
    lastToken = fragmentToken;
    return fragmentToken;
  }
  if (window.coeditAuth?.refresh) {
    lastToken = await window.coeditAuth.refresh();
    return lastToken;
  }
  notice('Your access has expired: open the page again with a fresh #token=…');
  return null;
}

/** The document id from the URL (normalised, never rewritten otherwise); a new random one when there is none. */
function pickDocument() {
  const params = new URLSearchParams(location.search);
  let asked = params.get('doc');
  if (asked === null && location.hash.length > 1) {
    try { asked = decodeURIComponent(location.hash.slice(1)); } catch { asked = location.hash.slice(1); }
  }
  let id = asked === null ? '' : normalise(asked);
  const why = id === '' ? null : problem(id);
  if (why) {
    $('#doc-problem').textContent = `“${asked}” cannot be a document name: ${why} A new document was opened instead.`;
    $('#doc-problem').hidden = false;
  }
  if (id === '' || why) id = `notes-${Math.random().toString(36).slice(2, 8)}`;
  const canonical = `?doc=${encodeURIComponent(id)}${plainEditor ? '&editor=textarea' : ''}`;
  if (location.search !== canonical || location.hash) history.replaceState(null, '', canonical);
  return id;
}

/** CodeMirror from its bundle when it was built (and not switched off), else the textarea. */
async function bindBestEditor(text) {
  const callbacks = {
    rope: () => (session ? session.rope() : Rope.of(text)),
    onLocal: (change) => session.edit(change),
    onSelect: (selection) => session?.select(selection),
    onUndo: () => { const c = readOnly ? null : session?.undo(); if (c) editor.applyLocal(c); },
    onRedo: () => { const c = readOnly ? null : session?.redo(); if (c) editor.applyLocal(c); },
  };
  if (!plainEditor) {
    try {
      const { bindCodeMirror } = await import('./codemirror.js');
      $('#editor').remove();
      $('#cursors').remove();
      handle.kind = 'codemirror';
      return bindCodeMirror($('#paper'), callbacks);
    } catch (e) {
      console.info('CodeMirror bundle not available, using the plain editor:', e.message);
    }
  }
  handle.kind = 'textarea';
  const textarea = $('#editor');
  textarea.value = text;
  const layer = cursorLayer($('#cursors'), textarea, text);
  const bound = bindEditor(textarea, { ...callbacks, onText: layer.edit });
  let frame = 0;
  const redraw = () => {
    if (frame) return;
    frame = requestAnimationFrame(() => { frame = 0; layer.draw(peers, (cp) => session.rope().utf16At(cp)); });
  };
  textarea.addEventListener('scroll', redraw);
  new ResizeObserver(redraw).observe(textarea);
  return { ...bound, setPeers: redraw };
}

function showHere() {
  const mine = { clientId: store.record.clientId, name: me.name, colour: me.colour };
  showPeople($('#people'), people(mine, peers));
}

function showRecent() {
  $('#recent').replaceChildren(...recentDocuments().slice(0, 12).map(({ docId: id }) => {
    const li = document.createElement('li');
    const a = document.createElement('a');
    a.href = pageUrl(id);
    a.textContent = id;
    if (id === docId) a.setAttribute('aria-current', 'page');
    li.append(a);
    return li;
  }));
}

async function copyLink() {
  const link = new URL(pageUrl(docId), location.href).href;
  try {
    await navigator.clipboard.writeText(link);
  } catch {
    // No clipboard API (an insecure context): copy through a selected field.
    const field = document.createElement('input');
    field.value = link;
    document.body.append(field);
    field.select();
    document.execCommand('copy');
    field.remove();
  }
  handle.copiedLink = link;
  notice(`Link copied: ${link}`);
}

function download() {
  const url = URL.createObjectURL(new Blob([session.text()], { type: 'text/plain;charset=utf-8' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName(docId);
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

let noticeTimer = 0;
/** Shows `text` until dismissed or for 12 s; kind 'reverted'/'dropped' stay until dismissed. */
function notice(text, kind = 'info') {
  const el = $('#notice');
  const words = document.createElement('span');
  words.textContent = text;
  const close = document.createElement('button');
  close.type = 'button';
  close.className = 'secondary';
  close.textContent = 'Dismiss';
  close.addEventListener('click', () => { el.hidden = true; editor.focus(); });
  el.replaceChildren(words, close);
  el.dataset.kind = kind;
  el.hidden = false;
  clearTimeout(noticeTimer);
  if (kind !== 'reverted' && kind !== 'dropped') noticeTimer = setTimeout(() => { el.hidden = true; }, 12_000);
}

/** Registers the service worker that keeps the page loadable while the server is unreachable. */
function keepOffline() {
  if (!('serviceWorker' in navigator)) return;
  navigator.serviceWorker.register('sw.js').catch((e) => console.warn('no offline support:', e));
  navigator.serviceWorker.ready.then(() => { handle.offlineReady = true; });
}
