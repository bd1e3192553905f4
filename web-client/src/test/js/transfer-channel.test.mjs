import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import { SecureChannel } from '../../main/resources/static/transfer/channel.js';
import { deriveTransferKey, generateKeyShare, sealFrame } from '../../main/resources/static/transfer/crypto.js';
import { encodeControl, Kind } from '../../main/resources/static/transfer/framing.js';
import { Receiver } from '../../main/resources/static/transfer/receiver.js';
import { eventually, MemoryStorage, transportPair } from './transfer-fakes.mjs';

const TRANSFER = 'tr-channel-test';

async function channels() {
  const a = await generateKeyShare();
  const b = await generateKeyShare();
  const senderKey = await deriveTransferKey(a.keyPair.privateKey, b.publicKey, TRANSFER);
  const receiverKey = await deriveTransferKey(b.keyPair.privateKey, a.publicKey, TRANSFER);
  const [senderSide, receiverSide] = transportPair('direct');
  const seen = { chunks: [], controls: [], errors: [], senderControls: [], closes: [] };
  const sender = new SecureChannel({
    transport: senderSide, key: senderKey, transferId: TRANSFER, role: 'sender', counters: { control: 0 },
    handlers: { control: (m) => seen.senderControls.push(m), error: (e) => seen.errors.push(['sender', e.code]), close: () => {} },
  });
  const receiver = new SecureChannel({
    transport: receiverSide, key: receiverKey, transferId: TRANSFER, role: 'receiver', counters: { control: 0 },
    handlers: {
      chunk: (file, index, bytes) => seen.chunks.push([file, index, bytes.length]),
      control: (m) => seen.controls.push(m),
      error: (e) => seen.errors.push(['receiver', e.code, e.message]),
      close: () => seen.closes.push(seen.controls.length),
    },
  });
  return { sender, receiver, senderSide, receiverSide, senderKey, seen };
}

describe('secure channel', () => {
  test('deliversChunksAndControlInTheOrderTheyWereSent', async () => {
    const { sender, seen } = await channels();
    await Promise.all([sender.sendChunk(0, 0, new Uint8Array(1000)), sender.sendChunk(0, 1, new Uint8Array(10)), sender.sendControl({ t: 'done' })]);
    await eventually(() => seen.controls.length === 1, { what: 'done' });
    assert.deepEqual(seen.chunks, [[0, 0, 1000], [0, 1, 10]]);
    assert.deepEqual(seen.controls, [{ t: 'done' }]);
    assert.deepEqual(seen.errors, []);
  });

  test('aControlMessageThatArrivedJustBeforeTheCloseIsHandledBeforeTheCloseIsReported', async () => {
    const { sender, senderSide, seen } = await channels();
    await sender.sendControl({ t: 'cancel', reason: 'cancelled' });
    senderSide.close(); // arrives while the cancel is still being decrypted
    await eventually(() => seen.closes.length === 1, { what: 'the close' });
    assert.deepEqual(seen.controls, [{ t: 'cancel', reason: 'cancelled' }]);
    assert.deepEqual(seen.closes, [1], 'the cancel first, then the close');
  });

  test('flushWaitsForTheTransportToSendWhatIsQueued', async () => {
    const { sender, senderSide } = await channels();
    let buffered = true;
    senderSide.flush = async () => { while (buffered) await new Promise((resolve) => setTimeout(resolve, 5)); };
    let flushed = false;
    const flushing = sender.sendControl({ t: 'done' }).then(() => sender.flush()).then(() => { flushed = true; });
    await new Promise((resolve) => setTimeout(resolve, 30));
    assert.equal(flushed, false);
    buffered = false;
    await flushing;
    assert.equal(flushed, true);
  });

  test('aReplayedControlFrameIsRefused', async () => {
    const { senderSide, senderKey, seen } = await channels();
    const frame = await sealFrame(senderKey, TRANSFER, { kind: Kind.SENDER_CONTROL, stream: 0xfffffffe, seq: 0 }, encodeControl({ t: 'done' }));
    senderSide.send(frame);
    senderSide.send(frame);
    await eventually(() => seen.errors.length === 1, { what: 'the replay refused' });
    assert.deepEqual(seen.controls, [{ t: 'done' }]);
    assert.deepEqual(seen.errors.map((e) => e.slice(0, 2)), [['receiver', 'protocol']]);
  });

  test('aTamperedFrameIsReportedAsAnIntegrityFailure', async () => {
    const { senderSide, senderKey, seen } = await channels();
    const frame = await sealFrame(senderKey, TRANSFER, { kind: Kind.CHUNK, stream: 0, seq: 0 }, new Uint8Array(64));
    frame[40] ^= 0xff;
    senderSide.send(frame);
    await eventually(() => seen.errors.length === 1, { what: 'the integrity failure' });
    assert.deepEqual(seen.chunks, []);
    assert.deepEqual(seen.errors.map((e) => e.slice(0, 2)), [['receiver', 'integrity']]);
  });

  test('theReceiverRefusesToBeSentChunks', async () => {
    const { receiverSide, senderKey, seen } = await channels();
    // The receiver's own key could seal a chunk, but the sender does not take chunks.
    receiverSide.send(await sealFrame(senderKey, TRANSFER, { kind: Kind.CHUNK, stream: 0, seq: 0 }, new Uint8Array(4)));
    await eventually(() => seen.errors.length === 1, { what: 'the refusal' });
    assert.deepEqual(seen.errors.map((e) => e.slice(0, 2)), [['sender', 'protocol']]);
  });
});

