import assert from 'node:assert/strict';
import { beforeEach, describe, test } from 'node:test';

import { backoffDelay, ServerConnection, socketUrl, Status } from '../../main/resources/static/server/connection.js';
import { FakeClock } from '../../../../platform/web/src/test/js/fake-clock.mjs';

// Stands in for the browser's WebSocket: records what the client sends and lets the test play
// the server's part.
class FakeSocket {
  static instances = [];

  constructor(url) {
    this.url = url;
    this.sent = [];
    this.closed = false;
    FakeSocket.instances.push(this);
  }

  send(text) { this.sent.push(JSON.parse(text)); }
  close() { this.closed = true; }

  serverOpens() { this.onopen?.({}); }
  serverSends(frame) { this.onmessage?.({ data: typeof frame === 'string' ? frame : JSON.stringify(frame) }); }
  serverCloses(code = 1006) { this.onclose?.({ code }); }
}

const latest = () => FakeSocket.instances.at(-1);
const noJitter = { random: () => 0 };

function connect(clock, options = {}) {
  const connection = new ServerConnection({
    url: 'wss://lanvan.test/ws', WebSocketImpl: FakeSocket, clock, backoff: noJitter, ...options,
  });
  const states = [];
  connection.subscribe((state) => states.push(state));
  connection.start();
  return { connection, states };
}

beforeEach(() => {
  FakeSocket.instances = [];
});

describe('socketUrl', () => {
  test('usesWssWhenThePageCameOverHttps', () => {
    assert.equal(socketUrl({ protocol: 'https:', host: 'lanvan.corp:8443' }), 'wss://lanvan.corp:8443/ws');
  });

  test('usesWsWhenThePageCameOverHttp', () => {
    assert.equal(socketUrl({ protocol: 'http:', host: 'localhost:8080' }), 'ws://localhost:8080/ws');
  });
});

describe('backoffDelay', () => {
  test('doublesFromOneSecondAndStopsAtThirtySeconds', () => {
    const schedule = [0, 1, 2, 3, 4, 5, 6, 20, 2000].map((attempt) => backoffDelay(attempt, noJitter));
    assert.deepEqual(schedule, [1000, 2000, 4000, 8000, 16000, 30000, 30000, 30000, 30000]);
  });

  test('jitterOnlyShortensTheWaitSoTheCapHolds', () => {
    assert.equal(backoffDelay(10, { random: () => 0.999999 }), 24000);
    assert.equal(backoffDelay(10, { random: () => 0 }), 30000);
    assert.equal(backoffDelay(0, { random: () => 0.5 }), 900);
  });
});

