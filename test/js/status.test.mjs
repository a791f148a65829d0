// The status words (status.js): plain language, and the same words for the same situation.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { describe } from '../../src/resources/public/status.js';

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
