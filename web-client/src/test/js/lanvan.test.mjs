import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, test } from 'node:test';

import { fromBase64Url } from '../../main/resources/static/encoding.js';
import { DeviceIdentity, normalizeDeviceName } from '../../main/resources/static/identity.js';
import { memoryStore } from '../../main/resources/static/keyvalue.js';
import { Lanvan } from '../../main/resources/static/lanvan.js';
import { ServerConnection } from '../../main/resources/static/server/connection.js';
import {
  deviceIdOf, exportIdentityKey, generateIdentityKeyPair, generateKeyShare, helloProofMessage, importIdentityKey, manifestBinding,
  signKeyShare,
} from '../../main/resources/static/transfer/crypto.js';
import { hashPieces } from '../../main/resources/static/transfer/pieces.js';
import { PeerTrust } from '../../main/resources/static/trust.js';
import { fingerprintOf, safetyCode } from '../../main/resources/static/verification.js';
import { FakeSocket } from './fake-socket.mjs';
import { proveAndWelcome } from './hello-server.mjs';
import { eventually, MemoryStorage } from './transfer-fakes.mjs';

const CHROME_LINUX = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36';
const flush = () => new Promise((resolve) => setTimeout(resolve, 5));

describe('device identity', () => {
  test('isMadeOnceAndKeptWithANonExtractablePrivateKey', async () => {
    const store = memoryStore();
    const first = await DeviceIdentity.load({ store, userAgent: CHROME_LINUX });
    const again = await DeviceIdentity.load({ store, userAgent: CHROME_LINUX });
    assert.equal(first.deviceId, await deviceIdOf(first.identityKey), 'the id is the SHA-256 of the key');
    assert.match(first.deviceId, /^[A-Za-z0-9_-]{43}$/);
    assert.equal(again.deviceId, first.deviceId);
    assert.equal(again.identityKey, first.identityKey);
    assert.equal(first.privateKey.extractable, false);
    assert.deepEqual(first.helloFields(), { deviceId: first.deviceId, name: 'Chrome on Linux', platform: 'linux', identityKey: first.identityKey });
  });

  test('aDeviceFromBeforeProtocol2KeepsItsKeyAndTakesTheIdItsKeyGives', async () => {
    const store = memoryStore();
    const keyPair = await generateIdentityKeyPair();
    await store.set('identity', { deviceId: 'random-old-id-1234', keyPair, name: "Ana's laptop" });
    const identity = await DeviceIdentity.load({ store, userAgent: CHROME_LINUX });
    assert.equal(identity.identityKey, await exportIdentityKey(keyPair.publicKey));
    assert.equal(identity.deviceId, await deviceIdOf(identity.identityKey));
    assert.equal(identity.name, "Ana's laptop");
    assert.equal((await store.get('identity')).deviceId, identity.deviceId, 'kept');
  });

  test('provesItsKeyBySigningTheChallengeForTheHostItConnectedTo', async () => {
    const identity = await DeviceIdentity.load({ store: memoryStore(), userAgent: CHROME_LINUX });
    const challenge = { nonce: 'n'.repeat(43), protocol: 2, host: 'lanvan.corp.example:8443' };
    const signature = fromBase64Url(await identity.proveHello(challenge));
    const key = await importIdentityKey(identity.identityKey);
    const ecdsa = { name: 'ECDSA', hash: 'SHA-256' };
    const signed = helloProofMessage({ ...challenge, deviceId: identity.deviceId });
    assert.equal(new TextDecoder().decode(signed), `LANVan hello v2\n${'n'.repeat(43)}\n2\nlanvan.corp.example:8443\n${identity.deviceId}`);
    assert.equal(signature.length, 64, 'r and s, 32 bytes each (P1363), as the server verifies');
    assert.ok(await crypto.subtle.verify(ecdsa, key, signature, signed));
    assert.ok(!await crypto.subtle.verify(ecdsa, key, signature, helloProofMessage({ ...challenge, host: 'evil.example', deviceId: identity.deviceId })));
  });

  test('keepsARenameAndRefusesAnEmptyName', async () => {
    const store = memoryStore();
    const identity = await DeviceIdentity.load({ store, userAgent: CHROME_LINUX });
    assert.equal(await identity.rename("  Ana's\u0007 laptop  "), "Ana's laptop");
    assert.equal((await DeviceIdentity.load({ store, userAgent: CHROME_LINUX })).name, "Ana's laptop");
    assert.throws(() => normalizeDeviceName('   '), RangeError);
    assert.equal(normalizeDeviceName('x'.repeat(100)).length, 64);
  });
});

