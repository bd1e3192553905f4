import assert from 'node:assert/strict';
import { beforeEach, describe, test } from 'node:test';

import { ServerConnection } from '../../main/resources/static/server/connection.js';
import { SignalingClient } from '../../main/resources/static/signaling.js';
import { FakeClock } from '../../../../platform/web/src/test/js/fake-clock.mjs';
import { FakeSocket } from './fake-socket.mjs';

const HELLO = { deviceId: 'dev-0123456789', name: 'Chrome on Linux', platform: 'linux', identityKey: 'MFkwEw' };
const peer = (peerId, name) => ({ peerId, deviceId: `dev-${peerId}`, name, platform: 'android', identityKey: 'key', rooms: ['network'] });
const flush = () => new Promise((resolve) => setImmediate(resolve));

function start(options = {}) {
  const clock = new FakeClock();
  const connection = new ServerConnection({
    url: 'wss://lanvan.test/ws', WebSocketImpl: FakeSocket, clock, backoff: { random: () => 0 }, ...options,
  });
  const proofsAsked = [];
  const proveHello = async (challenge) => { proofsAsked.push(challenge); return `signature-of-${challenge.nonce}`; };
  const signaling = new SignalingClient({ connection, hello: async () => HELLO, proveHello, clock });
  const events = [];
  for (const type of ['welcome', 'peers', 'frame', 'offline', 'unavailable']) {
    signaling.addEventListener(type, (e) => events.push([type, e.detail]));
  }
  connection.start();
  return { clock, connection, signaling, events, proofsAsked };
}

async function welcomed(socket, selfId = 'p-self', peers = []) {
  socket.serverOpens();
  await flush();
  const hello = socket.lastSent('hello');
  socket.serverSends({ type: 'welcome', inReplyTo: hello.id, protocol: 1, self: { peerId: selfId, ...HELLO }, peers, iceServers: [], relay: true });
  return hello;
}

beforeEach(() => { FakeSocket.instances = []; });

