// The live session (src/resources/public/connection.js) against a scripted server: what
// it sends, when, and what it keeps across a lost connection and a reload.
// invariant: a seq is only ever sent with one content; acks are recognised in the stream.
import { test } from 'node:test';
import assert from 'node:assert/strict';

/** A WebSocket double: the test opens it, reads what the client sent, and pushes frames. */
class FakeSocket {
  static OPEN = 1;
  static all = [];
  constructor(url) {
    this.url = url;
    this.readyState = 0;
    this.sent = [];
    FakeSocket.all.push(this);
  }
  send(text) { this.sent.push(...text.split('\n').map((m) => JSON.parse(m))); }
  close() { this.readyState = 3; }
  // test side
  accept() { this.readyState = 1; this.onopen?.(); }
  push(...messages) { this.onmessage?.({ data: messages.map((m) => JSON.stringify(m)).join('\n') }); }
  drop(code = 1006) { this.readyState = 3; this.onclose?.({ code, reason: '' }); }
  last() { return FakeSocket.all[FakeSocket.all.length - 1]; }
}
globalThis.WebSocket = FakeSocket;
globalThis.addEventListener = () => {};
globalThis.removeEventListener = () => {};
const { connect } = await import('../../src/resources/public/connection.js');
const { apply } = await import('../../src/resources/public/ot.js');

const latest = () => FakeSocket.all[FakeSocket.all.length - 1];
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const ins = (offset, text) => ({ type: 'insert', offset, text });
const del = (offset, length) => ({ type: 'delete', offset, length });

/** The store as connection.js uses it: state and the change since the last save; the text is the changes replayed. */
function memoryStore(record) {
  const store = { record, saved: [], text: record.text };
  store.save = (state, change) => {
    if (change) store.text = apply(store.text, change);
    store.saved.push({ ...structuredClone(state), text: store.text });
    return true;
  };
  store.lastSaved = () => store.saved[store.saved.length - 1];
  return store;
}

function fresh(clientId) {
  return { clientId, docId: 'notes', nextSeq: 1, version: null, text: '', inFlight: null, buffer: null, submission: null, counts: [0, 0] };
}

function open(store, log = {}) {
  log.remote = [];
  log.status = [];
  log.errors = [];
  log.peers = [];
  return connect({
    url: 'ws://test/api/live', store, name: 'Ada', colour: '#e6194b',
    onRemote: (change, rope) => log.remote.push({ change, text: rope.toString() }),
    onStatus: (s) => log.status.push(s),
    onPeers: (p) => log.peers.push(p),
    onError: (e) => log.errors.push(e),
  });
}

test('joins from nothing, submits one change at a time, and transforms what arrives meanwhile', async () => {
  const store = memoryStore(fresh('ada1'));
  const log = {};
  const s = open(store, log);
  const ws = latest();
  ws.accept();
  assert.deepEqual(ws.sent[0], { type: 'join', protocol: 1, docId: 'notes', clientId: 'ada1', name: 'Ada', colour: '#e6194b', fromVersion: null, textOk: false });
  ws.push({ type: 'joined', version: 3, text: 'Hello, world', headVersion: 3, heartbeatMillis: 15000, timeoutMillis: 45000 },
    { type: 'live', version: 3 });
  assert.equal(s.text(), 'Hello, world');
  assert.equal(log.status.at(-1).state, 'online');

  s.edit([ins(12, '!')]);
  s.edit([ins(13, '?')]);
  const submits = ws.sent.filter((m) => m.type === 'submit');
  assert.deepEqual(submits, [{ type: 'submit', seq: 1, version: 3, edits: [ins(12, '!')] }], 'the second edit waits in the buffer');
  assert.equal(log.status.at(-1).pending, 2);

  ws.push({ type: 'entry', version: 4, clientId: 'bo7', seq: 9, edits: [ins(0, '>> ')] });
  assert.equal(s.text(), '>> Hello, world!?');
  assert.deepEqual(log.remote.at(-1).change, [ins(0, '>> ')]);

  // The ack arrives as an entry with our client id and seq: the buffer goes next, rebased.
  ws.push({ type: 'entry', version: 5, clientId: 'ada1', seq: 1, edits: [ins(15, '!')] });
  const next = ws.sent.filter((m) => m.type === 'submit').at(-1);
  assert.deepEqual(next, { type: 'submit', seq: 2, version: 5, edits: [ins(16, '?')] });
  assert.equal(store.lastSaved().submission.seq, 2, 'stored before it was sent');
  ws.push({ type: 'ack', seq: 2, version: 6, edits: [ins(16, '?')] });
  assert.equal(log.status.at(-1).pending, 0);
  ws.push({ type: 'ping' });
  assert.deepEqual(ws.sent.at(-1), { type: 'pong' });
  assert.equal(store.lastSaved().version, 6);
  s.close();
});