describe('receiver', () => {
  async function receiving(files) {
    const parts = await channels();
    const storage = new MemoryStorage();
    const receiver = new Receiver({
      channel: { sendControl: async (m) => parts.seen.senderControls.push(m) },
      files, openSink: (i) => storage.openSink(TRANSFER, i, files[i]),
    });
    return { ...parts, receiver, storage };
  }

  test('refusesAChunkOutOfOrder', async () => {
    const { receiver } = await receiving([{ name: 'a', size: 100, type: '' }]);
    await receiver.handleChunk(0, 0, new Uint8Array(10));
    await assert.rejects(receiver.handleChunk(0, 2, new Uint8Array(10)), { code: 'protocol', message: /out of order/ });
  });

  test('refusesMoreBytesThanOffered', async () => {
    const { receiver } = await receiving([{ name: 'a', size: 15, type: '' }]);
    await receiver.handleChunk(0, 0, new Uint8Array(10));
    await assert.rejects(receiver.handleChunk(0, 1, new Uint8Array(10)), { code: 'protocol', message: /longer than offered/ });
  });

  test('refusesAFileEndBeforeAllBytesAndDoneBeforeAllFiles', async () => {
    const { receiver } = await receiving([{ name: 'a', size: 15, type: '' }, { name: 'b', size: 0, type: '' }]);
    await receiver.handleChunk(0, 0, new Uint8Array(10));
    await assert.rejects(receiver.handleControl({ t: 'file-end', file: 0, size: 15, sha256: '0'.repeat(64) }), { code: 'protocol' });
    const fresh = (await receiving([{ name: 'a', size: 0, type: '' }, { name: 'b', size: 0, type: '' }])).receiver;
    await fresh.handleControl({ t: 'file-end', file: 0, size: 0, sha256: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855' });
    await assert.rejects(fresh.handleControl({ t: 'done' }), { code: 'protocol', message: /before every file/ });
  });

  test('aWrongHashIsAMismatchNamingTheFile', async () => {
    const { receiver, seen } = await receiving([{ name: 'a', size: 3, type: '' }]);
    await receiver.handleChunk(0, 0, new Uint8Array([1, 2, 3]));
    await assert.rejects(receiver.handleControl({ t: 'file-end', file: 0, size: 3, sha256: 'f'.repeat(64) }), { code: 'hash-mismatch', file: 0 });
    assert.equal(seen.senderControls.some((m) => m.t === 'complete'), false);
  });
});
