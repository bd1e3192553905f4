import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, test } from 'node:test';

import { fromBase64Url } from '../../main/resources/static/encoding.js';
import { DeviceIdentity, normalizeDeviceName, PeerTrust } from '../../main/resources/static/identity.js';
import { memoryStore } from '../../main/resources/static/keyvalue.js';
import { Lanvan } from '../../main/resources/static/lanvan.js';
import { ServerConnection } from '../../main/resources/static/server/connection.js';
import {
  deviceIdOf, exportIdentityKey, generateIdentityKeyPair, generateKeyShare, helloProofMessage, importIdentityKey, manifestBinding,
  signKeyShare,
} from '../../main/resources/static/transfer/crypto.js';
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

  test('trustsOnFirstUseAndReportsAChangedKey', async () => {
    const trust = new PeerTrust(memoryStore());
    assert.equal(await trust.check('dev-ben', 'key-1'), 'new');
    assert.equal(await trust.check('dev-ben', 'key-1'), 'known');
    assert.equal(await trust.check('dev-ben', 'key-2'), 'changed');
    assert.equal(await trust.check('dev-ben', 'key-2'), 'changed', 'a changed key is not adopted silently');
    await trust.trust('dev-ben', 'key-2');
    assert.equal(await trust.check('dev-ben', 'key-2'), 'known');
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
    const record = { peerId, deviceId: `dev-${peerId}`, name, platform: 'android', identityKey: await exportIdentityKey(identity.publicKey), rooms: ['network'] };
    return { identity, record };
  }

  async function offerFrom({ identity, record }, transferId = 'tr-0123456789') {
    const files = [{ name: 'a.txt', size: 1, type: 'text/plain' }];
    const share = await generateKeyShare();
    const keyShare = await signKeyShare(identity.privateKey, { role: 'offer', transferId, binding: await manifestBinding(files), publicKey: share.publicKey });
    return { type: 'transfer.offer', from: record.peerId, transferId, route: 'auto', files, totalBytes: 1, keyShare };
  }

  test('isReadyOnceWelcomedAndListsPeersAsIdNamePlatform', async () => {
    const ben = await device('p-ben', "Ben's phone");
    await signIn([ben.record]);
    assert.deepEqual(lanvan.self, { id: 'p-me', name: 'Chrome on Linux' });
    assert.deepEqual(lanvan.peers, [{ id: 'p-ben', name: "Ben's phone", platform: 'android' }]);
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

  test('aChangedIdentityKeyIsReportedAndNeverAcceptedAutomatically', async () => {
    const original = await device('p-ben', 'Ben');
    await signIn([original.record]);
    const impostor = await device('p-ben2', 'Ben');
    impostor.record.deviceId = original.record.deviceId; // same device id, another key
    const changes = [];
    lanvan.addEventListener('identitychange', (e) => changes.push(e.detail.deviceId));
    socket.serverSends({ type: 'peer.left', peerId: 'p-ben' });
    socket.serverSends({ type: 'peer.joined', peer: impostor.record });
    await eventually(() => changes.length > 0, { what: 'identitychange' });
    assert.deepEqual(changes, ['dev-p-ben']);
    assert.equal(lanvan.keyChanged('p-ben2'), true);

    lanvan.autoAccept = true;
    const incoming = new Promise((resolve) => lanvan.addEventListener('incoming', (e) => resolve(e.detail), { once: true }));
    socket.serverSends(await offerFrom(impostor));
    const detail = await incoming;
    await flush();
    assert.equal(detail.keyChanged, true);
    assert.equal(detail.transfer.state, 'offered');
    assert.equal(socket.lastSent('transfer.accept'), undefined);

    await lanvan.trustPeer('p-ben2');
    assert.equal(lanvan.keyChanged('p-ben2'), false);
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