test('offline edits wait; on reconnect the same submission is resent unchanged and catch-up transforms it', async () => {
  const store = memoryStore({ ...fresh('ada2'), version: 2, text: 'ab' });
  const log = {};
  const s = open(store, log);
  let ws = latest();
  ws.accept();
  assert.equal(ws.sent[0].fromVersion, 2);
  assert.equal(ws.sent[0].textOk, true, 'nothing pending: the text would do');
  ws.push({ type: 'joined', version: 2, timeoutMillis: 45000 }, { type: 'live', version: 2 });
  s.edit([ins(2, 'c')]);
  assert.deepEqual(ws.sent.at(-1), { type: 'submit', seq: 1, version: 2, edits: [ins(2, 'c')] });
  ws.drop(1001);
  assert.equal(log.status.at(-1).state, 'offline');

  s.edit([ins(3, 'd')]);
  assert.equal(log.status.at(-1).pending, 2);
  assert.deepEqual(store.lastSaved().submission, { seq: 1, version: 2, edits: [ins(2, 'c')] });

  await sleep(400); // the first backoff step is 250 ms ± 20 %
  ws = latest();
  assert.notEqual(ws, FakeSocket.all.at(-2));
  ws.accept();
  assert.equal(ws.sent[0].fromVersion, 2);
  assert.equal(ws.sent[0].textOk, false, 'edits pending: entries are needed');
  ws.push({ type: 'joined', version: 2, timeoutMillis: 45000 });
  assert.deepEqual(ws.sent[1], { type: 'submit', seq: 1, version: 2, edits: [ins(2, 'c')] });
  ws.push({ type: 'entry', version: 3, clientId: 'bo', seq: 1, edits: [ins(0, 'X')] },
    { type: 'ack', seq: 1, version: 4, edits: [ins(3, 'c')] },
    { type: 'live', version: 4 });
  assert.equal(s.text(), 'Xabcd');
  assert.deepEqual(ws.sent.filter((m) => m.type === 'submit').at(-1), { type: 'submit', seq: 2, version: 4, edits: [ins(4, 'd')] });
  s.close();
});

test('edits made before joining are composed into one submission, stored and sent on joining', async () => {
  const store = memoryStore({ ...fresh('ada10'), version: 2, text: 'ab' });
  const log = {};
  const s = open(store, log);
  s.edit([ins(2, 'c')]);
  s.edit([ins(3, 'd')]);
  s.edit([del(0, 1)]);
  assert.equal(log.status.at(-1).pending, 3);
  assert.equal(store.lastSaved().submission, null, 'no seq is taken while offline');
  assert.equal(store.lastSaved().text, 'bcd');
  const ws = latest();
  ws.accept();
  assert.equal(ws.sent[0].textOk, false, 'edits pending: entries are needed');
  ws.push({ type: 'joined', version: 2, timeoutMillis: 45000 });
  const submitted = ws.sent.filter((m) => m.type === 'submit');
  assert.equal(submitted.length, 1, 'one piece, not a first keystroke and the rest');
  assert.deepEqual(apply('ab', submitted[0].edits), 'bcd');
  assert.deepEqual(store.lastSaved().submission, { seq: 1, version: 2, edits: submitted[0].edits }, 'stored as sent');
  ws.push({ type: 'ack', seq: 1, version: 3, edits: submitted[0].edits }, { type: 'live', version: 3 });
  assert.equal(log.status.at(-1).pending, 0);
  assert.equal(s.text(), 'bcd');
  s.close();
});

