import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import { isDescribedLabel } from '../../main/resources/static/device.js';
import { concatBytes, fromBase64Url, toBase64Url, toHex, utf8 } from '../../main/resources/static/encoding.js';
import { memoryStore } from '../../main/resources/static/keyvalue.js';
import { PeerDirectory } from '../../main/resources/static/peers.js';
import { deviceIdOf, exportIdentityKey, generateIdentityKeyPair } from '../../main/resources/static/transfer/crypto.js';
import { PeerTrust } from '../../main/resources/static/trust.js';
import {
  checkAnnouncedIdentity, fingerprintOf, formatFingerprint, readSafetyQr, safetyCode, safetyQrText,
} from '../../main/resources/static/verification.js';

const newKey = async () => exportIdentityKey((await generateIdentityKeyPair()).publicKey);
const failingStore = () => ({
  get: async () => { throw new Error('IndexedDB broke'); },
  set: async () => { throw new Error('IndexedDB broke'); },
  delete: async () => { throw new Error('IndexedDB broke'); },
});

async function peer(name, { platform = 'android', peerId = `p-${name}` } = {}) {
  const identityKey = await newKey();
  return { peerId, deviceId: await deviceIdOf(identityKey), name, platform, identityKey, fingerprint: await fingerprintOf(identityKey) };
}

describe('safety code', () => {
  test('isSixGroupsOfFiveDigitsAndTheSameWhicheverSideComputesIt', async () => {
    const [a, b] = [await newKey(), await newKey()];
    const code = safetyCode(a, b);
    assert.match(code, /^\d{5}( \d{5}){5}$/);
    assert.equal(safetyCode(b, a), code);
    assert.notEqual(safetyCode(a, await newKey()), code, 'another key gives another code');
  });

  test('followsTheDocumentedDerivation', async () => {
    const { webcrypto } = await import('node:crypto');
    const [a, b] = [await newKey(), await newKey()];
    const [first, second] = [fromBase64Url(a), fromBase64Url(b)].sort((x, y) => Buffer.compare(Buffer.from(x), Buffer.from(y)));
    const u32 = (n) => { const v = new Uint8Array(4); new DataView(v.buffer).setUint32(0, n); return v; };
    let h = new Uint8Array(await webcrypto.subtle.digest('SHA-256',
      concatBytes(utf8('LANVan safety code v1'), new Uint8Array([0]), u32(first.length), first, u32(second.length), second)));
    for (let i = 1; i < 4096; i += 1) h = new Uint8Array(await webcrypto.subtle.digest('SHA-256', h));
    const groups = [0, 1, 2, 3, 4, 5].map((i) => String(BigInt(`0x${toHex(h.subarray(5 * i, 5 * i + 5))}`) % 100000n).padStart(5, '0'));
    assert.equal(safetyCode(a, b), groups.join(' '));
  });

  test('travelsInAQrTextThatOnlyReadsBackAsASafetyCode', () => {
    const code = '01234 56789 01234 56789 01234 56789';
    assert.equal(safetyQrText(code), 'LANVAN-SAFETY-1:012345678901234567890123456789');
    assert.equal(readSafetyQr(safetyQrText(code)), code);
    assert.equal(readSafetyQr('https://example.com'), null);
    assert.equal(readSafetyQr('LANVAN-SAFETY-1:123'), null);
  });

  test('fingerprintIsTheHexOfTheSameDigestAsTheDeviceId', async () => {
    const key = await newKey();
    const fingerprint = await fingerprintOf(key);
    assert.match(fingerprint, /^[0-9a-f]{64}$/);
    assert.equal(toBase64Url(Uint8Array.from(fingerprint.match(/../g), (x) => parseInt(x, 16))), await deviceIdOf(key));
    assert.match(formatFingerprint(fingerprint), /^([0-9a-f]{4} ){15}[0-9a-f]{4}$/);
  });
});

