import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import { toHex } from '../../main/resources/static/encoding.js';
import { chunkCount, chunkPlan, chunkSizeFor, readChunks } from '../../main/resources/static/transfer/chunker.js';
import { decodeControl, decodeHeader, encodeControl, encodeHeader, Kind, MAX_CHUNK_BYTES } from '../../main/resources/static/transfer/framing.js';
import { EMPTY_ROOT, hashPieces, PIECE_BYTES, piecePlan, readPieces, rootOf } from '../../main/resources/static/transfer/pieces.js';
import { ProgressMeter } from '../../main/resources/static/transfer/progress.js';
import { transferError } from '../../main/resources/static/transfer/outcome.js';

function randomBytes(length) {
  const out = new Uint8Array(length);
  for (let i = 0; i < length; i += 65_536) crypto.getRandomValues(out.subarray(i, i + 65_536));
  return out;
}

describe('framing', () => {
  test('headerRoundTripsAndRejectsControlFramesOnAFileStream', () => {
    const header = encodeHeader({ kind: Kind.CHUNK, stream: 9999, seq: 2 ** 33 + 1 });
    assert.deepEqual(decodeHeader(new Uint8Array([...header, ...new Uint8Array(16)])), { kind: 1, stream: 9999, seq: 2 ** 33 + 1 });
    assert.throws(() => encodeHeader({ kind: Kind.SENDER_CONTROL, stream: 3, seq: 0 }), { name: 'FrameError' });
    assert.throws(() => encodeHeader({ kind: Kind.CHUNK, stream: 10_000, seq: 0 }), { name: 'FrameError' });
    const bad = new Uint8Array(30);
    bad[0] = 2;
    assert.throws(() => decodeHeader(bad), /version/);
    assert.throws(() => decodeHeader(new Uint8Array(10)), /shorter/);
  });

  test('controlMessagesNeedAType', () => {
    assert.deepEqual(decodeControl(encodeControl({ t: 'done' })), { t: 'done' });
    assert.throws(() => decodeControl(new TextEncoder().encode('[1]')), /type/);
    assert.throws(() => decodeControl(new Uint8Array([0xff])), /JSON/);
  });
});

describe('chunker', () => {
  test('anEmptyFileHasNoChunks', () => {
    assert.deepEqual(chunkPlan(0, 100), []);
    assert.equal(chunkCount(0, 100), 0);
  });

  test('anExactMultipleEndsWithAFullChunk', () => {
    assert.deepEqual(chunkPlan(300, 100).map((c) => [c.index, c.offset, c.length]), [[0, 0, 100], [1, 100, 100], [2, 200, 100]]);
  });

  test('aRemainderBecomesAShortLastChunk', () => {
    assert.deepEqual(chunkPlan(250, 100).map((c) => c.length), [100, 100, 50]);
    assert.deepEqual(chunkPlan(1, 100).map((c) => c.length), [1]);
    assert.equal(chunkCount(250, 100), 3);
  });

  test('chunkSizeLeavesRoomForHeaderAndTagWithinTheSmallerLimit', () => {
    assert.equal(chunkSizeFor(262_144), 262_144 - 30);
    assert.equal(chunkSizeFor(1_073_741_823), MAX_CHUNK_BYTES);
    assert.equal(chunkSizeFor(Infinity), MAX_CHUNK_BYTES);
    assert.equal(chunkSizeFor(65_536), 65_506);
    assert.equal(chunkSizeFor(undefined), 65_536 - 30);
  });

  test('readingChunksGivesBackTheWholeFileInOrder', async () => {
    const data = crypto.getRandomValues(new Uint8Array(1000));
    const seen = [];
    const parts = [];
    for await (const { index, offset, bytes } of readChunks(new Blob([data]), 300)) {
      seen.push([index, offset, bytes.length]);
      parts.push(...bytes);
    }
    assert.deepEqual(seen, [[0, 0, 300], [1, 300, 300], [2, 600, 300], [3, 900, 100]]);
    assert.deepEqual(new Uint8Array(parts), data);
  });
});