describe('ServerConnection', () => {
  test('reportsConnectingThenConnectedAndSendsAPingAndACapabilitiesWatchOnOpen', () => {
    const clock = new FakeClock();
    const { states } = connect(clock);
    assert.equal(latest().url, 'wss://lanvan.test/ws');
    assert.equal(states.at(-1).status, Status.CONNECTING);

    latest().serverOpens();

    assert.equal(states.at(-1).status, Status.CONNECTED);
    assert.deepEqual(latest().sent, [{ type: 'ping', id: '1' }, { type: 'capabilities.watch', id: 'c1' }]);
  });

  test('measuresRoundTripFromPingToMatchingPong', () => {
    const clock = new FakeClock();
    const { connection } = connect(clock);
    latest().serverOpens();

    clock.advance(37);
    latest().serverSends({ type: 'pong', id: '1', serverTime: '2026-11-25T13:00:00Z' });

    assert.equal(connection.state.rttMs, 37);
    assert.equal(connection.state.serverTime, '2026-11-25T13:00:00Z');
  });

  test('ignoresPongsForPingsItDidNotSend', () => {
    const clock = new FakeClock();
    const { connection } = connect(clock);
    latest().serverOpens();
    clock.advance(5);
    latest().serverSends({ type: 'pong', id: 'someone-else' });
    assert.equal(connection.state.rttMs, null);
  });

  test('pingsAgainAfterTheIntervalAndUpdatesRoundTrip', () => {
    const clock = new FakeClock();
    const { connection } = connect(clock, { pingIntervalMs: 10_000 });
    latest().serverOpens();
    clock.advance(20);
    latest().serverSends({ type: 'pong', id: '1' });

    clock.advance(10_000);
    assert.deepEqual(latest().sent.at(-1), { type: 'ping', id: '2' });
    clock.advance(8);
    latest().serverSends({ type: 'pong', id: '2' });

    assert.equal(connection.state.rttMs, 8);
  });

  test('reconnectsWithGrowingBackoffCappedAtThirtySeconds', () => {
    const clock = new FakeClock();
    const { connection } = connect(clock);
    const waits = [];
    for (let i = 0; i < 7; i++) {
      latest().serverCloses();
      assert.equal(connection.state.status, Status.RECONNECTING);
      waits.push(connection.state.retryInMs);
      const sockets = FakeSocket.instances.length;
      clock.advance(connection.state.retryInMs - 1);
      assert.equal(FakeSocket.instances.length, sockets, 'must not retry before the backoff ends');
      clock.advance(1);
      assert.equal(FakeSocket.instances.length, sockets + 1);
    }
    assert.deepEqual(waits, [1000, 2000, 4000, 8000, 16000, 30000, 30000]);
  });

  test('startsBackoffOverAfterASuccessfulConnection', () => {
    const clock = new FakeClock();
    const { connection } = connect(clock);
    latest().serverCloses();
    clock.advance(1000);
    latest().serverCloses();
    assert.equal(connection.state.retryInMs, 2000);
    clock.advance(2000);

    latest().serverOpens();
    latest().serverCloses();

    assert.equal(connection.state.retryInMs, 1000);
  });

  test('keepsBackingOffWhileTheServerRefusesTheDeviceRightAfterEachOpen', () => {
    const clock = new FakeClock();
    const { connection } = connect(clock);
    const waits = [];
    for (let i = 0; i < 6; i++) {
      latest().serverOpens();
      latest().serverCloses(1008);
      waits.push(connection.state.retryInMs);
      clock.advance(connection.state.retryInMs);
    }
    assert.deepEqual(waits, [2000, 4000, 8000, 16000, 30000, 30000], 'not once a second, for as long as it is refused');

    latest().serverOpens();
    latest().serverCloses();
    assert.equal(connection.state.retryInMs, 1000, 'a connection lost for another reason starts over');
  });

  test('treatsAMissingPongAsALostConnection', () => {
    const clock = new FakeClock();
    const { connection } = connect(clock, { pongTimeoutMs: 5000 });
    const first = latest();
    first.serverOpens();

    clock.advance(5000);

    assert.equal(first.closed, true);
    assert.equal(connection.state.status, Status.RECONNECTING);
  });

  test('reconnectsWhenTheWebSocketConstructorThrows', () => {
    const clock = new FakeClock();
    let calls = 0;
    class Unusable { constructor() { calls += 1; throw new SyntaxError('bad url'); } }
    const { connection } = connect(clock, { WebSocketImpl: Unusable });
    assert.equal(connection.state.status, Status.RECONNECTING);
    clock.advance(1000);
    assert.equal(calls, 2);
  });

  test('reconnectNowSkipsTheRestOfTheBackoff', () => {
    const clock = new FakeClock();
    const { connection } = connect(clock);
    latest().serverCloses();
    clock.advance(1000);
    latest().serverCloses();
    const sockets = FakeSocket.instances.length;

    connection.reconnectNow();

    assert.equal(FakeSocket.instances.length, sockets + 1);
    assert.equal(connection.state.retryInMs, 0);
  });

  test('keepsTheSessionAndReportsTheServersErrorFrames', () => {
    const clock = new FakeClock();
    const { connection } = connect(clock);
    latest().serverOpens();
    latest().serverSends({ type: 'error', code: 'frame-too-large', message: 'Frames are limited to 64 KiB' });
    latest().serverSends('not json');
    latest().serverSends({ type: 'something-new' });

    assert.equal(connection.state.status, Status.CONNECTED);
    assert.deepEqual(connection.state.lastError, { code: 'frame-too-large', message: 'Frames are limited to 64 KiB' });
  });

  test('passesOtherFramesToListenersAndKeepsAnsweredErrorsOutOfLastError', () => {
    const clock = new FakeClock();
    const { connection } = connect(clock);
    const frames = [];
    connection.onFrame((frame) => frames.push(frame.type));
    latest().serverOpens();
    latest().serverSends({ type: 'peers', peers: [] });
    latest().serverSends({ type: 'pong', id: '1' });
    latest().serverSends({ type: 'error', code: 'pairing-failed', message: 'Wrong code', inReplyTo: 's3' });

    assert.deepEqual(frames, ['peers', 'error']);
    assert.equal(connection.state.lastError, null);
  });

  test('runsOpenListenersOnEveryConnectionAndSendsOnlyWhileConnected', () => {
    const clock = new FakeClock();
    const { connection } = connect(clock);
    let opened = 0;
    connection.onOpen(() => {
      opened += 1;
      assert.equal(connection.send({ type: 'hello' }), true);
    });
    assert.equal(connection.send({ type: 'hello' }), false);
    latest().serverOpens();
    latest().serverCloses();
    assert.equal(connection.send({ type: 'rename', name: 'x' }), false);
    clock.advance(1000);
    latest().serverOpens();

    assert.equal(opened, 2);
    assert.deepEqual(latest().sent.map((f) => f.type), ['ping', 'capabilities.watch', 'hello']);
  });

  test('stopClosesTheSocketAndLeavesNoTimersRunning', () => {
    const clock = new FakeClock();
    const { connection } = connect(clock);
    latest().serverOpens();

    connection.stop();

    assert.equal(latest().closed, true);
    assert.equal(connection.state.status, Status.STOPPED);
    assert.equal(clock.pendingTimers, 0);
    latest().serverCloses();
    assert.equal(connection.state.status, Status.STOPPED, 'a late close event must not revive it');
  });
});