describe('window.lanvan', () => {
  let socket;
  let lanvan;
  let trustStore;
  let connection;

  beforeEach(() => {
    FakeSocket.instances = [];
    trustStore = memoryStore();
    connection = new ServerConnection({ url: 'wss://lanvan.test/ws', WebSocketImpl: FakeSocket, pongTimeoutMs: 60_000 });
    lanvan = new Lanvan({
      connection,
      identity: DeviceIdentity.load({ store: memoryStore(), userAgent: CHROME_LINUX }),
      trust: new PeerTrust(trustStore),
      storage: new MemoryStorage(),
      routes: { direct: () => new Promise(() => {}), relay: () => new Promise(() => {}) },
    });
    connection.start();
    socket = FakeSocket.latest();
  });

  afterEach(() => {
    lanvan.close();
    connection.stop();
  });

  async function signIn(peers, policy) {
    socket.serverOpens();
    const hello = await eventually(() => socket.lastSent('hello'), { what: 'hello' });
    await proveAndWelcome(socket, hello, { self: { peerId: 'p-me' }, peers, iceServers: [], relay: true, ...(policy ? { policy } : {}) });
    await lanvan.ready;
  }

  async function device(peerId, name) {
    const identity = await generateIdentityKeyPair();
    const identityKey = await exportIdentityKey(identity.publicKey);
    const record = { peerId, deviceId: await deviceIdOf(identityKey), name, platform: 'android', identityKey, rooms: ['network'] };
    return { identity, record, fingerprint: await fingerprintOf(identityKey) };
  }

  async function offerFrom({ identity, record }, transferId = 'tr-0123456789') {
    const files = [{ name: 'a.txt', size: 1, type: 'text/plain', root: (await hashPieces(new Blob(['a']))).root }];
    const share = await generateKeyShare();
    const keyShare = await signKeyShare(identity.privateKey, { role: 'offer', transferId, binding: await manifestBinding(files), publicKey: share.publicKey });
    return { type: 'transfer.offer', from: record.peerId, transferId, route: 'auto', files, totalBytes: 1, keyShare };
  }

  test('isReadyOnceWelcomedAndListsPeersWithTheirFingerprintAndVerification', async () => {
    const ben = await device('p-ben', "Ben's phone");
    await signIn([ben.record]);
    assert.deepEqual(lanvan.self, { id: 'p-me', name: 'Chrome on Linux' });
    assert.deepEqual(lanvan.peers, [{ id: 'p-ben', name: "Ben's phone", platform: 'android', fingerprint: ben.fingerprint, verification: 'unverified' }]);
    assert.equal(lanvan.status, 'online');
  });

  test('autoAcceptAcceptsAnOfferFromAKnownDevice', async () => {
    const ben = await device('p-ben', 'Ben');
    await signIn([ben.record]);
    lanvan.autoAccept = true;
    const incoming = new Promise((resolve) => lanvan.addEventListener('incoming', (e) => resolve(e.detail), { once: true }));
    socket.serverSends(await offerFrom(ben));
    const detail = await incoming;
    assert.deepEqual(detail.from, { id: 'p-ben', name: 'Ben', platform: 'android' });
    assert.deepEqual(detail.files, [{ name: 'a.txt', size: 1, type: 'text/plain' }]);
    const accept = await eventually(() => socket.lastSent('transfer.accept'), { what: 'transfer.accept' });
    assert.equal(accept.to, 'p-ben');
  });

  test('anotherKeyUnderTheNameOfAKnownDeviceIsReportedAsChangedAndNeverAcceptedAutomatically', async () => {
    const original = await device('p-ben', "Ben's phone");
    await signIn([original.record]);
    const impostor = await device('p-ben2', "Ben's phone"); // same chosen name and platform, another key
    const changes = [];
    lanvan.addEventListener('identitychange', (e) => changes.push(e.detail.peer.id));
    socket.serverSends({ type: 'peer.left', peerId: 'p-ben' });
    socket.serverSends({ type: 'peer.joined', peer: impostor.record });
    await eventually(() => changes.length > 0, { what: 'identitychange' });
    assert.deepEqual(changes, ['p-ben2']);
    assert.equal(lanvan.keyChanged('p-ben2'), true);
    assert.equal(lanvan.peers[0].verification, 'changed');

    lanvan.autoAccept = true;
    const incoming = new Promise((resolve) => lanvan.addEventListener('incoming', (e) => resolve(e.detail), { once: true }));
    socket.serverSends(await offerFrom(impostor));
    const detail = await incoming;
    await flush();
    assert.equal(detail.keyChanged, true);
    assert.equal(detail.verification, 'changed');
    assert.equal(detail.transfer.state, 'offered');
    assert.equal(socket.lastSent('transfer.accept'), undefined);

    await lanvan.trustPeer('p-ben2');
    assert.equal(lanvan.keyChanged('p-ben2'), false);
    assert.equal(lanvan.peers[0].verification, 'unverified');
  });

  test('aPeerWhoseDeviceIdIsNotItsKeysIsRefusedNotOfferedAndItsOffersDeclined', async () => {
    const honest = await device('p-ana', 'Ana');
    const liar = await device('p-liar', 'Liar');
    liar.record.deviceId = honest.record.deviceId; // the server claims Ana's id for another key
    await signIn([honest.record, liar.record]);
    assert.deepEqual(lanvan.peers.map((p) => p.id), ['p-ana']);
    assert.deepEqual(lanvan.refusedPeers, [{ id: 'p-liar', name: 'Liar', platform: 'android', reason: 'id-mismatch' }]);
    assert.equal(lanvan.send('p-liar', [new File(['x'], 'x.txt')]).state, 'failed');
    socket.serverSends(await offerFrom(liar));
    const decline = await eventually(() => socket.lastSent('transfer.decline'), { what: 'transfer.decline' });
    assert.equal(decline.to, 'p-liar');
    await assert.rejects(lanvan.peers.markVerified('p-liar'), RangeError);
  });

  test('anOfferWhoseFilesCarryNoPieceRootIsDeclinedAsInvalidUnseen', async () => {
    const ben = await device('p-ben', 'Ben');
    await signIn([ben.record]);
    let shown = 0;
    lanvan.addEventListener('incoming', () => { shown += 1; });
    const offer = await offerFrom(ben);
    socket.serverSends({ ...offer, files: offer.files.map(({ name, size, type }) => ({ name, size, type })) });
    const decline = await eventually(() => socket.lastSent('transfer.decline'), { what: 'transfer.decline' });
    assert.deepEqual([decline.to, decline.reason], ['p-ben', 'invalid']);
    assert.equal(shown, 0);
  });

  test('bothDevicesComputeTheSameSafetyCodeAndAVerificationIsKeptByFingerprint', async () => {
    const ben = await device('p-ben', "Ben's phone");
    await signIn([ben.record]);
    const mine = await lanvan.peers.safetyCode('p-ben');
    assert.match(mine, /^\d{5}( \d{5}){5}$/);
    const benSide = safetyCode(ben.record.identityKey, (await eventually(() => lanvan.identity.identityKey, { what: 'own key' })));
    assert.equal(mine, benSide, 'the code does not depend on who computes it');
    assert.equal(lanvan.identity.fingerprint, await fingerprintOf(lanvan.identity.identityKey));

    const verified = await lanvan.peers.markVerified('p-ben');
    assert.equal(verified.verification, 'verified');
    assert.equal(lanvan.peers[0].verification, 'verified');
    assert.deepEqual(await trustStore.get(`trust:verified:${ben.fingerprint}`).then((r) => r.fingerprint), ben.fingerprint);

    // The same key under a new peerId (a reconnection) is still verified.
    socket.serverSends({ type: 'peer.left', peerId: 'p-ben' });
    socket.serverSends({ type: 'peer.joined', peer: { ...ben.record, peerId: 'p-ben-again' } });
    await eventually(() => lanvan.peers[0]?.id === 'p-ben-again', { what: 'Ben again' });
    assert.equal(lanvan.peers[0].verification, 'verified');
    await lanvan.peers.forgetVerification('p-ben-again');
    assert.equal(lanvan.peers[0].verification, 'unverified');
  });

  test('reportSendsDeviceIdAndReasonAndResolvesOnReportReceived', async () => {
    const ben = await device('p-ben', "Ben's phone");
    await signIn([ben.record]);
    const reported = lanvan.peers.report('p-ben', '  sends spam  ');
    const frame = await eventually(() => socket.lastSent('report'), { what: 'report' });
    assert.deepEqual(Object.keys(frame).sort(), ['deviceId', 'id', 'reason', 'type']);
    assert.equal(frame.deviceId, ben.record.deviceId);
    assert.equal(frame.reason, 'sends spam');
    socket.serverSends({ type: 'report.received', inReplyTo: frame.id });
    assert.deepEqual(await reported, { inReplyTo: frame.id });
    await assert.rejects(lanvan.peers.report('p-ben', 'x'.repeat(201)), RangeError);
  });

  test('aReportAnsweredWithAnErrorFrameRejectsWithAClearMessage', async () => {
    const ben = await device('p-ben', "Ben's phone");
    await signIn([ben.record]);
    const reported = lanvan.peers.report('p-ben', 'spam');
    const frame = await eventually(() => socket.lastSent('report'), { what: 'report' });
    socket.serverSends({ type: 'error', code: 'unknown-type', message: "Unknown message type 'report'", inReplyTo: frame.id });
    await assert.rejects(reported, (error) => error.code === 'unknown-type' && /does not take reports/.test(error.message));
  });

  test('aReportToAServerThatDoesNotAnswerReportsFailsAtOnceWithoutSendingIt', async () => {
    const ben = await device('p-ben', "Ben's phone");
    await signIn([ben.record]);
    socket.serverSends({ type: 'capabilities', available: [], stopped: [], types: ['capabilities.watch', 'hello', 'hello.proof', 'ping'] });
    await assert.rejects(lanvan.peers.report('p-ben', 'spam'),
      (error) => error.code === 'capability-unavailable' && /does not take reports/.test(error.message));
    assert.equal(socket.lastSent('report'), undefined);
  });

  test('aDeviceTheServerRefusesWhileSignedInStaysRefusedWithTheServersWordsUntilWelcomedAgain', async () => {
    const ben = await device('p-ben', "Ben's phone");
    await signIn([ben.record]);
    const statuses = [];
    lanvan.addEventListener('status', ({ detail }) => statuses.push(detail.status));
    const held = 'This device is on hold because of its reputation until an administrator approves it';
    socket.serverSends({ type: 'error', code: 'device-refused', message: held });
    assert.equal(lanvan.status, 'refused');
    assert.deepEqual(lanvan.refusal, { code: 'device-refused', message: held });
    await eventually(() => lanvan.peers.length === 0, { what: 'no peers while refused' });

    socket.serverCloses();
    assert.equal(lanvan.status, 'refused', 'not "reconnecting": the page still says why it is out');
    connection.reconnectNow();
    socket = FakeSocket.latest();
    socket.serverOpens();
    const hello = await eventually(() => socket.lastSent('hello'), { what: 'hello after reconnecting' });
    socket.serverSends({ type: 'error', code: 'device-refused', inReplyTo: hello.id, message: `${held} (device id x)` });
    await eventually(() => lanvan.refusal?.message === `${held} (device id x)`, { what: 'the refusal of the new hello' });
    assert.equal(lanvan.status, 'refused');

    // Approved meanwhile: the next hello is welcomed.
    socket.serverCloses();
    connection.reconnectNow();
    socket = FakeSocket.latest();
    socket.serverOpens();
    const again = await eventually(() => socket.lastSent('hello'), { what: 'hello once approved' });
    await proveAndWelcome(socket, again, { self: { peerId: 'p-me-2' }, peers: [ben.record], iceServers: [], relay: true });
    await eventually(() => lanvan.status === 'online', { what: 'online again' });
    assert.equal(lanvan.refusal, null);
    assert.deepEqual(statuses.filter((s, i) => s !== statuses[i - 1]), ['refused', 'online']);
  });

  test('renameIsKeptAndToldToTheServer', async () => {
    await signIn([]);
    assert.equal(await lanvan.rename('  Kitchen tablet '), 'Kitchen tablet');
    assert.equal(socket.lastSent('rename').name, 'Kitchen tablet');
    assert.equal(lanvan.self.name, 'Kitchen tablet');
  });

  test('sendingToAnUnknownPeerGivesATransferThatFailedWithPeerLeft', async () => {
    await signIn([]);
    const transfer = lanvan.send('p-nobody', [new File(['x'], 'a.txt')]);
    await assert.rejects(transfer.done, (error) => error.code === 'peer-left' && typeof error.message === 'string');
    assert.throws(() => lanvan.send('p-nobody', [new File(['x'], 'a.txt')], { route: 'carrier-pigeon' }), TypeError);
  });
  test('keepsThePolicyFromWelcomeAndEveryPolicyFrameAndTellsOfIt', async () => {
    assert.equal(lanvan.policy.mode, 'hybrid');
    const seen = [];
    lanvan.addEventListener('policy', (e) => seen.push(e.detail.policy));
    await signIn([], { mode: 'p2p-first', maxFileBytes: 0, maxTransferBytes: 0, blockedExtensions: [] });
    assert.equal(lanvan.policy.mode, 'p2p-first');
    socket.serverSends({ type: 'policy', mode: 'server-only', maxFileBytes: 1000, maxTransferBytes: 0, blockedExtensions: ['exe'] });
    assert.deepEqual(lanvan.policy, { mode: 'server-only', maxFileBytes: 1000, maxTransferBytes: 0, blockedExtensions: ['exe'] });
    assert.deepEqual(seen.map((p) => p.mode), ['p2p-first', 'server-only']);
  });

  test('sendRefusesWhatThePolicyForbidsBeforeAnyOffer', async () => {
    const ben = await device('p-ben', 'Ben');
    await signIn([ben.record], { mode: 'hybrid', maxFileBytes: 0, maxTransferBytes: 0, blockedExtensions: ['exe'] });
    await assert.rejects(lanvan.send('p-ben', [new File(['x'], 'setup.exe')]).done,
      { code: 'policy', message: "'setup.exe' has the blocked file type .exe." });
    socket.serverSends({ type: 'policy', mode: 'p2p-first', maxFileBytes: 0, maxTransferBytes: 0, blockedExtensions: [] });
    await assert.rejects(lanvan.send('p-ben', [new File(['x'], 'a.txt')], { route: 'relay' }).done, { code: 'policy', message: /p2p-first/ });
    await flush();
    assert.equal(socket.lastSent('transfer.offer'), undefined);
  });

  test('aPolicyRefusedErrorFrameForAnOfferFailsItWithCodePolicy', async () => {
    const ben = await device('p-ben', 'Ben');
    await signIn([ben.record]);
    const transfer = lanvan.send('p-ben', [new File(['x'], 'setup.exe')]);
    const offer = await eventually(() => socket.lastSent('transfer.offer'), { what: 'the offer' });
    socket.serverSends({ type: 'error', code: 'policy-refused', message: "'setup.exe' has the blocked file type .exe", inReplyTo: offer.id });
    await assert.rejects(transfer.done, { code: 'policy', message: "'setup.exe' has the blocked file type .exe." });
  });
});