test('a catch-up frame is taken as runs around our ack; each remote change is reported with the text after it', async () => {
  const store = memoryStore({ ...fresh('ada11'), version: 0, text: 'hello' });
  const log = {};
  const s = open(store, log);
  let ws = latest();
  ws.accept();
  ws.push({ type: 'joined', version: 0, timeoutMillis: 45000 }, { type: 'live', version: 0 });
  s.edit([ins(5, '!')]); // in flight
  ws.drop(1001);
  s.edit([ins(0, '¿')]); // buffered
  await sleep(400);
  ws = latest();
  ws.accept();
  ws.push({ type: 'joined', version: 0, timeoutMillis: 45000 });
  const saves = store.saved.length;
  ws.push({ type: 'entry', version: 1, clientId: 'bo', seq: 1, edits: [ins(0, 'a')] },
    { type: 'entry', version: 2, clientId: 'bo', seq: 2, edits: [ins(1, 'b')] },
    { type: 'entry', version: 3, clientId: 'cy', seq: 1, edits: [ins(7, 'c')] },
    { type: 'ack', seq: 1, version: 4, edits: [ins(8, '!')] },
    { type: 'entry', version: 5, clientId: 'bo', seq: 3, edits: [ins(0, 'd')] },
    { type: 'entry', version: 7, clientId: 'bo', seq: 5, edits: [ins(0, 'e')] });
  assert.deepEqual(log.remote.map((r) => r.text), ['a¿hello!', 'ab¿hello!', 'ab¿helloc!', 'dab¿helloc!']);
  assert.equal(s.text(), 'dab¿helloc!');
  assert.equal(s.info().version, 5, 'integrated up to the gap');
  assert.equal(store.saved.length - saves, 3, 'stored once per run and once for the ack');
  assert.deepEqual(ws.sent.filter((m) => m.type === 'submit').at(-1), { type: 'submit', seq: 2, version: 4, edits: [ins(2, '¿')] });
  assert.notEqual(latest().readyState, 1, 'the gap dropped the connection');
  s.close();
});

test('a reload restores the stored session and resends the stored submission byte for byte', async () => {
  const store = memoryStore(fresh('ada3'));
  const s = open(store);
  let ws = latest();
  ws.accept();
  ws.push({ type: 'joined', version: 0, text: '' }, { type: 'live', version: 0 });
  s.edit([ins(0, 'hi')]);
  s.edit([ins(2, ' there')]);
  s.close();
  // The page reloads: a new session from what was stored.
  const reloaded = memoryStore(store.lastSaved());
  const again = open(reloaded);
  ws = latest();
  ws.accept();
  ws.push({ type: 'joined', version: 0 });
  assert.deepEqual(ws.sent[1], { type: 'submit', seq: 1, version: 0, edits: [ins(0, 'hi')] });
  assert.equal(again.text(), 'hi there');
  ws.push({ type: 'ack', seq: 1, version: 1, edits: [ins(0, 'hi')] });
  assert.deepEqual(ws.sent.at(-1), { type: 'submit', seq: 2, version: 1, edits: [ins(2, ' there')] });
  again.close();
});

