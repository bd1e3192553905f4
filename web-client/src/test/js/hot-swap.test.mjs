// Hot swap as a page lives it (docs/protocol.md, "Capabilities"): an admin stops signaling, the
// relay or the policy capability and starts it again while the page stays open. The page says what
// is paused, fails sends at once without blaming the peer, and signs in again on its own.

import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, test } from 'node:test';

import { DeviceIdentity } from '../../main/resources/static/identity.js';
import { memoryStore } from '../../main/resources/static/keyvalue.js';
import { Lanvan } from '../../main/resources/static/lanvan.js';
import {
  answers, Capability, pausedCapabilities, readCapabilities, sameCapabilities,
} from '../../main/resources/static/server/capabilities.js';
import { ServerConnection, Status } from '../../main/resources/static/server/connection.js';
import { deviceIdOf, exportIdentityKey, generateIdentityKeyPair } from '../../main/resources/static/transfer/crypto.js';
import { PeerTrust } from '../../main/resources/static/trust.js';
import { describeConnection } from '../../main/resources/static/ui/status.js';
import { FakeSocket } from './fake-socket.mjs';
import { proveAndWelcome } from './hello-server.mjs';
import { eventually, MemoryStorage } from './transfer-fakes.mjs';

const SIGNALING_TYPES = ['capabilities.watch', 'hello', 'hello.proof', 'ping', 'rename', 'signal', 'transfer.accept', 'transfer.offer'];
const ALL = [Capability.POLICY, Capability.RELAY, Capability.SIGNALING];
const without = (list, gone) => list.filter((item) => !gone.includes(item));

/** A capabilities frame with `stopped` capabilities (signaling's types leave with it). */
function capabilities(stopped = [], { inReplyTo } = {}) {
  const types = stopped.includes(Capability.SIGNALING) ? ['capabilities.watch', 'ping'] : SIGNALING_TYPES;
  return { type: 'capabilities', ...(inReplyTo ? { inReplyTo } : {}), available: without(ALL, stopped), stopped, types };
}

const BEN_KEY = await exportIdentityKey((await generateIdentityKeyPair()).publicKey);
const BEN = { peerId: 'p-ben', deviceId: await deviceIdOf(BEN_KEY), name: "Ben's phone", platform: 'android', identityKey: BEN_KEY };
const NO_LIMITS = { mode: 'hybrid', maxFileBytes: 0, maxTransferBytes: 0, blockedExtensions: [] };

describe('capabilities', () => {
  test('readsAFrameIntoSortedFrozenListsAndComparesThem', () => {
    const read = readCapabilities({ type: 'capabilities', available: ['b', 'a', 7], stopped: 'x', types: ['hello'] });
    assert.deepEqual(read, { available: ['a', 'b'], stopped: [], types: ['hello'] });
    assert.ok(Object.isFrozen(read) && Object.isFrozen(read.available));
    assert.ok(sameCapabilities(read, readCapabilities({ available: ['a', 'b'], types: ['hello'] })));
    assert.ok(!sameCapabilities(read, null));
  });

  test('saysInPlainWordsWhatIsPausedAndNothingBeforeTheServerToldAnything', () => {
    assert.deepEqual(pausedCapabilities(null), []);
    assert.equal(answers(null, 'hello'), true, 'an unknown set blocks nothing');
    const paused = pausedCapabilities(readCapabilities(capabilities([Capability.SIGNALING, Capability.RELAY, Capability.POLICY])));
    assert.deepEqual(paused.map((p) => p.capability), [Capability.SIGNALING, Capability.RELAY, Capability.POLICY]);
    assert.equal(paused[0].message,
      "Finding devices is paused: the server's signaling capability is stopped. It will reconnect on its own.");
    assert.match(paused[1].message, /relay capability is stopped\. Direct transfers still work\./);
    assert.match(paused[2].message, /policy capability is stopped/);
  });

  test('theHeaderSaysPausedInsteadOfConnectedWhileSignalingIsStopped', () => {
    const connected = { status: Status.CONNECTED, rttMs: 3, capabilities: readCapabilities(capabilities()) };
    assert.equal(describeConnection(connected, 0).label, 'Connected');
    const paused = { ...connected, capabilities: readCapabilities(capabilities([Capability.SIGNALING])) };
    assert.deepEqual(describeConnection(paused, 0), { label: 'Paused', detail: 'signaling stopped', detailPrefix: '' });
  });
});