describe('pieces', () => {
  const digest = async (bytes) => new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));

  test('aPlanCoversTheFileWithFullPiecesAndAShortLastOne', () => {
    assert.deepEqual(piecePlan(0), []);
    assert.deepEqual(piecePlan(10, 4), [{ index: 0, offset: 0, length: 4 }, { index: 1, offset: 4, length: 4 }, { index: 2, offset: 8, length: 2 }]);
    assert.deepEqual(piecePlan(8, 4).map((p) => p.length), [4, 4]);
    assert.equal(piecePlan(PIECE_BYTES * 2 + 1).length, 3);
    assert.throws(() => piecePlan(-1), RangeError);
  });

  test('theRootIsTheSha256OfThePieceHashesOneAfterTheOther', async () => {
    const data = randomBytes(10_000);
    const { hashes, root } = await hashPieces(new Blob([data]), 4096);
    const expected = [data.subarray(0, 4096), data.subarray(4096, 8192), data.subarray(8192)];
    assert.deepEqual(hashes.map(toHex), await Promise.all(expected.map(async (part) => toHex(await digest(part)))));
    const joined = new Uint8Array(96);
    hashes.forEach((hash, i) => joined.set(hash, 32 * i));
    assert.equal(root, toHex(await digest(joined)));
    assert.equal(await rootOf(hashes), root);
  });

  test('anEmptyFileHasTheRootOfNothingAndOnePieceTheHashOfItsHash', async () => {
    assert.equal((await hashPieces(new Blob([]))).root, EMPTY_ROOT);
    assert.equal(EMPTY_ROOT, toHex(await digest(new Uint8Array())));
    assert.equal((await hashPieces(new Blob(['hello']))).root, toHex(await digest(await digest(new TextEncoder().encode('hello')))));
  });

  test('readingPiecesGivesBackTheWholeFileInOrder', async () => {
    const data = randomBytes(9_999);
    const pieces = [];
    for await (const piece of readPieces(new Blob([data]), 4000)) pieces.push(piece);
    assert.deepEqual(pieces.map(({ index, offset, bytes }) => [index, offset, bytes.length]), [[0, 0, 4000], [1, 4000, 4000], [2, 8000, 1999]]);
    assert.deepEqual(new Uint8Array(pieces.flatMap((p) => [...p.bytes])), data);
  });
});

describe('progress', () => {
  test('speedAndTimeLeftFollowASteadyRate', () => {
    const meter = new ProgressMeter(10_000_000);
    meter.update(0, 0);
    let snapshot;
    for (let t = 500; t <= 5000; t += 500) snapshot = meter.update(t * 1000, t); // 1 MB/s
    assert.equal(snapshot.bytesPerSecond, 1_000_000);
    assert.equal(snapshot.etaSeconds, 5);
    assert.equal(snapshot.bytes, 5_000_000);
  });

  test('smoothsASuddenChangeInsteadOfJumping', () => {
    const meter = new ProgressMeter(100_000_000, { halfLifeMs: 2000 });
    meter.update(0, 0);
    for (let t = 1000; t <= 10_000; t += 1000) meter.update(t * 1000, t); // 1 MB/s for 10 s
    const after = meter.update(10_000_000 + 3_000_000, 11_000); // then 3 MB/s for one second
    assert.ok(after.bytesPerSecond > 1_000_000 && after.bytesPerSecond < 3_000_000, `${after.bytesPerSecond}`);
    // 1 + (3 - 1) · (1 - 2^-0.5) ≈ 1.586 MB/s
    assert.equal(Math.round(after.bytesPerSecond / 1000), 1586);
  });

  test('knowsNoTimeLeftBeforeItHasARateAndZeroAtTheEnd', () => {
    const meter = new ProgressMeter(100);
    assert.equal(meter.update(10, 0).etaSeconds, null);
    assert.equal(meter.update(20, 100).bytesPerSecond, 0, 'samples closer than 250 ms do not make a rate');
    assert.equal(meter.update(100, 1000).etaSeconds, 0);
  });
});

describe('the warning when the server altered a transfer', () => {
  test('itSaysWhatWasAlteredAndWhetherThePeerIsVerifiedOnlyWhereThatIsKnown', () => {
    const plain = transferError('verification-failed', { peer: 'Ana', detail: 'connection' });
    assert.match(plain.message, /^The server altered the connection details of this transfer \(the direct-connection details said to come from “Ana”/);
    assert.match(plain.message, /so this transfer was stopped/);
    assert.doesNotMatch(plain.message, /verified/, 'nothing about verification when the page keeps none');
    assert.match(transferError('verification-failed', { peer: 'Ana', detail: 'key-share', verification: 'unverified' }).message,
      /Ana is not verified: compare safety codes/);
    assert.match(transferError('verification-failed', { peer: 'Ana', detail: 'certificate', verification: 'verified' }).message,
      /reached another device .* You verified Ana's safety code/);
    assert.match(transferError('verification-failed', { peer: 'Ana', byPeer: true }).message, /^Ana found the connection details/);
  });
});
