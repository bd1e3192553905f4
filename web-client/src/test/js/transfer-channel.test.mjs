import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import { SecureChannel } from '../../main/resources/static/transfer/channel.js';
import { deriveTransferKey, generateKeyShare, sealFrame } from '../../main/resources/static/transfer/crypto.js';
import { encodeControl, Kind } from '../../main/resources/static/transfer/framing.js';
import { ATTEMPT_STRIDE, EMPTY_ROOT, hashPieces, MAX_PIECE_RESENDS } from '../../main/resources/static/transfer/pieces.js';
import { Receiver } from '../../main/resources/static/transfer/receiver.js';
import { Sender } from '../../main/resources/static/transfer/sender.js';
import { toHex } from '../../main/resources/static/encoding.js';
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
  const PIECE = 4;
  async function receiving(files, options = {}) {
    const parts = await channels();
    const storage = new MemoryStorage();
    const receiver = new Receiver({
      channel: { sendControl: async (m) => parts.seen.senderControls.push(m) },
      files, openSink: (i) => storage.openSink(TRANSFER, i, files[i]), pieceBytes: PIECE, ...options,
    });
    return { ...parts, receiver, storage };
  }

  /** A file of `bytes` as offered, with its piece hashes (hex) and root for PIECE-byte pieces. */
  async function offered(name, bytes) {
    const { hashes, root } = await hashPieces(new Blob([bytes]), PIECE);
    return { file: { name, size: bytes.length, type: '', root }, hashes: hashes.map(toHex) };
  }

  test('refusesAChunkOutOfOrder', async () => {
    const { receiver } = await receiving([{ name: 'a', size: 3, type: '', root: EMPTY_ROOT }], { pieceBytes: 100 });
    await receiver.handleChunk(0, 0, new Uint8Array(1));
    await assert.rejects(receiver.handleChunk(0, 2, new Uint8Array(1)), { code: 'protocol', message: /out of order/ });
  });

  test('refusesMoreBytesThanOffered', async () => {
    const { receiver } = await receiving([{ name: 'a', size: 15, type: '', root: EMPTY_ROOT }], { pieceBytes: 100 });
    await receiver.handleChunk(0, 0, new Uint8Array(10));
    await assert.rejects(receiver.handleChunk(0, 1, new Uint8Array(10)), { code: 'protocol', message: /longer than offered/ });
  });

  test('refusesChunksBeforeThePieceHashesAndChunksThatStraddleTwoPieces', async () => {
    const { file } = await offered('a', new Uint8Array(10));
    await assert.rejects((await receiving([file])).receiver.handleChunk(0, 0, new Uint8Array(2)), { code: 'protocol', message: /piece hashes/ });
    const { receiver } = await receiving([file]);
    await receiver.handleControl({ t: 'pieces', file: 0, from: 0, sha256: (await offered('a', new Uint8Array(10))).hashes });
    await receiver.handleChunk(0, 0, new Uint8Array(3));
    await assert.rejects(receiver.handleChunk(0, 1, new Uint8Array(3)), { code: 'protocol', message: /straddles/ });
  });

  test('pieceHashesThatDoNotMatchTheSignedRootAreAMismatch', async () => {
    const { file, hashes } = await offered('a', Uint8Array.from({ length: 10 }, (_, i) => i));
    const { receiver } = await receiving([file]);
    await assert.rejects(receiver.handleControl({ t: 'pieces', file: 0, from: 0, sha256: [hashes[1], hashes[0], hashes[2]] }), { code: 'hash-mismatch', file: 0 });
  });

  test('refusesAFileEndBeforeAllBytesAndDoneBeforeAllFiles', async () => {
    const { receiver } = await receiving([{ name: 'a', size: 15, type: '', root: EMPTY_ROOT }, { name: 'b', size: 0, type: '', root: EMPTY_ROOT }], { pieceBytes: 100 });
    await receiver.handleChunk(0, 0, new Uint8Array(10));
    await assert.rejects(receiver.handleControl({ t: 'file-end', file: 0, size: 15 }), { code: 'protocol' });
    const fresh = (await receiving([{ name: 'a', size: 0, type: '', root: EMPTY_ROOT }, { name: 'b', size: 0, type: '', root: EMPTY_ROOT }])).receiver;
    await fresh.handleControl({ t: 'file-end', file: 0, size: 0 });
    await assert.rejects(fresh.handleControl({ t: 'done' }), { code: 'protocol', message: /before every file/ });
  });

  test('aBadPieceIsAskedForAgainAndTheResentOneCompletesTheFileInOrder', async () => {
    const bytes = Uint8Array.from({ length: 10 }, (_, i) => i + 1);
    const { file, hashes } = await offered('a', bytes);
    let flips = 1;
    const { receiver, seen, storage } = await receiving([file], {
      beforePieceCheck: ({ piece, bytes: seenBytes }) => { if (piece === 1 && flips-- > 0) seenBytes[0] ^= 0xff; },
    });
    await receiver.handleControl({ t: 'pieces', file: 0, from: 0, sha256: hashes });
    // Chunks of 2 bytes: 2 per full piece, so piece 1 is chunks 2 and 3, and piece 2 is chunk 4.
    for (let i = 0; i < 5; i++) await receiver.handleChunk(0, i, bytes.slice(2 * i, 2 * i + 2));
    assert.deepEqual(seen.senderControls.filter((m) => m.t === 'resend'), [{ t: 'resend', file: 0, piece: 1 }]);
    await receiver.handleControl({ t: 'file-end', file: 0, size: 10 });
    await receiver.handleControl({ t: 'done' });
    assert.equal(seen.senderControls.some((m) => m.t === 'complete'), false, 'not complete while a piece is missing');
    await receiver.handleChunk(0, ATTEMPT_STRIDE + 2, bytes.slice(4, 6));
    await receiver.handleChunk(0, ATTEMPT_STRIDE + 3, bytes.slice(6, 8));
    const result = await receiver.result;
    assert.deepEqual(result.files, [{ name: 'a', size: 10, root: file.root }]);
    assert.deepEqual(new Uint8Array(await (await result.sinks[0].file()).arrayBuffer()), bytes);
    assert.deepEqual(seen.senderControls.filter((m) => m.t !== 'resend').slice(-2), [{ t: 'ack', bytes: 14 }, { t: 'complete' }]);
    assert.ok(storage.files.get(`${TRANSFER}/0`).closed);
  });

  test('aPieceThatStaysBadAfterThreeResendsIsAMismatchNamingTheFile', async () => {
    const bytes = new Uint8Array([1, 2, 3]);
    const { file } = await offered('a', bytes);
    const { receiver, seen } = await receiving([file], { beforePieceCheck: ({ bytes: seenBytes }) => { seenBytes[2] ^= 1; } });
    await receiver.handleChunk(0, 0, bytes.slice());
    for (let attempt = 1; attempt <= MAX_PIECE_RESENDS; attempt++) {
      assert.equal(seen.senderControls.filter((m) => m.t === 'resend').length, attempt);
      if (attempt === 1) await receiver.handleControl({ t: 'file-end', file: 0, size: 3 });
      const last = receiver.handleChunk(0, attempt * ATTEMPT_STRIDE, bytes.slice());
      if (attempt < MAX_PIECE_RESENDS) await last;
      else await assert.rejects(last, { code: 'hash-mismatch', file: 0 });
    }
    assert.equal(seen.senderControls.some((m) => m.t === 'complete'), false);
  });

  test('aResentChunkThatWasNotAskedForIsRefused', async () => {
    const { file } = await offered('a', new Uint8Array(3));
    const { receiver } = await receiving([file]);
    await assert.rejects(receiver.handleChunk(0, ATTEMPT_STRIDE, new Uint8Array(3)), { code: 'protocol', message: /not asked for/ });
  });
});

