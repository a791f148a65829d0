// Failing over between the nodes of a cluster in the browser: socket.js moves on to the next
// server whenever a connection ends (at once after 1012), and servers.js follows the nodes
// the cluster lists, the page's own first.
import { test } from 'node:test';
import assert from 'node:assert/strict';

class FakeSocket {
  static all = [];
  static OPEN = 1;
  constructor(url) {
    this.url = url;
    this.readyState = 0;
    FakeSocket.all.push(this);
  }
  send() {}
  close() { this.readyState = 3; }
  accept() { this.readyState = 1; this.onopen?.(); }
  drop(code) { this.readyState = 3; this.onclose?.({ code, reason: '' }); }
}
globalThis.WebSocket = FakeSocket;
globalThis.addEventListener = () => {};
globalThis.removeEventListener = () => {};
const { keepConnected } = await import('../../src/resources/public/socket.js');
const { clusterNodes, liveUrl } = await import('../../src/resources/public/servers.js');

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const latest = () => FakeSocket.all[FakeSocket.all.length - 1];

test('a lost connection moves on to the next node; 1012 reconnects at once, anything else after the backoff', async () => {
  const nodes = ['ws://a/api/live', 'ws://b/api/live', 'ws://c/api/live'];
  const opened = [];
  const s = keepConnected({ url: () => nodes, onOpen: () => opened.push(s.server()), onMessages() {}, onDown() {} });
  assert.equal(latest().url, 'ws://a/api/live', 'the page\'s own node first');
  latest().accept();
  latest().drop(1012); // a stops: rolling restart
  await sleep(5);
  assert.equal(latest().url, 'ws://b/api/live', 'at once, to the next node');
  latest().accept();
  s.connected();
  const before = FakeSocket.all.length;
  latest().drop(1006); // b killed
  await sleep(20);
  assert.equal(FakeSocket.all.length, before, 'a dropped connection waits out the backoff');
  await sleep(400);
  assert.equal(latest().url, 'ws://c/api/live');
  latest().drop(1006); // c refuses too: round robin back to a
  await sleep(700);
  assert.equal(latest().url, 'ws://a/api/live');
  assert.deepEqual(opened, ['ws://a/api/live', 'ws://b/api/live']);
  s.close();
});

test('one URL is always that URL', async () => {
  const s = keepConnected({ url: 'ws://only/api/live', onOpen() {}, onMessages() {}, onDown() {} });
  latest().drop(1012);
  await sleep(5);
  assert.equal(latest().url, 'ws://only/api/live');
  s.close();
});

test('the nodes come from /api/nodes of whichever node answers, the page\'s own first while listed', async () => {
  const answers = {
    'http://a:1/api/nodes': { nodes: ['http://b:2', 'http://a:1', 'http://c:3'] },
  };
  const asked = [];
  const fetchImpl = async (url) => {
    asked.push(url);
    if (!answers[url]) throw new TypeError('connection refused');
    return { ok: true, json: async () => answers[url] };
  };
  const n = clusterNodes('http://a:1', { fetchImpl, every: 60_000 });
  assert.deepEqual(n.urls(), ['ws://a:1/api/live'], 'before any answer: its own node');
  await sleep(5);
  assert.deepEqual(n.urls(), ['ws://a:1/api/live', 'ws://b:2/api/live', 'ws://c:3/api/live']);
  // a goes away: b answers, without a.
  delete answers['http://a:1/api/nodes'];
  answers['http://b:2/api/nodes'] = { nodes: ['http://b:2', 'http://c:3'] };
  await n.refresh();
  assert.deepEqual(n.urls(), ['ws://b:2/api/live', 'ws://c:3/api/live']);
  assert.deepEqual(asked.slice(-2), ['http://a:1/api/nodes', 'http://b:2/api/nodes']);
  assert.equal(liveUrl('https://x:8/'), 'wss://x:8/api/live');
  n.close();
});