test('a submission refused as invalid drops the unacknowledged edits, rejoins from scratch and never reuses its seq', async () => {
  const store = memoryStore(fresh('ada4'));
  const log = {};
  const s = open(store, log);
  let ws = latest();
  ws.accept();
  ws.push({ type: 'joined', version: 0, text: 'abc' }, { type: 'live', version: 0 });
  s.edit([ins(3, '!')]);
  ws.push({ type: 'error', seq: 1, code: 'invalid_change', error: 'edits[0]: nope' });
  assert.equal(log.errors.at(-1).code, 'dropped');
  assert.equal(log.status.at(-1).ready, false, 'no editing until the text is reloaded');
  await sleep(400);
  ws = latest();
  ws.accept();
  assert.equal(ws.sent[0].fromVersion, null);
  ws.push({ type: 'joined', version: 0, text: 'abc' }, { type: 'live', version: 0 });
  assert.equal(s.text(), 'abc');
  s.edit([ins(0, '>')]);
  assert.deepEqual(ws.sent.filter((m) => m.type === 'submit').at(-1).seq, 2);
  s.close();
});

test('an unavailable server gets the same submission again later; presence is mapped through pending edits', async () => {
  const store = memoryStore(fresh('ada5'));
  const log = {};
  const s = open(store, log);
  let ws = latest();
  ws.accept();
  ws.push({ type: 'joined', version: 0, text: 'hello' }, { type: 'live', version: 0 });
  s.edit([ins(0, 'oh ')]);
  s.select({ anchor: 8, head: 8 });
  await sleep(60);
  const sent = ws.sent.filter((m) => m.type === 'presence').at(-1);
  assert.deepEqual(sent.selection, { anchor: 5, head: 5 }, 'our caret in the server text, without our pending insert');
  ws.push({ type: 'error', seq: 1, code: 'unavailable', error: 'try later' });
  await sleep(400);
  ws = latest();
  ws.accept();
  ws.push({ type: 'joined', version: 0 });
  assert.deepEqual(ws.sent[1], { type: 'submit', seq: 1, version: 0, edits: [ins(0, 'oh ')] });
  s.close();
});

test('a silent server is given up after timeoutMillis, and a gap in the stream means catching up again', async () => {
  const store = memoryStore(fresh('ada6'));
  const s = open(store);
  let ws = latest();
  ws.accept();
  ws.push({ type: 'joined', version: 0, text: 'x', timeoutMillis: 100 }, { type: 'live', version: 0 });
  await sleep(1700); // the watchdog looks every second; then one backoff step
  assert.notEqual(latest(), ws, 'reconnected after the heartbeat timeout');
  ws = latest();
  ws.accept();
  assert.equal(ws.sent[0].fromVersion, 0);
  ws.push({ type: 'joined', version: 0, timeoutMillis: 45000 },
    { type: 'entry', version: 2, clientId: 'bo', seq: 1, edits: [ins(0, 'y')] });
  assert.equal(ws.readyState, 3, 'version 1 is missing: the socket is dropped');
  assert.equal(s.text(), 'x', 'nothing applied out of order');
  s.close();
});

test('a change over the message limit goes as several submissions, each under the limit, in order', async () => {
  const store = memoryStore(fresh('ada7'));
  const s = open(store);
  const ws = latest();
  ws.accept();
  ws.push({ type: 'joined', version: 0, text: 'ab', limits: { maxMessageBytes: 1024, maxDocumentLength: 100000 } },
    { type: 'live', version: 0 });
  const big = 'é'.repeat(1500) + '😀'.repeat(100) + '"\n'.repeat(50);
  s.edit([ins(1, big)]);
  const sizes = [];
  let version = 0;
  let server = 'ab';
  for (;;) {
    const sub = ws.sent.filter((m) => m.type === 'submit').at(-1);
    if (sub.seq <= version) break;
    sizes.push(Buffer.byteLength(JSON.stringify(sub)));
    server = apply(server, sub.edits);
    version += 1;
    ws.push({ type: 'ack', seq: sub.seq, version, edits: sub.edits });
    if (!s.info().submission) break;
  }
  assert.ok(sizes.length >= 4, `split into ${sizes.length}`);
  assert.ok(sizes.every((n) => n <= 1024), `every message fits: ${sizes}`);
  assert.equal(server, 'a' + big + 'b', 'the parts, applied in order, are the whole change');
  assert.equal(s.info().pending, 0);
  s.close();
});