describe('sender', () => {
  test('resendsAPieceAskedForWithTheNextAttemptAndRefusesPiecesNotSentOrAskedForAFourthTime', async () => {
    const bytes = Uint8Array.from({ length: 10 }, (_, i) => i + 1);
    const blob = new Blob([bytes]);
    const sent = [];
    const channel = {
      sendChunk: async (file, seq, chunk) => { sent.push([file, seq, [...chunk]]); },
      sendControl: async (message) => { sent.push(message); },
    };
    const sender = new Sender({ channel, files: [{ name: 'a', size: 10, blob, ...await hashPieces(blob, 4) }], chunkSize: 2, pieceBytes: 4 });
    sender.handleControl({ t: 'ready' });
    const run = sender.run();
    await eventually(() => sent.some((m) => m.t === 'done'), { what: 'the first pass' });
    assert.deepEqual(sent.filter(Array.isArray).map(([, seq]) => seq), [0, 1, 2, 3, 4], 'two 2-byte chunks a 4-byte piece');
    assert.throws(() => sender.handleControl({ t: 'resend', file: 0, piece: 3 }), { code: 'protocol' });
    for (let attempt = 1; attempt <= MAX_PIECE_RESENDS; attempt++) {
      sender.handleControl({ t: 'resend', file: 0, piece: 1 });
      await eventually(() => sent.filter(Array.isArray).length === 5 + 2 * attempt, { what: `resend ${attempt}` });
      assert.deepEqual(sent.filter(Array.isArray).slice(-2), [[0, attempt * ATTEMPT_STRIDE + 2, [5, 6]], [0, attempt * ATTEMPT_STRIDE + 3, [7, 8]]]);
    }
    assert.throws(() => sender.handleControl({ t: 'resend', file: 0, piece: 1 }), { code: 'protocol' });
    sender.handleControl({ t: 'ack', bytes: 10 + 4 * MAX_PIECE_RESENDS });
    sender.handleControl({ t: 'complete' });
    assert.deepEqual(await run, { files: [{ name: 'a', size: 10, root: (await hashPieces(blob, 4)).root }], bytes: 10 });
  });
});
