// How a file is cut into chunks, and reading those chunks with File.slice() so that only a chunk
// or two is ever in memory. Knows nothing of the DOM (a Blob is all it needs).

import { FRAME_OVERHEAD, MAX_FRAME_BYTES } from './framing.js';

/** When a route does not say how large its messages may be, this size is safe on every browser. */
export const FALLBACK_MESSAGE_BYTES = 64 * 1024;

/** Plaintext bytes per chunk for a route whose largest message is `maxMessageSize` bytes. */
export function chunkSizeFor(maxMessageSize) {
  let frame = FALLBACK_MESSAGE_BYTES;
  if (maxMessageSize === Infinity) frame = MAX_FRAME_BYTES;
  else if (Number.isFinite(maxMessageSize) && maxMessageSize > 0) frame = Math.min(maxMessageSize, MAX_FRAME_BYTES);
  if (frame <= FRAME_OVERHEAD) throw new RangeError(`Messages of ${frame} bytes cannot carry a chunk`);
  return frame - FRAME_OVERHEAD;
}

export function chunkCount(size, chunkSize) {
  return Math.ceil(size / chunkSize);
}

/** @returns {{index: number, offset: number, length: number}[]} nothing for an empty file */
export function chunkPlan(size, chunkSize) {
  if (!Number.isSafeInteger(size) || size < 0) throw new RangeError('File size must be a non-negative integer');
  if (!Number.isSafeInteger(chunkSize) || chunkSize <= 0) throw new RangeError('Chunk size must be positive');
  const plan = [];
  for (let index = 0, offset = 0; offset < size; index++, offset += chunkSize) {
    plan.push({ index, offset, length: Math.min(chunkSize, size - offset) });
  }
  return plan;
}

/**
 * Yields {index, offset, bytes} for each chunk of `blob`, reading the next slice while the caller
 * works on the current one (one read ahead, so at most two chunks are in memory).
 */
export async function* readChunks(blob, chunkSize) {
  const plan = chunkPlan(blob.size, chunkSize);
  const read = ({ offset, length }) => blob.slice(offset, offset + length).arrayBuffer();
  let next = plan.length ? read(plan[0]) : null;
  for (let i = 0; i < plan.length; i++) {
    const current = next;
    next = i + 1 < plan.length ? read(plan[i + 1]) : null;
    // An unobserved rejection of the read-ahead must not surface if the caller stops early.
    next?.catch(() => {});
    const bytes = new Uint8Array(await current);
    if (bytes.length !== plan[i].length) throw new Error('The file changed while it was being read');
    yield { index: plan[i].index, offset: plan[i].offset, bytes };
  }
}