test('a submission refused as too large is reverted alone; later edits are kept and sent; nothing is blocked', async () => {
  const store = memoryStore(fresh('ada8'));
  const log = {};
  const s = open(store, log);
  const ws = latest();
  ws.accept();
  ws.push({ type: 'joined', version: 0, text: 'hello' }, { type: 'live', version: 0 });
  s.edit([ins(5, ' HUGE PASTE')]);
  s.edit([ins(0, '> ')]); // buffered while the paste is in flight
  ws.push({ type: 'entry', version: 1, clientId: 'bo', seq: 1, edits: [ins(5, '!')] });
  assert.equal(s.text(), '> hello! HUGE PASTE');
  ws.push({ type: 'error', seq: 1, code: 'too_large', error: 'the document would be over its limit of 10 code points' });
  assert.equal(s.text(), '> hello!', 'exactly the refused change is gone');
  assert.equal(log.errors.at(-1).code, 'reverted');
  assert.match(log.errors.at(-1).error, /over its limit/);
  const next = ws.sent.filter((m) => m.type === 'submit').at(-1);
  assert.deepEqual(next, { type: 'submit', seq: 2, version: 1, edits: [ins(0, '> ')] }, 'the later edit goes on, under a new seq');
  ws.push({ type: 'ack', seq: 2, version: 2, edits: [ins(0, '> ')] });
  s.edit([ins(8, '?')]);
  assert.deepEqual(ws.sent.filter((m) => m.type === 'submit').at(-1), { type: 'submit', seq: 3, version: 2, edits: [ins(8, '?')] });
  assert.equal(store.lastSaved().text, '> hello!?', 'the store followed every change');
  s.close();
});

test('undo takes back only our own typing, over a remote edit, and is sent like any edit', async () => {
  const store = memoryStore(fresh('ada9'));
  const s = open(store);
  const ws = latest();
  ws.accept();
  ws.push({ type: 'joined', version: 0, text: 'ab' }, { type: 'live', version: 0 });
  s.edit([ins(1, 'X')]);
  s.edit([ins(2, 'Y')]);
  ws.push({ type: 'entry', version: 1, clientId: 'bo', seq: 1, edits: [ins(0, 'bo:')] });
  ws.push({ type: 'ack', seq: 1, version: 2, edits: [ins(4, 'X')] });
  assert.equal(s.text(), 'bo:aXYb');
  const undone = s.undo();
  assert.deepEqual(undone, [del(4, 2)]);
  assert.equal(s.text(), 'bo:ab');
  assert.equal(s.redo() !== null, true);
  assert.equal(s.text(), 'bo:aXYb');
  s.close();
});

// ---- authentication (docs/protocol.md, "Authentication") ----

function openWithTokens(store, tokens, log = {}) {
  log.remote = [];
  log.status = [];
  log.errors = [];
  log.asked = 0;
  return connect({
    url: 'ws://test/api/live', store, name: 'Ada', colour: '#e6194b',
    getToken: async () => { log.asked += 1; return tokens.shift() ?? null; },
    onRemote: (change, text) => log.remote.push({ change, text }),
    onStatus: (s) => log.status.push(s),
    onError: (e) => log.errors.push(e),
  });
}

