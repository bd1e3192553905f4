import assert from 'node:assert/strict';
import { test } from 'node:test';

import { Status } from '../../main/resources/static/server/connection.js';
import { describeConnection } from '../../main/resources/static/ui/status.js';

const state = (changes) => ({ status: Status.STOPPED, rttMs: null, retryInMs: null, retryAt: null, ...changes });

test('showsTheRoundTripOnceConnected', () => {
  assert.deepEqual(describeConnection(state({ status: Status.CONNECTED, rttMs: 12 }), 0),
    { label: 'Connected', detail: '12 ms', detailPrefix: 'round trip ' });
  assert.equal(describeConnection(state({ status: Status.CONNECTED }), 0).detail, '');
  assert.equal(describeConnection(state({ status: Status.CONNECTED, rttMs: 0 }), 0).detail, '< 1 ms');
});

test('countsDownToTheNextReconnectAttemptInWholeSeconds', () => {
  const reconnecting = state({ status: Status.RECONNECTING, retryInMs: 30_000, retryAt: 31_000 });
  assert.equal(describeConnection(reconnecting, 1_000).detail, 'in 30 s');
  assert.equal(describeConnection(reconnecting, 29_500).detail, 'in 2 s');
  assert.equal(describeConnection(reconnecting, 31_000).detail, 'now…');
  assert.equal(describeConnection(reconnecting, 1_000).label, 'Reconnecting');
});

test('namesTheOtherStates', () => {
  assert.equal(describeConnection(state({ status: Status.CONNECTING }), 0).label, 'Connecting…');
  assert.equal(describeConnection(state({ status: Status.STOPPED }), 0).label, 'Disconnected');
});
