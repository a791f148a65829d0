// A WebSocket that keeps coming back: reconnects with exponential backoff and jitter
// (250 ms doubling to 10 s, ±20 %, reset when the session says it is live), gives up on
// a peer that has been silent for `timeoutMillis`, splits frames into JSON messages (handed
// over a frame at a time, so the session can take a run of entries at once), and closes
// when the page is hidden (so the others see us leave at once). Close codes 4000
// (protocol), 4003 (replaced) and 4403 (forbidden) stop it for good.
// Given several servers (the nodes of a cluster, servers.js), it moves on to the next one
// whenever a connection ends or cannot be made; after close code 1012 (the node stops, or
// restarts the document's room) it reconnects at once instead of backing off.

const FIRST_DELAY = 250;
const MAX_DELAY = 10_000;

/**
 * Keeps a connection to `url`: a WebSocket URL, or a function returning the URLs to use in
 * turn (read again at every attempt, so the list may change). `onOpen()` runs on every new
 * connection, `onMessages(msgs)` for each frame's messages in order, `onDown(code, reason)`
 * when a connection ends (after which it reconnects, except after close codes 4000, 4003
 * and 4403: those mean stop for good).
 * Returns {send(msg), isOpen(), drop(why), retryNow(), connected(), setTimeout(ms), close()}.
 */
export function keepConnected({ url, onOpen, onMessages, onDown }) {
  const urls = typeof url === 'function' ? url : () => [url];
  let current = null; // the URL in use, or to try next
  let ws = null;
  let stopped = false;
  let attempt = 0;
  let timer = null;
  let lastHeard = 0;
  let timeoutMillis = 45_000;

  const watchdog = setInterval(() => {
    if (ws && Date.now() - lastHeard > timeoutMillis) drop('heartbeat timeout');
  }, 1000);
  const retryNow = () => { if (!ws && !stopped) { attempt = 0; open(); } };
  const onPageHide = () => { if (ws) drop('page hidden'); };
  const onPageShow = (ev) => { if (ev.persisted) retryNow(); };
  addEventListener('online', retryNow);
  addEventListener('pagehide', onPageHide);
  addEventListener('pageshow', onPageShow);

  function open() {
    clearTimeout(timer);
    timer = null;
    if (stopped || ws) return;
    const list = urls();
    if (current === null || !list.includes(current)) current = list[0];
    let socket;
    try {
      socket = new WebSocket(current);
    } catch (e) {
      console.warn('cannot open', current, e);
      moveOn();
      schedule();
      return;
    }
    ws = socket;
    lastHeard = Date.now();
    socket.onopen = () => {
      lastHeard = Date.now();
      onOpen();
    };
    socket.onmessage = (ev) => {
      lastHeard = Date.now();
      if (typeof ev.data !== 'string') return;
      const messages = [];
      for (const line of ev.data.split('\n')) {
        if (line.trim() === '') continue;
        try {
          messages.push(JSON.parse(line));
        } catch {
          console.warn('not JSON, ignored:', line.slice(0, 200));
        }
      }
      if (messages.length > 0 && ws === socket) onMessages(messages);
    };
    socket.onclose = (ev) => { if (ws === socket) down(ev.code, ev.reason); };
  }

  /** Gives up on the current connection at once (dead peer, broken stream) and reconnects. */
  function drop(why) {
    const socket = ws;
    if (!socket) return;
    socket.onclose = null;
    socket.onmessage = null;
    try { socket.close(1000, why.slice(0, 100)); } catch { /* already closing */ }
    down(1006, why);
  }

  function down(code, reason) {
    ws = null;
    if (code === 4000 || code === 4003 || code === 4403) stopped = true;
    moveOn();
    onDown(code, reason);
    schedule(code === 1012);
  }

  /** The next server: the one in use went away (any server serves any document). */
  function moveOn() {
    const list = urls();
    current = list[(list.indexOf(current) + 1) % list.length];
  }

  function schedule(now = false) {
    if (stopped || timer) return;
    if (now) {
      timer = setTimeout(open, 0);
      return;
    }
    const delay = Math.min(MAX_DELAY, FIRST_DELAY * 2 ** attempt);
    attempt += 1;
    timer = setTimeout(open, delay * (0.8 + 0.4 * Math.random()));
  }

  open();
  return {
    send(message) {
      if (ws && ws.readyState === WebSocket.OPEN) ws.send(JSON.stringify(message));
    },
    isOpen: () => ws !== null && ws.readyState === WebSocket.OPEN,
    /** The server in use (or to be tried next). */
    server: () => current,
    drop,
    /** Connects now instead of waiting out the backoff. */
    retryNow,
    /** The session is established: the next outage starts the backoff from the beginning. */
    connected() { attempt = 0; },
    /** Silence longer than this (the server's timeoutMillis) means the peer is gone. */
    setTimeout(ms) { timeoutMillis = ms; },
    close() {
      stopped = true;
      clearInterval(watchdog);
      clearTimeout(timer);
      removeEventListener('online', retryNow);
      removeEventListener('pagehide', onPageHide);
      removeEventListener('pageshow', onPageShow);
      if (ws) ws.close(1000, 'closed');
      ws = null;
    },
  };
}
