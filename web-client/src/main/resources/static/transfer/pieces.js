// Files are cut into pieces of PIECE_BYTES (the last one shorter; an empty file has none). Each
// piece has a SHA-256, and a file's root is the SHA-256 of its piece hashes one after the other
// (32 bytes each), which the offer's signed binding covers (docs/transfer.md, "Pieces"). WebCrypto
// digests whole buffers far faster than SHA-256 in JS, and a piece is small enough to hold. Knows
// nothing of the DOM (a Blob is all it needs).

import { toHex } from '../encoding.js';

export const PIECE_BYTES = 4 * 1024 * 1024;
export const HASH_BYTES = 32;
/** A bad piece is asked for again at most this many times; then the transfer ends with hash-mismatch. */
export const MAX_PIECE_RESENDS = 3;
/** A chunk's seq is attempt × ATTEMPT_STRIDE + its index in the file: a resent chunk never reuses a nonce. */
export const ATTEMPT_STRIDE = 2 ** 40;
/** Piece hashes per `pieces` control message (each 66 bytes of JSON; messages are at most 16 KiB). */
export const HASHES_PER_MESSAGE = 200;
/** The root of an empty file: the SHA-256 of nothing. */
export const EMPTY_ROOT = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';

/** SHA-256 values are compared as lowercase hex strings of 64 characters. */
export const isSha256Hex = (value) => typeof value === 'string' && /^[0-9a-f]{64}$/.test(value);

const digest = async (bytes) => new Uint8Array(await globalThis.crypto.subtle.digest('SHA-256', bytes));

/** @returns {{index: number, offset: number, length: number}[]} nothing for an empty file */
export function piecePlan(size, pieceBytes = PIECE_BYTES) {
  if (!Number.isSafeInteger(size) || size < 0) throw new RangeError('File size must be a non-negative integer');
  const plan = [];
  for (let index = 0, offset = 0; offset < size; index++, offset += pieceBytes) {
    plan.push({ index, offset, length: Math.min(pieceBytes, size - offset) });
  }
  return plan;
}

export const pieceCount = (size, pieceBytes = PIECE_BYTES) => Math.ceil(size / pieceBytes);

/** The SHA-256 of one piece's bytes (32 bytes). */
export const pieceHash = (bytes) => digest(bytes);

/** A file's root: SHA-256 of its piece hashes concatenated, lowercase hex (SHA-256 of nothing for an empty file). */
export async function rootOf(hashes) {
  const all = new Uint8Array(hashes.length * HASH_BYTES);
  hashes.forEach((hash, i) => all.set(hash, i * HASH_BYTES));
  return toHex(await digest(all));
}

/** Reads `blob` piece by piece (one read ahead) and hashes each: {hashes: Uint8Array[], root: hex}. */
export async function hashPieces(blob, pieceBytes = PIECE_BYTES) {
  const hashes = [];
  for await (const { bytes } of readPieces(blob, pieceBytes)) hashes.push(await pieceHash(bytes));
  return { hashes, root: await rootOf(hashes) };
}

/** Reads one piece of `blob`; throws when the file is shorter than it was. */
export async function readPiece(blob, { offset, length }) {
  const bytes = new Uint8Array(await blob.slice(offset, offset + length).arrayBuffer());
  if (bytes.length !== length) throw new Error('The file changed while it was being read');
  return bytes;
}

/** Yields {index, offset, bytes} for each piece, reading the next while the caller works on this one. */
export async function* readPieces(blob, pieceBytes = PIECE_BYTES) {
  const plan = piecePlan(blob.size, pieceBytes);
  let next = plan.length ? readPiece(blob, plan[0]) : null;
  for (let i = 0; i < plan.length; i++) {
    const current = next;
    next = i + 1 < plan.length ? readPiece(blob, plan[i + 1]) : null;
    // An unobserved rejection of the read-ahead must not surface if the caller stops early.
    next?.catch(() => {});
    yield { ...plan[i], bytes: await current };
  }
}