describe('signaling client', () => {
  test('saysHelloWithTheDeviceFieldsAsSoonAsTheSocketOpens', async () => {
    const { signaling } = start();
    const hello = await welcomed(FakeSocket.latest(), 'p-self', [peer('p-self', 'me'), peer('p-ben', "Ben's phone")]);
    assert.deepEqual({ ...hello, id: undefined }, { type: 'hello', id: undefined, protocol: 2, ...HELLO });
    assert.equal(signaling.welcome.self.peerId, 'p-self');
    assert.equal(signaling.welcome.relay, true);
    assert.deepEqual(signaling.peers.map((p) => p.peerId), ['p-ben'], 'itself is not a peer');
  });

  test('saysHelloAgainAfterAReconnectAndForgetsPeersMeanwhile', async () => {
    const { clock, signaling, events } = start();
    await welcomed(FakeSocket.latest(), 'p-1', [peer('p-ben', 'Ben')]);
    FakeSocket.latest().serverCloses();
    assert.equal(signaling.welcome, null);
    assert.deepEqual(signaling.peers, []);
    assert.ok(events.some(([type]) => type === 'offline'));

    clock.advance(1000);
    const second = FakeSocket.latest();
    assert.equal(FakeSocket.instances.length, 2);
    await welcomed(second, 'p-2', [peer('p-ben', 'Ben')]);
    assert.equal(second.sent.filter((f) => f.type === 'hello').length, 1);
    assert.equal(signaling.welcome.self.peerId, 'p-2');
  });

  test('anErrorFrameAnsweringARequestRejectsItsPromiseWithTheCode', async () => {
    const { signaling, connection } = start();
    const socket = FakeSocket.latest();
    await welcomed(socket);
    const joining = signaling.pairJoin('123456');
    const join = socket.lastSent('pair.join');
    assert.equal(join.code, '123456');
    socket.serverSends({ type: 'error', code: 'pairing-failed', message: 'That code is wrong or expired', inReplyTo: join.id });
    await assert.rejects(joining, { name: 'SignalingError', code: 'pairing-failed', message: 'That code is wrong or expired' });
    assert.equal(connection.state.lastError, null, 'an answered error is not a page-wide problem');
  });

  test('aRightCodeWaitsForTheCreatorsAnswerAndResolvesOnlyOnPairJoined', async () => {
    const { signaling } = start();
    const socket = FakeSocket.latest();
    await welcomed(socket);
    const waited = [];
    let settled = false;
    const joining = signaling.pairJoin('482913', { onWaiting: (info) => waited.push(info) });
    joining.then(() => { settled = true; }, () => { settled = true; });
    const join = socket.lastSent('pair.join');
    socket.serverSends({ type: 'pair.waiting', inReplyTo: join.id, expiresAt: '2099-01-01T00:00:00Z' });
    await Promise.resolve();
    assert.deepEqual(waited, [{ expiresAt: '2099-01-01T00:00:00Z' }]);
    assert.equal(settled, false, 'not paired while the creator decides');
    socket.serverSends({ type: 'pair.joined', inReplyTo: join.id, peerId: 'p-ana' });
    assert.deepEqual(await joining, { peerId: 'p-ana' });
  });

  test('aRejectionReachesTheJoinerAsPairingDeclined', async () => {
    const { signaling } = start();
    const socket = FakeSocket.latest();
    await welcomed(socket);
    const joining = signaling.pairJoin('482913');
    const join = socket.lastSent('pair.join');
    socket.serverSends({ type: 'pair.waiting', inReplyTo: join.id, expiresAt: '2099-01-01T00:00:00Z' });
    socket.serverSends({ type: 'error', code: 'pairing-declined', message: 'The other device declined the pairing', inReplyTo: join.id });
    await assert.rejects(joining, { code: 'pairing-declined' });
  });

  test('theCreatorHearsWhoJoinedAndAnswers', async () => {
    const { signaling } = start();
    const socket = FakeSocket.latest();
    await welcomed(socket);
    const requests = [];
    signaling.addEventListener('pairrequest', ({ detail }) => requests.push(detail));
    const peerInfo = { peerId: 'p-ben', deviceId: 'd', name: 'Ben', platform: 'linux', identityKey: 'k' };
    socket.serverSends({ type: 'pair.request', code: '482913', expiresAt: '2099-01-01T00:00:00Z', peer: peerInfo });
    assert.deepEqual(requests, [{ code: '482913', expiresAt: '2099-01-01T00:00:00Z', peer: peerInfo }]);
    const confirming = signaling.pairConfirm('482913');
    const confirm = socket.lastSent('pair.confirm');
    assert.equal(confirm.code, '482913');
    socket.serverSends({ type: 'pair.confirmed', inReplyTo: confirm.id, peerId: 'p-ben' });
    assert.deepEqual(await confirming, { peerId: 'p-ben' });
  });

  test('pairCreateResolvesWithTheCodeAndExpiry', async () => {
    const { signaling } = start();
    const socket = FakeSocket.latest();
    await welcomed(socket);
    const creating = signaling.pairCreate();
    socket.serverSends({ type: 'pair.created', inReplyTo: socket.lastSent('pair.create').id, code: '482913', expiresAt: '2026-11-25T14:10:00Z' });
    assert.deepEqual(await creating, { code: '482913', expiresAt: '2026-11-25T14:10:00Z' });
  });

  test('anErrorAboutAFrameWithoutReplyGoesToItsOnErrorCallback', async () => {
    const { signaling } = start();
    const socket = FakeSocket.latest();
    await welcomed(socket);
    const errors = [];
    signaling.send({ type: 'transfer.offer', to: 'p-gone', transferId: 'tr-12345678' }, { onError: (e) => errors.push(e.code) });
    socket.serverSends({ type: 'error', code: 'peer-unavailable', message: 'No such peer', inReplyTo: socket.lastSent('transfer.offer').id });
    assert.deepEqual(errors, ['peer-unavailable']);
  });

  test('pendingRequestsRejectWhenTheConnectionDrops', async () => {
    const { signaling } = start();
    const socket = FakeSocket.latest();
    await welcomed(socket);
    const creating = signaling.pairCreate();
    socket.serverCloses();
    await assert.rejects(creating, { code: 'disconnected' });
  });

  test('requestsTimeOutWhenTheServerNeverAnswers', async () => {
    const { signaling, clock } = start({ pongTimeoutMs: 60_000 });
    await welcomed(FakeSocket.latest());
    const creating = signaling.pairCreate();
    clock.advance(15_000);
    await assert.rejects(creating, { code: 'timeout' });
  });

  test('passesTransferAndSignalFramesOnAndUpdatesPeers', async () => {
    const { events } = start();
    const socket = FakeSocket.latest();
    await welcomed(socket);
    socket.serverSends({ type: 'signal', from: 'p-ben', transferId: 'tr-12345678', data: { candidate: {} } });
    socket.serverSends({ type: 'transfer.cancel', from: 'p-ben', transferId: 'tr-12345678', reason: 'cancelled' });
    socket.serverSends({ type: 'peer.joined', peer: peer('p-ana', 'Ana') });
    socket.serverSends({ type: 'something.else' });
    assert.deepEqual(events.filter(([t]) => t === 'frame').map(([, d]) => d.frame.type), ['signal', 'transfer.cancel']);
    assert.deepEqual(events.filter(([t]) => t === 'peers').at(-1)[1].peers.map((p) => p.name), ['Ana']);
  });

  test('appliesPeerChangesToTheListFromWelcomeInPlace', async () => {
    const { signaling, events } = start();
    const socket = FakeSocket.latest();
    await welcomed(socket, 'p-self', [peer('p-ana', 'Ana'), peer('p-ben', 'Ben')]);
    socket.serverSends({ type: 'peer.updated', peer: peer('p-ana', 'Ana at home') });
    assert.deepEqual(signaling.peers.map((p) => p.name), ['Ana at home', 'Ben'], 'a rename keeps the place');
    socket.serverSends({ type: 'peer.joined', peer: peer('p-cat', 'Cat') });
    socket.serverSends({ type: 'peer.joined', peer: peer('p-self', 'me') });
    socket.serverSends({ type: 'peer.left', peerId: 'p-ben' });
    socket.serverSends({ type: 'peer.left', peerId: 'p-nobody' });
    socket.serverSends({ type: 'peer.joined', peer: 'not a peer' });
    assert.deepEqual(signaling.peers.map((p) => p.peerId), ['p-ana', 'p-cat']);
    assert.equal(events.filter(([t]) => t === 'peers').length, 4, 'one event per change that changed something');
  });

  test('changesBeforeWelcomeAreIgnoredAndTheRetiredCodeIsReported', async () => {
    const { signaling } = start();
    const socket = FakeSocket.latest();
    socket.serverOpens();
    await flush();
    socket.serverSends({ type: 'peer.joined', peer: peer('p-ana', 'Ana') });
    assert.deepEqual(signaling.peers, []);
    const retired = [];
    signaling.addEventListener('pairretired', (e) => retired.push(e.detail));
    socket.serverSends({ type: 'pair.retired', code: '482913', reason: 'too-many-guesses' });
    assert.deepEqual(retired, [{ code: '482913', reason: 'too-many-guesses' }]);
  });

  test('answersTheServersChallengeWithTheProofForTheHostItConnectedToAndIsWelcomedAfterIt', async () => {
    const { signaling, proofsAsked } = start();
    const socket = FakeSocket.latest();
    socket.serverOpens();
    await flush();
    socket.serverSends({ type: 'hello.challenge', inReplyTo: socket.lastSent('hello').id, nonce: 'nonce-1' });
    await flush();
    assert.deepEqual(proofsAsked, [{ nonce: 'nonce-1', protocol: 2, host: 'lanvan.test' }]);
    const proof = socket.lastSent('hello.proof');
    assert.equal(proof.signature, 'signature-of-nonce-1');
    assert.equal(signaling.welcome, null, 'not signed in before the welcome');
    socket.serverSends({ type: 'welcome', inReplyTo: proof.id, protocol: 2, self: { peerId: 'p-self' }, peers: [], iceServers: [], relay: true });
    await flush();
    assert.equal(signaling.welcome.protocol, 2);
    assert.equal(signaling.welcome.self.peerId, 'p-self');
  });

  test('answersAFreshChallengeOnEveryReconnection', async () => {
    const { clock, proofsAsked } = start({ url: 'wss://lanvan.corp.example:8443/ws' });
    for (const nonce of ['first', 'second']) {
      const socket = FakeSocket.latest();
      socket.serverOpens();
      await flush();
      socket.serverSends({ type: 'hello.challenge', inReplyTo: socket.lastSent('hello').id, nonce });
      await flush();
      socket.serverSends({ type: 'welcome', inReplyTo: socket.lastSent('hello.proof').id, self: { peerId: `p-${nonce}` }, peers: [] });
      await flush();
      socket.serverCloses();
      clock.advance(1000);
    }
    assert.deepEqual(proofsAsked.map((c) => [c.nonce, c.host]), [['first', 'lanvan.corp.example:8443'], ['second', 'lanvan.corp.example:8443']]);
  });

  test('aRefusedProofIsReportedWithTheServersReason', async () => {
    const { events } = start();
    const socket = FakeSocket.latest();
    socket.serverOpens();
    await flush();
    socket.serverSends({ type: 'hello.challenge', inReplyTo: socket.lastSent('hello').id, nonce: 'n' });
    await flush();
    socket.serverSends({ type: 'error', code: 'identity-refused', message: 'The signature does not prove this device', inReplyTo: socket.lastSent('hello.proof').id });
    await flush();
    const unavailable = events.find(([t]) => t === 'unavailable');
    assert.equal(unavailable?.[1].error.code, 'identity-refused');
    assert.equal(unavailable?.[1].error.message, 'The signature does not prove this device');
  });

  test('aRefusedHelloReportsTheSignalingCapabilityUnavailable', async () => {
    const { events } = start();
    const socket = FakeSocket.latest();
    socket.serverOpens();
    await flush();
    socket.serverSends({ type: 'error', code: 'unknown-type', message: "Unknown message type 'hello'", inReplyTo: socket.lastSent('hello').id });
    await flush();
    const unavailable = events.find(([t]) => t === 'unavailable');
    assert.equal(unavailable?.[1].error.code, 'unknown-type');
  });

  test('triesHelloAgainLaterWhileTheSignalingCapabilityIsStopped', async () => {
    const { clock, events } = start({ pongTimeoutMs: 60_000, pingIntervalMs: 60_000 });
    const socket = FakeSocket.latest();
    socket.serverOpens();
    await flush();
    socket.serverSends({ type: 'error', code: 'capability-unavailable', message: 'Signaling is stopped', inReplyTo: socket.lastSent('hello').id });
    await flush();
    clock.advance(15_000);
    await flush();
    const hellos = socket.sent.filter((f) => f.type === 'hello');
    assert.equal(hellos.length, 2);
    socket.serverSends({ type: 'welcome', inReplyTo: hellos[1].id, protocol: 1, self: { peerId: 'p-x' }, peers: [], iceServers: [], relay: false });
    await flush();
    assert.ok(events.some(([t]) => t === 'welcome'));
  });
});
