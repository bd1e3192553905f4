import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import { toHex } from '../../main/resources/static/encoding.js';
import {
  deriveTransferKey, exportIdentityKey, generateIdentityKeyPair, generateKeyShare, manifestBinding, offerBinding,
  fingerprintMessage, KeyShareError, openFrame, sdpFingerprints, sealFrame, signDescription, signKeyShare, verifyDescription,
  verifyKeyShare,
} from '../../main/resources/static/transfer/crypto.js';
import { presentedAsVouched } from '../../main/resources/static/transfer/webrtc.js';
import { controlStream, HEADER_BYTES, Kind } from '../../main/resources/static/transfer/framing.js';

const TRANSFER = 'tr-0123456789abcdef';

async function agreedKeys(transferId = TRANSFER, otherTransferId = transferId) {
  const alice = await generateKeyShare();
  const bob = await generateKeyShare();
  return {
    aliceKey: await deriveTransferKey(alice.keyPair.privateKey, bob.publicKey, transferId),
    bobKey: await deriveTransferKey(bob.keyPair.privateKey, alice.publicKey, otherTransferId),
  };
}

const bytes = (...values) => new Uint8Array(values);

describe('transfer key agreement', () => {
  test('bothSidesDeriveTheSameKeyFromEachOthersShares', async () => {
    const { aliceKey, bobKey } = await agreedKeys();
    const frame = await sealFrame(aliceKey, TRANSFER, { kind: Kind.CHUNK, stream: 0, seq: 0 }, bytes(1, 2, 3));
    const opened = await openFrame(bobKey, TRANSFER, frame);
    assert.deepEqual(opened.payload, bytes(1, 2, 3));
  });

  test('anotherTransferIdGivesAnotherKey', async () => {
    const { aliceKey, bobKey } = await agreedKeys(TRANSFER, 'tr-somethingelse');
    const frame = await sealFrame(aliceKey, TRANSFER, { kind: Kind.CHUNK, stream: 0, seq: 0 }, bytes(1));
    await assert.rejects(openFrame(bobKey, TRANSFER, frame));
  });

  test('keysAreNotExtractable', async () => {
    const { aliceKey } = await agreedKeys();
    assert.equal(aliceKey.extractable, false);
    await assert.rejects(crypto.subtle.exportKey('raw', aliceKey));
  });
});

describe('encrypted frames', () => {
  test('roundTripKeepsKindStreamSeqAndPayload', async () => {
    const { aliceKey, bobKey } = await agreedKeys();
    const payload = crypto.getRandomValues(new Uint8Array(1000));
    const frame = await sealFrame(aliceKey, TRANSFER, { kind: Kind.CHUNK, stream: 7, seq: 2 ** 40 + 5 }, payload);
    assert.equal(frame.length, HEADER_BYTES + payload.length + 16);
    const opened = await openFrame(bobKey, TRANSFER, frame.buffer);
    assert.deepEqual({ ...opened, payload: [...opened.payload] }, { kind: 1, stream: 7, seq: 2 ** 40 + 5, payload: [...payload] });
  });

  test('aFlippedByteAnywhereMakesDecryptionFail', async () => {
    const { aliceKey, bobKey } = await agreedKeys();
    const frame = await sealFrame(aliceKey, TRANSFER, { kind: Kind.CHUNK, stream: 0, seq: 3 }, new Uint8Array(64).fill(9));
    for (const position of [HEADER_BYTES, HEADER_BYTES + 30, frame.length - 1, 13, 5]) {
      const tampered = frame.slice();
      tampered[position] ^= 0x01;
      await assert.rejects(openFrame(bobKey, TRANSFER, tampered), `flip at ${position}`);
    }
  });

  test('aChunkPresentedAtAnotherIndexOrFileFails', async () => {
    const { aliceKey, bobKey } = await agreedKeys();
    const frame = await sealFrame(aliceKey, TRANSFER, { kind: Kind.CHUNK, stream: 0, seq: 4 }, bytes(1, 2, 3, 4));
    const otherIndex = frame.slice();
    otherIndex[13] = 5; // seq 4 → 5: the header still parses, the tag must not
    await assert.rejects(openFrame(bobKey, TRANSFER, otherIndex), { name: 'OperationError' });
    const otherFile = frame.slice();
    otherFile[5] = 1;
    await assert.rejects(openFrame(bobKey, TRANSFER, otherFile), { name: 'OperationError' });
  });

  test('aFrameOfAnotherTransferFailsEvenWithTheSameKey', async () => {
    const { aliceKey } = await agreedKeys();
    const frame = await sealFrame(aliceKey, TRANSFER, { kind: Kind.CHUNK, stream: 0, seq: 0 }, bytes(1));
    await assert.rejects(openFrame(aliceKey, 'tr-another-transfer', frame));
  });

  test('noncesDifferAcrossFilesChunksAndBothSidesControlMessages', async () => {
    const { aliceKey } = await agreedKeys();
    const nonces = new Set();
    const fields = [];
    for (let file = 0; file < 4; file++) for (let seq = 0; seq < 50; seq++) fields.push({ kind: Kind.CHUNK, stream: file, seq });
    for (const kind of [Kind.SENDER_CONTROL, Kind.RECEIVER_CONTROL]) {
      for (let seq = 0; seq < 50; seq++) fields.push({ kind, stream: controlStream(kind), seq });
    }
    for (const f of fields) {
      const frame = await sealFrame(aliceKey, TRANSFER, f, bytes(0));
      nonces.add(toHex(frame.subarray(2, 14)));
    }
    assert.equal(nonces.size, fields.length);
  });
});