test('joins with a token, refreshes it in band before it expires, and asks again after 4401 keeping pending edits', async () => {
  const store = memoryStore(fresh('ada1'));
  const log = {};
  const s = openWithTokens(store, ['T1', 'T2', 'T3'], log);
  let ws = latest();
  ws.accept();
  await sleep(5);
  assert.equal(ws.sent[0].type, 'join');
  assert.equal(ws.sent[0].token, 'T1');
  ws.push({ type: 'joined', version: 0, text: '', access: 'write', user: 'ada', expiresAt: Date.now() + 600 },
    { type: 'live', version: 0 });
  await sleep(300); // the refresh is due 500 ms before expiry
  assert.deepEqual(ws.sent.filter((m) => m.type === 'auth'), [{ type: 'auth', token: 'T2' }]);
  ws.push({ type: 'authorized', access: 'write', expiresAt: Date.now() + 60_000 });

  s.edit([ins(0, 'a')]);
  ws.push({ type: 'error', code: 'unauthorized', error: 'the token expired' });
  ws.drop(4401);
  s.edit([ins(1, 'b')]); // typed while the session has no connection
  await sleep(400);
  ws = latest();
  ws.accept();
  await sleep(5);
  assert.equal(ws.sent[0].token, 'T3', 'a fresh token after 4401');
  assert.equal(ws.sent[0].fromVersion, 0);
  ws.push({ type: 'joined', version: 0, access: 'write', user: 'ada', expiresAt: Date.now() + 60_000 });
  assert.deepEqual(ws.sent.filter((m) => m.type === 'submit').map((m) => m.seq), [1], 'the in-flight edit is resent unchanged');
  assert.equal(s.text(), 'ab');
  assert.equal(log.status.at(-1).pending, 2);
  s.close();
});

test('an entry under our client id and seq from another user is not our ack', () => {
  const store = memoryStore(fresh('ada1'));
  const s = open(store);
  const ws = latest();
  ws.accept();
  ws.push({ type: 'joined', version: 0, text: '', user: 'ada', access: 'write' }, { type: 'live', version: 0 });
  s.edit([ins(0, 'mine')]);
  ws.push({ type: 'entry', version: 1, clientId: 'ada1', seq: 1, author: 'mallory', edits: [ins(0, 'EVIL')] });
  assert.equal(s.text(), 'EVILmine', 'applied as a remote change');
  assert.equal(s.info().submission.seq, 1, 'still waiting for our own ack');
  ws.push({ type: 'ack', seq: 1, version: 2, edits: [ins(4, 'mine')] });
  assert.equal(s.info().submission, null);
  s.close();
});

test('a rate-limited submission is resent unchanged after the hint, and read-only access is reported', async () => {
  const store = memoryStore(fresh('ada1'));
  const log = {};
  const s = open(store, log);
  const ws = latest();
  ws.accept();
  ws.push({ type: 'joined', version: 0, text: '', access: 'write' }, { type: 'live', version: 0 });
  s.edit([ins(0, 'x')]);
  ws.push({ type: 'error', seq: 1, code: 'rate_limited', error: 'slow down', retryAfterMillis: 30 });
  await sleep(80);
  const submits = ws.sent.filter((m) => m.type === 'submit');
  assert.equal(submits.length, 2);
  assert.deepEqual(submits[1], submits[0]);
  assert.equal(s.text(), 'x', 'nothing was dropped');
  ws.push({ type: 'authorized', access: 'read' });
  assert.equal(log.status.at(-1).readOnly, true);
  s.close();
});

// invariant: a client back from below the history horizon keeps every edit it typed.
test('a join below the history horizon rebases the pending edits onto the text, under a new seq', async () => {
  const store = memoryStore({ ...fresh('ada20'), version: 2, text: 'ab' });
  const log = {};
  const s = open(store, log);
  let ws = latest();
  ws.accept();
  ws.push({ type: 'joined', version: 2, timeoutMillis: 45000 }, { type: 'live', version: 2 });
  ws.drop(1001);
  s.edit([ins(2, 'c')]); // made offline: no seq is taken until a join...
  s.edit([ins(0, 'd')]);
  await sleep(400);
  ws = latest();
  ws.accept();
  assert.equal(ws.sent[0].textOk, false);
  // The server went on to version 90 and compacted everything up to 80; seq 1 never arrived.
  ws.push({ type: 'joined', version: 90, text: 'XXabYY', horizon: 80, lastSeq: null, timeoutMillis: 45000 });
  // Every typed letter is kept; they land after the part the diff replaced (all of 'ab').
  assert.equal(s.text(), 'XXabYYdc');
  const submits = ws.sent.filter((m) => m.type === 'submit');
  assert.equal(submits.length, 1, 'nothing made at version 2 is ever sent');
  assert.equal(submits[0].version, 90);
  ws.push({ type: 'ack', seq: submits[0].seq, version: 91, edits: submits[0].edits }, { type: 'live', version: 91 });
  assert.equal(log.status.at(-1).pending, 0);
  assert.equal(store.text, 'XXabYYdc', 'the stored text follows');
  s.close();
});

