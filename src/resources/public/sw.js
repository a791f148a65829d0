// Keeps the page itself available offline, so a reload while the server is unreachable
// still opens the editor with its stored session (storage.js). Network first: when the
// server answers, its files are used and remembered; when it does not, the remembered
// ones are. The API and the live socket are never touched.

const CACHE = 'coedit-shell-v7';
const SHELL = ['./', 'style.css', 'app.js', 'ot.js', 'op-tree.js', 'codepoints.js', 'client-state.js', 'connection.js',
  'socket.js', 'servers.js', 'storage.js', 'group-commit.js', 'presence.js', 'editor.js', 'cursors.js', 'rope.js', 'split.js', 'undo.js',
  'colours.js', 'ids.js', 'quiet-timer.js', 'status.js', 'people.js', 'history-view.js', 'mirror.js'];
// Built by bin/setup.sh (esbuild); absent in a no-build checkout, where the page uses the textarea.
const BUILT = ['codemirror.js'];

self.addEventListener('install', (event) => {
  event.waitUntil(caches.open(CACHE)
    .then((c) => c.addAll(SHELL).then(() => Promise.all(BUILT.map((f) => c.add(f).catch(() => {})))))
    .then(() => self.skipWaiting()));
});

self.addEventListener('activate', (event) => {
  event.waitUntil(caches.keys()
    .then((keys) => Promise.all(keys.filter((k) => k !== CACHE).map((k) => caches.delete(k))))
    .then(() => self.clients.claim()));
});

self.addEventListener('fetch', (event) => {
  const url = new URL(event.request.url);
  if (event.request.method !== 'GET' || url.origin !== location.origin || url.pathname.startsWith('/api/')) return;
  // One entry per path: "/?doc=a" and "/?doc=b" are the same page.
  const key = new Request(url.origin + url.pathname);
  event.respondWith(fetch(event.request).then((response) => {
    if (response.ok) {
      const copy = response.clone();
      event.waitUntil(caches.open(CACHE).then((c) => c.put(key, copy)));
    }
    return response;
  }).catch(async () => (await caches.match(key)) ?? Response.error()));
});
