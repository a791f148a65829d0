// The status words (status.js): plain language, and the same words for the same situation.

import { test, mock } from 'node:test';
import assert from 'node:assert/strict';
import { describe, statusView } from '../../src/resources/public/status.js';

test('the status says what happened to the changes, in plain words', () => {
  assert.equal(describe({ state: 'online', pending: 0, ready: true }), 'Saved');
  assert.equal(describe({ state: 'online', pending: 3, ready: true }), 'Saving…');
  assert.equal(describe({ state: 'syncing', pending: 0, ready: true }), 'Connecting…');
  assert.equal(describe({ state: 'syncing', pending: 0, ready: false }), 'Connecting…');
  assert.equal(describe({ state: 'offline', pending: 0, ready: true }), 'Offline');
  assert.equal(describe({ state: 'offline', pending: 1, ready: true }), 'Offline: 1 change kept on this device');
  assert.equal(describe({ state: 'offline', pending: 3, ready: true }), 'Offline: 3 changes kept on this device');
});

test('a reader is told the document is read-only once it is up to date', () => {
  assert.equal(describe({ state: 'online', pending: 0, ready: true, readOnly: true }), 'Up to date (read-only)');
  assert.equal(describe({ state: 'syncing', pending: 0, ready: true, readOnly: true }), 'Connecting…');
  assert.equal(describe({ state: 'offline', pending: 0, ready: true, readOnly: true }), 'Offline');
  // Edits made before the token turned read-only are still on their way (the server refuses them).
  assert.equal(describe({ state: 'online', pending: 2, ready: true, readOnly: true }), 'Saving…');
});

test('"Saving…" shows only once a save takes a moment: quick saves while typing never show it', (t) => {
  mock.timers.enable({ apis: ['setTimeout'] });
  let now = 0;
  const realPerformance = globalThis.performance;
  Object.defineProperty(globalThis, 'performance', { value: { now: () => now }, configurable: true, writable: true });
  t.after(() => {
    mock.timers.reset();
    Object.defineProperty(globalThis, 'performance', { value: realPerformance, configurable: true, writable: true });
  });
  const wait = (ms) => { now += ms; mock.timers.tick(ms); };
  const element = { textContent: 'Connecting…', dataset: {} };
  const button = { hidden: false };
  const show = statusView(element, button);
  const online = (pending) => show({ state: 'online', pending, ready: true });

  online(0);
  assert.deepEqual([element.textContent, element.dataset.state, element.dataset.readOnly, button.hidden],
    ['Saved', 'online', 'false', true]);
  for (let i = 0; i < 30; i++) { // typing: every save acknowledged within 100 ms, for 6 s
    online(1);
    wait(100);
    assert.equal(element.textContent, 'Saved');
    online(0);
    wait(100);
  }
  online(1); // a save that takes a while
  wait(799);
  assert.equal(element.textContent, 'Saved');
  wait(1);
  assert.equal(element.textContent, 'Saving…');
  online(0);
  assert.equal(element.textContent, 'Saved');
  show({ state: 'offline', pending: 2, ready: true });
  assert.deepEqual([element.textContent, element.dataset.state, button.hidden],
    ['Offline: 2 changes kept on this device', 'offline', false]);
});
