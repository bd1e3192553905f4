// Deterministic file content: the same seed and size give the same bytes in Node and in a page,
// so a page can make a 64 MB (or 1 GB) file slice by slice while the test process computes the
// SHA-256 it must have without ever holding the file.

import { createHash } from 'node:crypto';

export const SLICE_BYTES = 1 << 20;

/**
 * Calls onSlice(Uint8Array) with consecutive slices of at most sliceBytes, size bytes in all.
 * Self-contained (no closure, no imports): its source is also installed into pages as it is.
 * xorshift32 over 32-bit words, in the machine's byte order (Node and Chromium run on the same machine).
 */
export function patternSlices(seed, size, sliceBytes, onSlice) {
  let x = (seed >>> 0) || 0x9e3779b9;
  for (let offset = 0; offset < size; offset += sliceBytes) {
    const length = Math.min(sliceBytes, size - offset);
    const words = new Uint32Array(Math.ceil(length / 4));
    for (let i = 0; i < words.length; i++) {
      x ^= x << 13;
      x ^= x >>> 17;
      x ^= x << 5;
      words[i] = x;
    }
    onSlice(new Uint8Array(words.buffer, 0, length));
  }
}

/** Hex SHA-256 of patternSlices(seed, size). */
export function patternSha256(seed, size) {
  const hash = createHash('sha256');
  patternSlices(seed, size, SLICE_BYTES, (slice) => hash.update(slice));
  return hash.digest('hex');
}

/** Pieces of the data plane (docs/transfer.md, "Pieces"): 4 MiB, a whole number of slices. */
export const PIECE_BYTES = 4 * SLICE_BYTES;

/**
 * Hex piece root of patternSlices(seed, size), computed here on its own (node:crypto): the SHA-256
 * of the SHA-256s of each 4 MiB piece, one after the other.
 */
export function patternRoot(seed, size) {
  const root = createHash('sha256');
  let piece = null;
  let filled = 0;
  patternSlices(seed, size, SLICE_BYTES, (slice) => {
    piece ??= createHash('sha256');
    piece.update(slice);
    filled += slice.length;
    if (filled === PIECE_BYTES) {
      root.update(piece.digest());
      piece = null;
      filled = 0;
    }
  });
  if (piece) root.update(piece.digest());
  return root.digest('hex');
}