describe('key share signatures', () => {
  async function signedOffer(identity, files = [{ name: 'a.txt', size: 3, type: 'text/plain' }]) {
    const share = await generateKeyShare();
    const binding = await manifestBinding(files);
    const keyShare = await signKeyShare(identity.privateKey, { role: 'offer', transferId: TRANSFER, binding, publicKey: share.publicKey });
    return { share, binding, keyShare };
  }

  test('aGenuineShareVerifiesWithTheSendersPublishedIdentityKey', async () => {
    const identity = await generateIdentityKeyPair();
    const { share, binding, keyShare } = await signedOffer(identity);
    const published = await exportIdentityKey(identity.publicKey);
    const verified = await verifyKeyShare(published, { role: 'offer', transferId: TRANSFER, binding, keyShare });
    assert.deepEqual(verified, share.publicKey);
  });

  test('theIdentityPrivateKeyCannotBeExported', async () => {
    const identity = await generateIdentityKeyPair();
    assert.equal(identity.privateKey.extractable, false);
    await assert.rejects(crypto.subtle.exportKey('pkcs8', identity.privateKey));
  });

  test('aShareSignedByAnotherDeviceIsRejected', async () => {
    const claimed = await generateIdentityKeyPair();
    const attacker = await generateIdentityKeyPair();
    const { binding, keyShare } = await signedOffer(attacker);
    await assert.rejects(verifyKeyShare(claimed.publicKey, { role: 'offer', transferId: TRANSFER, binding, keyShare }), { name: 'KeyShareError' });
  });

  test('aSwappedPublicKeyWrongRoleTransferOrFileListIsRejected', async () => {
    const identity = await generateIdentityKeyPair();
    const { binding, keyShare } = await signedOffer(identity);
    const other = await generateKeyShare();
    const swapped = { ...keyShare, publicKey: Buffer.from(other.publicKey).toString('base64url') };
    const cases = [
      { role: 'offer', transferId: TRANSFER, binding, keyShare: swapped },
      { role: 'accept', transferId: TRANSFER, binding, keyShare },
      { role: 'offer', transferId: 'tr-other-transfer', binding, keyShare },
      { role: 'offer', transferId: TRANSFER, binding: await manifestBinding([{ name: 'evil.exe', size: 3, type: '' }]), keyShare },
      { role: 'offer', transferId: TRANSFER, binding, keyShare: { publicKey: keyShare.publicKey, signature: 'AAAA' } },
      { role: 'offer', transferId: TRANSFER, binding, keyShare: { publicKey: '***', signature: keyShare.signature } },
    ];
    for (const [i, c] of cases.entries()) {
      await assert.rejects(verifyKeyShare(identity.publicKey, c), { name: 'KeyShareError' }, `case ${i}`);
    }
  });

  test('anAcceptIsBoundToTheOffersKey', async () => {
    const identity = await generateIdentityKeyPair();
    const offer = await generateKeyShare();
    const accept = await generateKeyShare();
    const binding = await offerBinding(offer.publicKey);
    const keyShare = await signKeyShare(identity.privateKey, { role: 'accept', transferId: TRANSFER, binding, publicKey: accept.publicKey });
    await verifyKeyShare(identity.publicKey, { role: 'accept', transferId: TRANSFER, binding, keyShare });
    const otherOffer = await offerBinding((await generateKeyShare()).publicKey);
    await assert.rejects(verifyKeyShare(identity.publicKey, { role: 'accept', transferId: TRANSFER, binding: otherOffer, keyShare }));
  });
});

