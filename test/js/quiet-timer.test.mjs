// afterQuiet (src/resources/public/quiet-timer.js): one timer, run once events stop.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { afterQuiet } from '../../src/resources/public/quiet-timer.js';

test('runs once, delay after the last event, with one timer at a time', () => {
  let now = 0;
  const timers = [];
  let runs = 0;
  const poke = afterQuiet(1000, () => { runs += 1; }, {
    now: () => now,
    schedule: (fn, ms) => { timers.push({ fn, at: now + ms }); },
  });
  const advance = (to) => {
    now = to;
    for (let t; (t = timers.find((x) => x.at <= now));) {
      timers.splice(timers.indexOf(t), 1);
      t.fn();
    }
  };
  for (let t = 0; t <= 3000; t += 100) { // an event every 100 ms for 3 s
    advance(t);
    poke();
    assert.ok(timers.length <= 1, 'one timer at a time');
  }
  assert.equal(runs, 0, 'not while events keep coming');
  advance(3999);
  assert.equal(runs, 0);
  advance(4000);
  assert.equal(runs, 1, 'delay after the last event');
  advance(10000);
  assert.equal(runs, 1, 'once');
  poke();
  advance(11000);
  assert.equal(runs, 2, 'and again after the next event');
});