describe('announced identity', () => {
  test('holdsOnlyWhenTheDeviceIdIsTheSha256OfTheKey', async () => {
    const key = await newKey();
    const deviceId = await deviceIdOf(key);
    assert.deepEqual(await checkAnnouncedIdentity({ deviceId, identityKey: key }), { ok: true, fingerprint: await fingerprintOf(key) });
    assert.deepEqual(await checkAnnouncedIdentity({ deviceId: await deviceIdOf(await newKey()), identityKey: key }), { ok: false, reason: 'id-mismatch' });
    assert.deepEqual(await checkAnnouncedIdentity({ deviceId, identityKey: 'MFkwEwYHKoZIzj0CAQ' }), { ok: false, reason: 'malformed-key' });
    assert.deepEqual(await checkAnnouncedIdentity({ deviceId }), { ok: false, reason: 'malformed-key' });
  });

  test('theDirectoryRefusesAMismatchAndAssessesTheRest', async () => {
    const ana = await peer("Ana's laptop");
    const liar = { ...(await peer('Mallory')), deviceId: ana.deviceId };
    const directory = new PeerDirectory({ trust: new PeerTrust(memoryStore()) });
    await directory.update([ana, liar]);
    assert.deepEqual(directory.records.map((p) => [p.peerId, p.verification]), [[ana.peerId, 'unverified']]);
    assert.deepEqual(directory.refused.map((p) => [p.peerId, p.reason]), [[liar.peerId, 'id-mismatch']]);
    assert.equal(directory.find(liar.peerId), null);
  });
});

describe('peer trust', () => {
  test('aVerifiedKeyStaysVerifiedUnderAnyNameAndForgettingUndoesIt', async () => {
    const store = memoryStore();
    const ben = await peer("Ben's phone");
    await new PeerTrust(store).markVerified(ben);
    const later = new PeerTrust(store); // another visit
    assert.equal(await later.assess({ ...ben, name: 'Renamed' }), 'verified');
    await later.forget(ben.fingerprint);
    assert.equal(await later.assess(ben), 'unverified');
  });

  test('anotherKeyUnderAChosenNameIsChangedUnlessTheKnownKeyIsOnlineToo', async () => {
    const trust = new PeerTrust(memoryStore());
    const ben = await peer("Ben's phone");
    assert.equal(await trust.assess(ben), 'unverified', 'first contact');
    const other = await peer("Ben's phone");
    assert.equal(await trust.assess(other), 'changed');
    assert.equal(await trust.assess({ ...other, platform: 'ios' }), 'unverified', 'another platform is another device');
    assert.equal(await trust.assess(other, new Set([ben.fingerprint])), 'unverified', 'two devices of one name at once');
    await trust.acceptKey(other);
    assert.equal(await trust.assess(other), 'unverified');
    assert.equal(await trust.assess(ben), 'changed', 'now the old key is the stranger');
  });

  test('automaticNamesAreSharedByManyDevicesSoOnlyAVerifiedOneIsRecognisedByIt', async () => {
    assert.equal(isDescribedLabel('Chrome on Android'), true);
    assert.equal(isDescribedLabel("Ana's Chrome on Android"), false);
    const trust = new PeerTrust(memoryStore());
    const first = await peer('Chrome on Android');
    const second = await peer('Chrome on Android');
    await trust.assess(first);
    assert.equal(await trust.assess(second), 'unverified');
    await trust.markVerified(first);
    assert.equal(await trust.assess(second), 'changed');
    assert.equal(await trust.assess(first), 'verified');
  });

  test('failsClosedWhenStorageFails', async () => {
    const trust = new PeerTrust(failingStore());
    const ben = await peer("Ben's phone");
    assert.equal(await trust.isVerified(ben.fingerprint), false);
    assert.equal(await trust.assess(ben), 'unverified');
    await assert.rejects(trust.markVerified(ben), /IndexedDB broke/);
    const tampered = memoryStore();
    await tampered.set(`trust:verified:${ben.fingerprint}`, { fingerprint: 'another' });
    assert.equal(await new PeerTrust(tampered).assess(ben), 'unverified', 'a record for another key does not count');
  });
});