describe('binding the direct path to the identities', () => {
  const SDP = 'v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\na=fingerprint:sha-256 AB:CD:EF:01\r\nm=application 9 UDP/DTLS/SCTP webrtc-datachannel\r\n'
    + 'a=fingerprint:SHA-256 ab:cd:ef:01\r\n';
  const offer = { type: 'offer', sdp: SDP };

  test('theFingerprintsOfADescriptionAreReadOnceEachInOneForm', () => {
    assert.deepEqual(sdpFingerprints(SDP), ['sha-256 AB:CD:EF:01']);
    assert.deepEqual(sdpFingerprints('v=0\r\n'), []);
  });

  test('theSignedBytesAreTheLabelRoleTransferAndFingerprintsOneALine', () => {
    const text = new TextDecoder().decode(fingerprintMessage({ role: 'answer', transferId: TRANSFER, fingerprints: ['sha-256 AA', 'sha-1 BB'] }));
    assert.equal(text, `lanvan/1 dtls-fingerprint\nanswer\n${TRANSFER}\nsha-256 AA\nsha-1 BB`);
  });

  test('aSignedDescriptionVerifiesAgainstItsSignersKeyOnly', async () => {
    const ana = await generateIdentityKeyPair();
    const mallory = await generateIdentityKeyPair();
    const signature = await signDescription(ana.privateKey, { transferId: TRANSFER, description: offer });
    const anaKey = await exportIdentityKey(ana.publicKey);
    assert.deepEqual(await verifyDescription(anaKey, { transferId: TRANSFER, description: offer, signature }), ['sha-256 AB:CD:EF:01']);
    const byMallory = await signDescription(mallory.privateKey, { transferId: TRANSFER, description: offer });
    await assert.rejects(verifyDescription(anaKey, { transferId: TRANSFER, description: offer, signature: byMallory }), KeyShareError);
  });

  test('aSwappedFingerprintAMissingSignatureOrAnotherRoleOrTransferFailVerification', async () => {
    const ana = await generateIdentityKeyPair();
    const anaKey = await exportIdentityKey(ana.publicKey);
    const signature = await signDescription(ana.privateKey, { transferId: TRANSFER, description: offer });
    const swapped = { type: 'offer', sdp: SDP.replaceAll(/AB:CD:EF:01/gi, '11:22:33:44') };
    for (const [what, args] of [
      ['swapped fingerprint', { transferId: TRANSFER, description: swapped, signature }],
      ['no signature', { transferId: TRANSFER, description: offer, signature: null }],
      ['garbage signature', { transferId: TRANSFER, description: offer, signature: '%%%' }],
      ['offer replayed as answer', { transferId: TRANSFER, description: { type: 'answer', sdp: SDP }, signature }],
      ['another transfer', { transferId: 'tr-another-transfer', description: offer, signature }],
      ['no fingerprint', { transferId: TRANSFER, description: { type: 'offer', sdp: 'v=0\r\n' }, signature }],
    ]) {
      await assert.rejects(verifyDescription(anaKey, args), KeyShareError, what);
    }
  });

  test('theCertificatePresentedMustBeOneTheSignedDescriptionNamed', async () => {
    const pcPresenting = (fingerprint) => ({
      getStats: async () => new Map([
        ['t', { type: 'transport', remoteCertificateId: 'c' }],
        ['c', { type: 'certificate', fingerprint, fingerprintAlgorithm: 'sha-256' }],
      ]),
    });
    assert.equal(await presentedAsVouched(pcPresenting('ab:cd:ef:01'), ['sha-256 AB:CD:EF:01']), true);
    assert.equal(await presentedAsVouched(pcPresenting('11:22:33:44'), ['sha-256 AB:CD:EF:01']), false);
    assert.equal(await presentedAsVouched(pcPresenting('ab:cd:ef:01'), null), false, 'nothing vouched for, nothing accepted');
    assert.equal(await presentedAsVouched({ getStats: async () => new Map() }, ['sha-256 AB:CD:EF:01']), true,
      'a browser that tells nothing leaves the signed description as the check');
  });
});