describe('a page during hot swap', () => {
  let socket;
  let lanvan;
  let connection;
  let statuses;

  beforeEach(async () => {
    FakeSocket.instances = [];
    connection = new ServerConnection({ url: 'wss://lanvan.test/ws', WebSocketImpl: FakeSocket, pongTimeoutMs: 60_000 });
    lanvan = new Lanvan({
      connection,
      identity: DeviceIdentity.load({ store: memoryStore(), userAgent: 'Mozilla/5.0 (X11; Linux x86_64) Chrome/131.0.0.0' }),
      trust: new PeerTrust(memoryStore()),
      storage: new MemoryStorage(),
      routes: { direct: () => new Promise(() => {}), relay: () => new Promise(() => {}) },
    });
    statuses = [];
    lanvan.addEventListener('status', ({ detail }) => statuses.push(detail.status));
    connection.start();
    socket = FakeSocket.latest();
    socket.serverOpens();
    socket.serverSends(capabilities([], { inReplyTo: socket.lastSent('capabilities.watch').id }));
    await welcome({ policy: { ...NO_LIMITS, maxFileBytes: 1000 } });
  });

  afterEach(() => {
    lanvan.close();
    connection.stop();
  });

  const answered = new Set();

  /** Answers the latest hello with a challenge, checks the proof and welcomes with a list of Ben (waiting for it if it has not left yet). */
  async function welcome({ policy = NO_LIMITS } = {}) {
    const hello = await eventually(() => {
      const latest = socket.lastSent('hello');
      return latest && !answered.has(latest) ? latest : null;
    }, { what: 'an unanswered hello' });
    answered.add(hello);
    await proveAndWelcome(socket, hello, { self: { peerId: `p-me-${answered.size}` }, peers: [BEN], iceServers: [], relay: true, policy });
    await eventually(() => lanvan.status === 'online' && lanvan.peers.length === 1, { what: 'online with Ben' });
  }

  test('signalingStoppingSignsThePageOutAtOnceAndSaysSoInPlainWords', async () => {
    socket.serverSends(capabilities([Capability.SIGNALING]));
    assert.equal(lanvan.status, 'unavailable');
    await eventually(() => lanvan.peers.length === 0, { what: 'peers forgotten' });
    assert.deepEqual(lanvan.paused.map((p) => p.capability), [Capability.SIGNALING]);
    assert.equal(lanvan.self.id, null);
  });

  test('aSendWhileSignalingIsStoppedFailsAtOnceNamingTheServerNotThePeer', async () => {
    socket.serverSends(capabilities([Capability.SIGNALING]));
    const sentBefore = socket.sent.length;
    const transfer = lanvan.send(BEN.peerId, [new File(['hi'], 'note.txt')]);
    const error = await transfer.done.then(() => null, (e) => e);
    assert.equal(error.code, 'unavailable');
    assert.equal(error.byPeer, false);
    assert.match(error.message, /server's signaling capability is stopped/);
    assert.doesNotMatch(error.message, /Ben|did not expect/);
    assert.equal(socket.sent.length, sentBefore, 'nothing was sent to a server that cannot answer');
  });

  test('anOfferInFlightWhenSignalingStopsEndsWithTheServersReason', async () => {
    const transfer = lanvan.send(BEN.peerId, [new File(['hi'], 'note.txt')]);
    await eventually(() => socket.lastSent('transfer.offer'), { what: 'the offer' });
    socket.serverSends(capabilities([Capability.SIGNALING]));
    const error = await transfer.done.then(() => null, (e) => e);
    assert.equal(error.code, 'unavailable');
    assert.equal(error.byPeer, false);
  });

  test('signalingComingBackMakesThePageSayHelloAgainAtOnceAndGetPeersAndPolicy', async () => {
    socket.serverSends(capabilities([Capability.SIGNALING]));
    const hellosBefore = socket.sent.filter((f) => f.type === 'hello').length;
    socket.serverSends(capabilities());
    await eventually(() => socket.sent.filter((f) => f.type === 'hello').length === hellosBefore + 1, { what: 'hello again' });
    await welcome({ policy: { ...NO_LIMITS, blockedExtensions: ['exe'] } });
    assert.deepEqual(lanvan.paused, []);
    assert.deepEqual(lanvan.peers.map((p) => p.id), [BEN.peerId]);
    assert.deepEqual(lanvan.policy.blockedExtensions, ['exe']);
    assert.deepEqual(statuses.slice(-2), ['unavailable', 'online']);
    // Policy pushes reach the page again.
    socket.serverSends({ type: 'policy', mode: 'server-only', maxFileBytes: 0, maxTransferBytes: 0, blockedExtensions: [] });
    assert.equal(lanvan.policy.mode, 'server-only');
  });

  test('aHelloRefusedJustBeforeSignalingReturnsIsRepeatedWhenTheServerSaysItIsBack', async () => {
    socket.serverCloses();
    await eventually(() => FakeSocket.instances.length === 2, { timeoutMs: 3000, what: 'a reconnection' });
    socket = FakeSocket.latest();
    socket.serverOpens();
    const refused = await eventually(() => socket.lastSent('hello'), { what: 'hello on the new socket' });
    socket.serverSends({ type: 'error', code: 'capability-unavailable', message: "The capability answering 'hello' is stopped", inReplyTo: refused.id });
    socket.serverSends(capabilities([Capability.SIGNALING], { inReplyTo: socket.lastSent('capabilities.watch').id }));
    await eventually(() => lanvan.status === 'unavailable', { what: 'unavailable' });
    socket.serverSends(capabilities());
    await eventually(() => socket.sent.filter((f) => f.type === 'hello').length === 2, { what: 'a second hello without waiting 15 s' });
    await welcome();
  });

  test('theRelayStoppingMakesRouteRelayFailAtOnceAndItsReturnMakesItAvailableAgain', async () => {
    socket.serverSends(capabilities([Capability.RELAY]));
    assert.deepEqual(lanvan.paused.map((p) => p.capability), [Capability.RELAY]);
    assert.equal(lanvan.status, 'online', 'direct transfers still work');
    const refused = lanvan.send(BEN.peerId, [new File(['hi'], 'note.txt')], { route: 'relay' });
    const error = await refused.done.then(() => null, (e) => e);
    assert.equal(error.code, 'no-route');
    assert.match(error.message, /limited to the server's relay, which is not available right now/);
    assert.equal(socket.lastSent('transfer.offer'), undefined);

    socket.serverSends(capabilities());
    assert.deepEqual(lanvan.paused, []);
    lanvan.send(BEN.peerId, [new File(['hi'], 'note.txt')], { route: 'relay' });
    const offer = await eventually(() => socket.lastSent('transfer.offer'), { what: 'a relay offer' });
    assert.equal(offer.route, 'relay');
  });

  test('thePolicyStoppingShowsTheServersDefaultsUntilItsReturnPushesThePolicyAgain', async () => {
    assert.equal(lanvan.policy.maxFileBytes, 1000);
    socket.serverSends(capabilities([Capability.POLICY]));
    assert.equal(lanvan.policy.maxFileBytes, 0, 'the server applies its defaults meanwhile');
    assert.deepEqual(lanvan.paused.map((p) => p.capability), [Capability.POLICY]);
    socket.serverSends(capabilities());
    socket.serverSends({ type: 'policy', mode: 'hybrid', maxFileBytes: 1000, maxTransferBytes: 0, blockedExtensions: [] });
    assert.equal(lanvan.policy.maxFileBytes, 1000);
    assert.deepEqual(lanvan.paused, []);
  });
});
