import assert from 'node:assert/strict';
import { test } from 'node:test';

import { Poller } from '../../main/resources/static/status/poller.js';
import { FakeClock } from '../../../../platform/web/src/test/js/fake-clock.mjs';

// Lets queued promise callbacks (the end of a task) run.
const settle = () => new Promise((resolve) => setImmediate(resolve));

function counting() {
  const task = async () => { task.calls += 1; };
  task.calls = 0;
  return task;
}

test('refreshesAtOnceAndThenEveryIntervalAfterTheLastRunEnded', async () => {
  const clock = new FakeClock();
  const task = counting();
  new Poller({ task, intervalMs: 5000, clock }).start();
  await settle();
  assert.equal(task.calls, 1);

  clock.advance(4999);
  await settle();
  assert.equal(task.calls, 1);
  clock.advance(1);
  await settle();
  assert.equal(task.calls, 2);
});

test('doesNotRefreshWhilePausedAndRefreshesAtOnceOnResume', async () => {
  const clock = new FakeClock();
  const task = counting();
  const poller = new Poller({ task, intervalMs: 5000, clock });
  poller.start();
  await settle();

  poller.setPaused(true);
  clock.advance(60_000);
  await settle();
  assert.equal(task.calls, 1);
  assert.equal(clock.pendingTimers, 0);

  poller.setPaused(false);
  await settle();
  assert.equal(task.calls, 2);
});

test('startsPausedWithoutRefreshingUntilResumed', async () => {
  const clock = new FakeClock();
  const task = counting();
  const poller = new Poller({ task, clock });
  poller.setPaused(true);
  poller.start();
  await settle();
  assert.equal(task.calls, 0);
  poller.setPaused(false);
  await settle();
  assert.equal(task.calls, 1);
});

test('neverRunsTwoRefreshesAtOnce', async () => {
  const clock = new FakeClock();
  let release;
  let calls = 0;
  const task = () => { calls += 1; return new Promise((resolve) => { release = resolve; }); };
  const poller = new Poller({ task, clock });
  poller.start();
  poller.refreshNow();
  poller.refreshNow();
  assert.equal(calls, 1);
  release();
  await settle();
  assert.equal(clock.pendingTimers, 1, 'one next refresh is scheduled, not three');
});

test('keepsPollingAfterAFailedRefresh', async () => {
  const clock = new FakeClock();
  let calls = 0;
  const task = async () => { calls += 1; throw new Error('server down'); };
  new Poller({ task, intervalMs: 5000, clock }).start();
  await settle();
  clock.advance(5000);
  await settle();
  assert.equal(calls, 2);
});

test('stopEndsTheSchedule', async () => {
  const clock = new FakeClock();
  const task = counting();
  const poller = new Poller({ task, clock });
  poller.start();
  await settle();
  poller.stop();
  clock.advance(60_000);
  await settle();
  assert.equal(task.calls, 1);
});