test('a compacted join says our in-flight seq got in: only the buffer is rebased', async () => {
  const store = memoryStore({ ...fresh('ada21'), version: 2, text: 'ab' });
  const s = open(store, {});
  let ws = latest();
  ws.accept();
  ws.push({ type: 'joined', version: 2, timeoutMillis: 45000 }, { type: 'live', version: 2 });
  s.edit([ins(2, 'c')]);
  s.edit([ins(0, 'd')]);
  assert.equal(ws.sent.filter((m) => m.type === 'submit').length, 1);
  ws.drop(1001); // the ack of seq 1 is lost with the connection
  await sleep(400);
  ws = latest();
  ws.accept();
  ws.push({ type: 'joined', version: 90, text: 'XXabcYY', horizon: 80, lastSeq: 1, timeoutMillis: 45000 });
  // c is not doubled; d lands after the part the diff replaced (the whole text here: no
  // common prefix or suffix), which is where the diff's coarseness shows.
  assert.equal(s.text(), 'XXabcYYd');
  const submits = ws.sent.filter((m) => m.type === 'submit');
  assert.deepEqual(submits, [{ type: 'submit', seq: 2, version: 90, edits: [ins(7, 'd')] }]);
  s.close();
});

test('a submission refused as history_compacted goes again under a new seq, as transformed since', async () => {
  const store = memoryStore({ ...fresh('ada22'), version: 2, text: 'ab' });
  const log = {};
  const s = open(store, log);
  let ws = latest();
  ws.accept();
  ws.push({ type: 'joined', version: 2, timeoutMillis: 45000 }, { type: 'live', version: 2 });
  s.edit([ins(2, 'c')]);
  ws.push({ type: 'entry', version: 3, clientId: 'bo', seq: 1, edits: [ins(0, 'X')] });
  ws.push({ type: 'error', seq: 1, code: 'history_compacted', error: 'below the horizon' });
  await sleep(400);
  ws = latest();
  ws.accept();
  assert.equal(ws.sent[0].fromVersion, 3);
  ws.push({ type: 'joined', version: 3, timeoutMillis: 45000 });
  assert.deepEqual(ws.sent.filter((m) => m.type === 'submit'), [{ type: 'submit', seq: 2, version: 3, edits: [ins(3, 'c')] }]);
  assert.equal(s.text(), 'Xabc');
  assert.equal(log.errors.filter((e) => e.code === 'dropped').length, 0, 'nothing given up');
  s.close();
});

