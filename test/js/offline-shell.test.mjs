// The service worker (src/resources/public/sw.js) must keep every file the page loads,
// or a reload while the server is unreachable fails on the missing module.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';

const dir = new URL('../../src/resources/public/', import.meta.url);

test('the offline shell lists every page file', () => {
  const sw = readFileSync(new URL('sw.js', dir), 'utf8');
  const shell = JSON.parse(sw.match(/const SHELL = (\[[^\]]*\])/)[1].replace(/'/g, '"'));
  const files = readdirSync(dir).filter((f) => /\.(js|css)$/.test(f) && f !== 'sw.js');
  assert.deepEqual([...shell].filter((f) => f !== './').sort(), files.sort());
  assert.ok(shell.includes('./'), 'the page itself');
});