test('typing at the caret sends no presence: the server and the others move our caret with our text', async () => {
  const store = memoryStore(fresh('ada9'));
  const s = open(store);
  try {
    let ws = latest();
    ws.accept();
    ws.push({ type: 'joined', version: 0, text: 'hello' }, { type: 'live', version: 0 });
    const presences = () => ws.sent.filter((m) => m.type === 'presence');
    s.select({ anchor: 5, head: 5 });
    await sleep(60);
    assert.deepEqual(presences().at(-1), { type: 'presence', version: 0, selection: { anchor: 5, head: 5 } });
    const told = presences().length;

    // Typing: each key moves our caret exactly as the server moves the caret it holds.
    for (const [i, ch] of [...' world'].entries()) {
      s.edit([ins(5 + i, ch)]);
      s.select({ anchor: 6 + i, head: 6 + i });
      await sleep(60);
      const sub = ws.sent.filter((m) => m.type === 'submit').at(-1);
      if (sub && sub.seq === i + 1) ws.push({ type: 'ack', seq: sub.seq, version: sub.version + 1, edits: sub.edits });
    }
    // Someone else types before our caret: both sides move it the same way.
    ws.push({ type: 'entry', version: 7, clientId: 'bo', seq: 1, edits: [ins(0, '> ')] });
    s.select({ anchor: 13, head: 13 });
    await sleep(60);
    assert.equal(s.text(), '> hello world');
    assert.equal(presences().length, told, 'no presence while typing or when others move it');

    // Moving the caret is news.
    s.select({ anchor: 0, head: 2 });
    await sleep(60);
    assert.deepEqual(presences().at(-1), { type: 'presence', version: 7, selection: { anchor: 0, head: 2 } });
    assert.equal(presences().length, told + 1);

    // A new connection is told where we are, even though nothing moved.
    ws.drop(1001);
    await sleep(400);
    ws = latest();
    ws.accept();
    ws.push({ type: 'joined', version: 7 }, { type: 'live', version: 7 });
    assert.deepEqual(ws.sent.filter((m) => m.type === 'presence'), [{ type: 'presence', version: 7, selection: { anchor: 0, head: 2 } }]);
  } finally {
    s.close();
  }
});

test('the page hears about the others only when what it shows of them changes', () => {
  const store = memoryStore(fresh('ada10'));
  const log = {};
  const s = open(store, log);
  try {
    const ws = latest();
    ws.accept();
    ws.push({ type: 'joined', version: 0, text: 'hello' }, { type: 'live', version: 0 });
    const ackLast = () => {
      const sub = ws.sent.filter((m) => m.type === 'submit').at(-1);
      ws.push({ type: 'ack', seq: sub.seq, version: sub.version + 1, edits: sub.edits });
    };
    ws.push({ type: 'presence', clientId: 'bo', name: 'Bo', colour: '#3cb44b', version: 0, selection: { anchor: 2, head: 2 } });
    assert.deepEqual(log.peers.at(-1).bo.selection, { anchor: 2, head: 2 });
    const told = log.peers.length;

    // Typing after Bo's caret, and the acknowledgements: nothing the page shows changes.
    s.edit([ins(5, '!')]);
    ackLast();
    s.edit([ins(6, '?')]);
    ackLast();
    assert.equal(s.text(), 'hello!?');
    assert.equal(log.peers.length, told, 'nothing to redraw');

    // An edit before Bo's caret moves it; its acknowledgement moves nothing more.
    s.edit([ins(0, '> ')]);
    assert.equal(log.peers.length, told + 1);
    assert.deepEqual(log.peers.at(-1).bo.selection, { anchor: 4, head: 4 });
    ackLast();
    assert.equal(log.peers.length, told + 1);

    // Someone's edit after the caret: nothing; a new name, a move and a leave: each told.
    ws.push({ type: 'entry', version: 4, clientId: 'cy', seq: 1, edits: [ins(9, '.')] });
    assert.equal(s.text(), '> hello!?.');
    assert.equal(log.peers.length, told + 1);
    ws.push({ type: 'presence', clientId: 'bo', name: 'Bob', colour: '#3cb44b', version: 4, selection: { anchor: 4, head: 4 } });
    assert.equal(log.peers.at(-1).bo.name, 'Bob');
    ws.push({ type: 'presence', clientId: 'bo', name: 'Bob', colour: '#3cb44b', version: 4, selection: { anchor: 1, head: 4 } });
    assert.deepEqual(log.peers.at(-1).bo.selection, { anchor: 1, head: 4 });
    ws.push({ type: 'leave', clientId: 'bo' });
    assert.deepEqual(log.peers.at(-1), {});
    assert.equal(log.peers.length, told + 4);
  } finally {
    s.close();
  }
});
